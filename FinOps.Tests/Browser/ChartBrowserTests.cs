using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>
/// Charts draw inside a shadow root of their element (decision 015): ApexCharts' own style sheet must be there (its
/// tooltip hidden until hovered), the tooltip must work, and the app's font must still reach the chart's text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartBrowserTests(BrowserAppFixture app)
{
    [SkippableFact]
    public async Task DashboardTrend_DrawsInAShadowRootWithApexChartsStyles_AndShowsAMoneyTooltipOnHover()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewPageAsync();
        await BrowserAppFixture.SignInAsync(page, BrowserAppFixture.AnalystEmail);
        // The trend (other charts, e.g. of budgets other tests created, may be on the dashboard too).
        var chart = page.Locator(".finops-chart[aria-label^='Daily cost by'][data-chart-ready=true]");
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var state = await chart.EvaluateAsync<ChartState>(
            """
            host => {
              const root = host.shadowRoot;
              const tooltip = root?.querySelector('.apexcharts-tooltip');
              const label = root?.querySelector('.apexcharts-xaxis-label');
              return {
                inShadowRoot: !!root && !!root.querySelector('svg.apexcharts-svg') && !host.querySelector('svg'),
                styleSheetInRoot: !!root?.getElementById('apexcharts-css'),
                tooltipOpacity: tooltip ? getComputedStyle(tooltip).opacity : 'none',
                labelFont: label ? getComputedStyle(label).fontFamily : '',
                pageFont: getComputedStyle(host).fontFamily,
              };
            }
            """);
        Assert.True(state.InShadowRoot);
        Assert.True(state.StyleSheetInRoot);
        Assert.Equal("0", state.TooltipOpacity); // ApexCharts' style sheet applies inside the shadow root
        Assert.Equal(state.PageFont, state.LabelFont); // the app's font is inherited

        // Hover the tallest uncovered bar: the tooltip shows, with an amount in the dashboard's currency format. The live demo feed
        // may redraw the chart meanwhile (which hides the tooltip): aim again at the bar as it is now, a few times.
        var bar = chart.Locator(".apexcharts-series path");
        await Expect(bar.First).ToBeVisibleAsync();
        var tooltip = chart.Locator(".apexcharts-tooltip.apexcharts-active");
        for (var attempt = 0; attempt < 5 && !await tooltip.IsVisibleAsync(); attempt++)
        {
            var boxes = await bar.EvaluateAllAsync<double[][]>(
                """
                paths => paths
                  .map(p => ({ p, b: p.getBoundingClientRect() }))
                  .map(({ p, b }) => ({ p, b, x: b.x + b.width / 2, y: b.y + b.height / 2 }))
                  // a bar nothing else covers (a toast, the live indicator): the page and the shadow root both hit it
                  .filter(({ p, b, x, y }) => b.width > 1 && b.height > 4
                    && document.elementFromPoint(x, y) === p.getRootNode().host && p.getRootNode().elementFromPoint(x, y) === p)
                  .sort((a, b) => b.b.height - a.b.height)
                  .map(({ x, y }) => [x, y])
                """);
            Assert.NotEmpty(boxes);
            await page.Mouse.MoveAsync((float)boxes[0][0] - 30, (float)boxes[0][1] - 30);
            await page.Mouse.MoveAsync((float)boxes[0][0], (float)boxes[0][1], new() { Steps = 5 });
            await page.WaitForTimeoutAsync(300);
        }

        try
        {
            await Expect(tooltip).ToBeVisibleAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "failed-dashboard-trend-tooltip.png") });
            throw;
        }

        await Expect(tooltip).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d[\d,]*\.\d\d"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "dashboard-trend-tooltip.png") });
    }

    private sealed class ChartState
    {
        public bool InShadowRoot { get; set; }

        public bool StyleSheetInRoot { get; set; }

        public string TooltipOpacity { get; set; } = "";

        public string LabelFont { get; set; } = "";

        public string PageFont { get; set; } = "";
    }
}
