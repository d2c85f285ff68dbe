using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>What a person sees in real Chromium: every module opens from the navigation, and the demo data loads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NavigationTests(BrowserAppFixture app, ITestOutputHelper output)
{
    /// <summary>Nav link text, path, page heading; in the order the test clicks them (Dashboard last: it navigates back).</summary>
    public static readonly (string Link, string Path, string Heading)[] Modules =
    [
        ("Cost Explorer", "/explorer", "Cost Explorer"),
        ("Optimization", "/optimization", "Optimization"),
        ("Budgets", "/budgets", "Budgets"),
        ("Reports", "/reports", "Reports"),
        ("Settings", "/settings", "Settings"),
        ("Ingestion", "/ingestion", "Ingestion"),
        ("Dashboard", "/", "Dashboard"),
    ];

    private const int MinimumDemoImports = 8;

    [SkippableFact]
    public async Task EveryModule_OpensFromTheNavigation_WithItsHeadingAndNoErrorUi()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewPageAsync();
        var problems = WatchForErrors(page);
        await RunAsync(page, nameof(EveryModule_OpensFromTheNavigation_WithItsHeadingAndNoErrorUi), async () =>
        {
            await OpenAsync(page, "/");
            await ExpectModuleAsync(page, "Dashboard", "Dashboard");

            foreach (var (link, path, heading) in Modules)
            {
                await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
                await ExpectModuleAsync(page, link, heading);
                await ScreenshotAsync(page, path == "/" ? "dashboard" : path.TrimStart('/'));
            }

            Assert.True(problems.Count == 0, "The browser reported errors:\n" + string.Join('\n', problems));
        });
    }

    [SkippableFact]
    public async Task Ingestion_ShowsEveryDemoImportSucceeded()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewPageAsync();
        var problems = WatchForErrors(page);
        await RunAsync(page, nameof(Ingestion_ShowsEveryDemoImportSucceeded), async () =>
        {
            await OpenAsync(page, "/");
            await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Ingestion", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ingestion");
            await ExpectModuleAsync(page, "Ingestion", "Ingestion");

            // The demo files are imported by Hangfire after start-up; the ledger on the page follows them live.
            var rows = page.Locator("tr[data-testid='import-row']");
            var statuses = Array.Empty<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                statuses = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-status') ?? '')");
                Assert.False(statuses.Any(s => s is "Failed" or "Duplicate"), $"A demo import did not succeed: {Summary(statuses)}");
                if (statuses.Length >= MinimumDemoImports && statuses.All(s => s == "Succeeded"))
                {
                    break;
                }

                await page.WaitForTimeoutAsync(500);
            }

            output.WriteLine($"{statuses.Length} import rows after {clock.Elapsed.TotalSeconds:0.0} s: {Summary(statuses)}");
            Assert.True(statuses.Length >= MinimumDemoImports,
                $"Expected at least {MinimumDemoImports} demo imports on /ingestion within 90 s, saw {statuses.Length}: {Summary(statuses)}");
            Assert.All(statuses, s => Assert.Equal("Succeeded", s));
            await ExpectNoErrorUiAsync(page);
            await ScreenshotAsync(page, "ingestion-demo-loaded");

            // With the data in, the other data-driven pages must still render without errors.
            await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await ExpectModuleAsync(page, "Dashboard", "Dashboard");
            await ScreenshotAsync(page, "dashboard-demo-loaded");
            await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Cost Explorer", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/explorer");
            await ExpectModuleAsync(page, "Cost Explorer", "Cost Explorer");
            await ScreenshotAsync(page, "explorer-demo-loaded");

            Assert.True(problems.Count == 0, "The browser reported errors:\n" + string.Join('\n', problems));
        });
    }

    private static string Summary(IEnumerable<string> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>Signs in as the administrator, opens a path and waits for the interactive circuit: a click on prerendered HTML would be lost.</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        await BrowserAppFixture.SignInAsync(page, BrowserAppFixture.AdminEmail);
        await page.GotoAsync(path);
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
    }

    private static async Task ExpectModuleAsync(IPage page, string link, string heading)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-drawer a.mud-nav-link.active")).ToHaveTextAsync(new Regex($"^\\s*{Regex.Escape(link)}\\s*$"));
        await ExpectNoErrorUiAsync(page);
    }

    private static async Task ExpectNoErrorUiAsync(IPage page)
    {
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(page.GetByText("Page not found")).ToHaveCountAsync(0);
        await Expect(page.GetByText("There is nothing at this address")).ToHaveCountAsync(0);
        await Expect(page.GetByText("An error occurred while processing your request")).ToHaveCountAsync(0);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        // Let charts finish their first animation so the picture shows what a person sees.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Uncaught script errors, console errors and failed requests of the app (the favicon aside).</summary>
    private static List<string> WatchForErrors(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => { lock (problems) { problems.Add("page error: " + error); } };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("favicon", StringComparison.OrdinalIgnoreCase))
            {
                lock (problems) { problems.Add($"console error: {message.Text} ({message.Location})"); }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("favicon", StringComparison.OrdinalIgnoreCase))
            {
                lock (problems) { problems.Add($"HTTP {response.Status} for {response.Url}"); }
            }
        };
        return problems;
    }

    /// <summary>Runs the test body; on failure keeps a screenshot and adds the app's output to the message.</summary>
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
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, $"failed-{name}.png"), FullPage = true });
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
