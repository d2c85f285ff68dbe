using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>The dashboard and the wall screen in real Chromium at wall-screen sizes, and the wall's own reconnect handling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Wall_ShowsKpisForecastTrendAndTopServices_FillingTheScreen(int width, int height)
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AdminEmail, width, height);
        await RunAsync(page, $"wall-{width}x{height}", async () =>
        {
            await OpenWallAsync(page, "/wall");

            await Expect(page.Locator("[data-testid=wall-kpis]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=wall-forecast]")).ToContainTextAsync("Forecast for");
            await Expect(page.Locator("[data-testid=wall-top-services] tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=wall-panel-trend] .finops-chart[data-chart-ready='true']")).ToBeVisibleAsync();
            // Nothing scrolls: the wall is one screen.
            var scrollHeight = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
            Assert.True(scrollHeight <= height, $"The wall is {scrollHeight} px high on a {height} px screen.");
            // The type scales with the screen.
            var fontSize = await page.Locator(".finops-wall").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
            Assert.Equal(Math.Round(width * 0.0145), Math.Round(double.Parse(fontSize.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture)));
            await ScreenshotAsync(page, $"wall-{width}x{height}");
        });
    }

    [SkippableFact]
    public async Task Wall_RotatesBetweenPanels_WhenAskedTo()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AdminEmail, 1920, 1080);
        await RunAsync(page, "wall-rotate", async () =>
        {
            await OpenWallAsync(page, "/wall?rotate=5");
            var body = page.Locator("[data-testid=wall-body]");
            await Expect(body).ToHaveAttributeAsync("data-panel", "overview");
            await Expect(page.Locator("[data-testid=wall-panel-trend]")).ToHaveCountAsync(0);

            await Expect(body).ToHaveAttributeAsync("data-panel", "trend", new() { Timeout = 12_000 });
            await Expect(page.Locator("[data-testid=wall-panel-trend] .finops-chart[data-chart-ready='true']")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "wall-rotate-trend-1920x1080");
            await Expect(body).ToHaveAttributeAsync("data-panel", "spenders", new() { Timeout = 12_000 });
            await Expect(page.Locator("[data-testid=wall-top-teams] tr").First).ToBeVisibleAsync();
            await ScreenshotAsync(page, "wall-rotate-spenders-1920x1080");
        });
    }

    [SkippableFact]
    public async Task Wall_UsesItsOwnReconnectIndicator_NotTheDefaultModal_AndRejoinsAfterALostConnection()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AdminEmail, 1920, 1080);
        await RunAsync(page, "wall-reconnect", async () =>
        {
            await OpenWallAsync(page, "/wall");

            var indicator = page.Locator("#components-reconnect-modal");
            await Expect(indicator).ToHaveCountAsync(1);
            await Expect(indicator).ToHaveAttributeAsync("data-testid", "wall-connection");
            await Expect(page.Locator("dialog#components-reconnect-modal")).ToHaveCountAsync(0);
            await Expect(indicator).ToBeHiddenAsync(); // connected: nothing on screen

            // Blazor's own test hook: the client drops its connection while the server keeps the circuit.
            await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

            await Expect(indicator).ToHaveAttributeAsync("data-last-states", new System.Text.RegularExpressions.Regex(@"\bshow\b.*\bhide\b"), new() { Timeout = 30_000 });
            await Expect(indicator).ToHaveAttributeAsync("data-state", "connected");
            await Expect(page.Locator("dialog")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=wall-clock]")).ToBeVisibleAsync();
        });
    }

    [SkippableFact]
    public async Task Dashboard_At1920x1080_ShowsForecastKpiTrendAndTopSpenders_AndKeepsTheDefaultReconnectModal()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AdminEmail, 1920, 1080);
        await RunAsync(page, "dashboard-1920x1080", async () =>
        {
            await page.GotoAsync("/");
            await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });

            await Expect(page.Locator("[data-testid=kpi-forecast]")).ToContainTextAsync("Forecast for");
            await Expect(page.Locator(".finops-chart[data-chart-ready='true']")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=top-subaccounts] tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("dialog#components-reconnect-modal")).ToHaveCountAsync(1);
            await ScreenshotAsync(page, "dashboard-1920x1080");

            await page.Locator("[data-testid=group-category]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("group=category", StringComparison.Ordinal));
            await Expect(page.GetByText("by service category").First).ToBeVisibleAsync();
        });
    }

    /// <summary>Opens the wall (the page is signed in) and waits for the circuit.</summary>
    private static async Task OpenWallAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        // Set by wall-connection.js once the circuit is up and the wall layout has loaded it.
        await page.Locator("[data-wall-connection='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(2_000); // let the dashboard's chart finish its first animation (the wall does not animate)
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".png") });
    }

    private async Task RunAsync(IPage page, string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not Xunit.SkipException)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, $"failed-{name}.png") });
            }
            catch (PlaywrightException)
            {
                // The page is gone; the message matters more.
            }

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
