using System.Text.Json.Nodes;
using FinOps.Tests.Integration.Notifications;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>An administrator sets up a Slack channel in Settings → Notifications in real Chromium and sends it a test message.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Administrator_AddsASlackChannel_SeesItsUrlMasked_AndATestMessageArrives()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        await using var slack = await LocalWebhookListener.StartAsync();
        var url = slack.Url("/services/T0BROWSER/B0BROWSER/browser-secret-token");
        var page = await app.NewPageAsync();
        try
        {
            await BrowserAppFixture.SignInAsync(page, BrowserAppFixture.AdminEmail);
            await page.GotoAsync("/settings?tab=notifications");
            // A click on the prerendered page is lost: wait for the interactive circuit, then for what the test uses.
            await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
            var add = page.Locator("[data-testid=add-channel]");
            await Expect(add).ToBeEnabledAsync();

            await add.ClickAsync();
            var editor = page.Locator("[data-testid=channel-editor]");
            await Expect(editor).ToBeVisibleAsync();
            await editor.Locator("[data-testid=channel-name-input]").FillAsync("Ops Slack");
            await editor.Locator("[data-testid=channel-type]").Locator("xpath=ancestor-or-self::*[contains(@class,'mud-input-control')][1]").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText("Slack", new() { Exact = true }).ClickAsync();
            await Expect(editor).ToContainTextAsync("Incoming Webhooks"); // the Slack hint: the circuit took the choice
            await editor.Locator("[data-testid=channel-target-input]").FillAsync(url);
            await page.Locator("[data-testid=save-channel]").ClickAsync();

            var row = page.Locator("[data-testid=channel-row]").Filter(new() { HasText = "Ops Slack" });
            await Expect(row.Locator("[data-testid=channel-target]")).ToHaveTextAsync($"{slack.BaseUrl}/…oken");
            await Expect(page.GetByText("browser-secret-token")).ToHaveCountAsync(0);

            await row.Locator("[data-testid=test-channel]").ClickAsync();

            await Expect(row.Locator("[data-testid=test-result]")).ToHaveTextAsync("Test message delivered.");
            var received = Assert.Single(slack.Received);
            Assert.Equal("/services/T0BROWSER/B0BROWSER/browser-secret-token", received.Path);
            Assert.StartsWith("[Warning] Test alert from FinOps Cockpit", JsonNode.Parse(received.Body)!["text"]!.GetValue<string>(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "settings-notifications.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is not Xunit.SkipException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "failed-settings-notifications.png"), FullPage = true });
            var log = app.AppOutput;
            output.WriteLine(log);
            throw new XunitException($"{ex.Message}\n--- app output (last 6000 characters) ---\n{log[Math.Max(0, log.Length - 6000)..]}", ex);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
