using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>The Cost Explorer in real Chromium on the demo data: a deep link, two drill-downs by clicking chart bars, the back button.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CostExplorerBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string DeepLink = "/explorer?preset=last-90-days&metric=EffectiveCost&groupBy=ServiceCategory&granularity=Week";

    [SkippableFact]
    public async Task DeepLink_DrillTwiceByClickingBars_ThenBack_WalksTheDrillPath()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, 1920, 1080);
        await RunAsync(page, nameof(DeepLink_DrillTwiceByClickingBars_ThenBack_WalksTheDrillPath), async () =>
        {
            await OpenAsync(page, DeepLink);
            await Expect(page.Locator("[data-testid=crumb]")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=breadcrumb]")).ToContainTextAsync("by Service category");
            await ScreenshotAsync(page, "explorer-1920-deep-link");

            // First drill: a service category → grouped by service.
            await ClickTallestBarAsync(page);
            await WaitForUrlAsync(page, url => url.Contains("filter=ServiceCategory:", StringComparison.Ordinal) && url.Contains("groupBy=ServiceName", StringComparison.Ordinal));
            await Expect(page.Locator("[data-testid=crumb]")).ToHaveCountAsync(2);
            await WaitForChartAsync(page);
            var afterFirst = Uri.UnescapeDataString(page.Url);

            // Second drill: a service → grouped by resource (answered from line items).
            await ClickTallestBarAsync(page);
            await WaitForUrlAsync(page, url => url.Contains("filter=ServiceName:", StringComparison.Ordinal) && url.Contains("groupBy=ResourceId", StringComparison.Ordinal));
            await Expect(page.Locator("[data-testid=crumb]")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-testid=breadcrumb]")).ToContainTextAsync("by Resource");
            await WaitForChartAsync(page);
            await ScreenshotAsync(page, "explorer-1920-drilled-twice");

            // The back button walks the drill path back one step.
            await page.GoBackAsync();
            await WaitForUrlAsync(page, url => url == afterFirst);
            await Expect(page.Locator("[data-testid=crumb]")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=breadcrumb]")).ToContainTextAsync("by Service");
            await WaitForChartAsync(page);

            // Export this view as CSV: its rows in the page's currency add up to the total the page shows.
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());
            var csvPath = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "explorer-export.csv");
            await download.SaveAsAsync(csvPath);
            var shownTotal = (await page.Locator("[data-testid=total]").InnerTextAsync()).Trim(); // "12,345.67 USD"
            var currency = shownTotal[(shownTotal.LastIndexOf(' ') + 1)..];
            Assert.Equal(shownTotal, ExportedTotal(await File.ReadAllLinesAsync(csvPath), currency).ToString("N2", CultureInfo.InvariantCulture) + " " + currency);

            // The breadcrumb walks back to the start.
            await page.Locator("button[data-testid=crumb]").First.ClickAsync();
            await Expect(page.Locator("[data-testid=crumb]")).ToHaveCountAsync(1);
            Assert.DoesNotContain("filter=", page.Url, StringComparison.Ordinal);
            await ExpectNoErrorUiAsync(page);
        });
    }

    [SkippableFact]
    public async Task TableView_WithComparison_HasATotalsRowEqualToTheSummary_AndFitsALaptopScreen()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.ViewerEmail, 1366, 768);
        await RunAsync(page, nameof(TableView_WithComparison_HasATotalsRowEqualToTheSummary_AndFitsALaptopScreen), async () =>
        {
            await OpenAsync(page, "/explorer?preset=last-30-days&groupBy=ServiceName&granularity=Day&compare=true&view=table");
            await Expect(page.Locator("[data-testid=table] [data-testid=total-cost]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            var summary = await page.Locator("[data-testid=total]").InnerTextAsync();
            var totalCost = await page.Locator("[data-testid=total-cost]").InnerTextAsync();
            Assert.StartsWith(totalCost.Trim(), summary.Trim(), StringComparison.Ordinal);
            await Expect(page.Locator("[data-testid=total-change-percent]")).Not.ToBeEmptyAsync();

            // Sorting by a column puts the sort into the URL (replacing the entry: back still walks the drill path).
            await page.Locator("[data-testid=table] th", new() { HasText = "Change %" }).Locator(".sortable-column-header").First.ClickAsync();
            await WaitForUrlAsync(page, url => url.Contains("sort=ChangePercent", StringComparison.Ordinal));

            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, "The page scrolls sideways at 1366x768.");
            await ScreenshotAsync(page, "explorer-1366-table-compare");

            // On a laptop the filter panel slides in on demand and lists a dimension's values with their cost.
            await Expect(page.Locator("[data-testid=filter-panel]")).Not.ToBeInViewportAsync();
            await page.Locator("[data-testid=filters-toggle]").ClickAsync();
            await Expect(page.Locator("[data-testid=filter-panel]")).ToBeInViewportAsync();
            await page.Locator("[data-dimension=ServiceCategory] [data-testid=filter-toggle]").ClickAsync();
            await Expect(page.Locator("[data-testid=filter-value]").First).ToBeVisibleAsync();
            await ScreenshotAsync(page, "explorer-1366-filters-open");

            await page.GotoAsync("/explorer?preset=last-90-days&groupBy=ProviderName,ServiceCategory&granularity=Week&compare=true");
            await WaitForChartAsync(page);
            await ScreenshotAsync(page, "explorer-1366-two-groupings");
            await ExpectNoErrorUiAsync(page);
        });
    }

    /// <summary>
    /// The widest table the explorer shows: two groupings (service, then resource ids up to ARN length), the comparison
    /// columns and the resources' utilization. The money columns an analyst reads stay on screen, with no sideways scrolling
    /// inside the table or the page, on a laptop (the filter panel closed), on a wider laptop with the panel docked beside
    /// the table, and on a desktop.
    /// </summary>
    [SkippableTheory]
    [InlineData(1366, 768)]
    [InlineData(1536, 864)] // a 1920 px laptop at 125 %: the filter panel is docked, the table is narrowest
    [InlineData(1920, 1080)]
    public async Task TableByServiceAndResource_WithComparisonAndUtilization_KeepsCostAndChangeOnScreenWithoutSidewaysScrolling(int width, int height)
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, width, height);
        var name = $"explorer-{width}-table-service-resource-compare-utilization";
        await RunAsync(page, name, async () =>
        {
            await OpenAsync(page, "/explorer?preset=last-30-days&groupBy=ServiceName,ResourceId&granularity=None&view=table&compare=true&sort=Cost:desc");
            var table = page.Locator("[data-testid=table]");
            await Expect(table.Locator("[data-testid=total-cost]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await Expect(table.Locator("tbody [data-testid=utilization]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(table.Locator("tbody [data-testid=cost]")).ToHaveCountAsync(25);
            if (width < 1500)
            {
                await Expect(page.Locator("[data-testid=filter-panel]")).Not.ToBeInViewportAsync();
            }

            await ScreenshotAsync(page, name);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + "-viewport.png") });
            var tableBox = await table.BoundingBoxAsync();
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + "-table.png"),
                FullPage = true,
                Clip = new() { X = tableBox!.X, Y = tableBox.Y, Width = tableBox.Width, Height = tableBox.Height },
            });

            var columns = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('[data-testid=table] thead th')].map(th => `${th.innerText.trim().replace(/\\s+/g, ' ')} ${Math.round(th.getBoundingClientRect().width)} px`).join(', ')");
            output.WriteLine($"Columns at {width}x{height}: {columns}");

            // The money cells (rows and totals) and their headers end inside the window.
            var rights = await page.EvaluateAsync<double[]>(
                """
                () => {
                  const table = document.querySelector('[data-testid=table]');
                  const ids = ['cost', 'change', 'change-percent', 'total-cost', 'total-change', 'total-change-percent'];
                  const cells = ids.flatMap(id => [...table.querySelectorAll(`[data-testid=${id}]`)]).map(e => e.closest('td, th'));
                  const headers = [...table.querySelectorAll('thead th')].filter(th => /^(Cost|Change)/.test(th.innerText.trim()));
                  return [...cells, ...headers].map(e => e.getBoundingClientRect().right);
                }
                """);
            Assert.True(rights.Length >= 3 * 25 + 3 + 3, $"expected the cost, change and change % cells of 25 rows, the totals and the headers; found {rights.Length}");
            Assert.True(rights.Max() <= width, $"a cost or change cell ends at x={rights.Max():0} px, outside the {width} px window; columns: {columns}");
            var costBox = await table.Locator("tbody [data-testid=cost]").First.BoundingBoxAsync();
            Assert.NotNull(costBox);
            Assert.True(costBox.X + costBox.Width <= width, $"the first row's cost ends at x={costBox.X + costBox.Width:0} px, outside the {width} px window");

            // Neither the table nor the page scrolls sideways.
            var scroll = await page.EvaluateAsync<double[]>(
                """
                () => {
                  const grid = document.querySelector('[data-testid=table]');
                  const containers = [grid, ...grid.querySelectorAll('.mud-table-container')];
                  const widest = containers.reduce((a, c) => c.scrollWidth - c.clientWidth > a.scrollWidth - a.clientWidth ? c : a);
                  return [widest.scrollWidth, widest.clientWidth, document.documentElement.scrollWidth, document.documentElement.clientWidth];
                }
                """);
            Assert.True(scroll[0] <= scroll[1], $"the table scrolls sideways: its content is {scroll[0]} px wide in a {scroll[1]} px container; columns: {columns}");
            Assert.True(scroll[2] <= scroll[3], $"the page scrolls sideways: {scroll[2]} px in a {scroll[3]} px window");

            // No column is squeezed: every number fits its cell on one line, every header fits its column, and the service
            // and resource columns keep room for a name.
            var squeezed = await page.EvaluateAsync<string[]>(
                """
                () => {
                  const table = document.querySelector('[data-testid=table]');
                  const lineCount = element => {
                    const range = document.createRange();
                    range.selectNodeContents(element);
                    return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
                  };
                  const numbers = [...table.querySelectorAll('td.explorer-number')]
                    .filter(td => td.scrollWidth > td.clientWidth + 1 || lineCount(td) > 1)
                    .map(td => `number cell "${td.innerText}" overflows or wraps`);
                  const headers = [...table.querySelectorAll('thead th')]
                    .filter(th => th.scrollWidth > th.clientWidth + 1)
                    .map(th => `header "${th.innerText.trim()}" overflows its column`);
                  const groups = [...table.querySelectorAll('tbody tr:first-child td.explorer-cell-group')]
                    .filter(td => td.getBoundingClientRect().width < 120)
                    .map(td => `group column of "${td.innerText.trim()}" is only ${Math.round(td.getBoundingClientRect().width)} px wide`);
                  return [...numbers, ...headers, ...groups];
                }
                """);
            Assert.Empty(squeezed);

            // A resource id keeps its name and shortens the rest; the full id is in the tooltip and on the clipboard.
            var resource = table.Locator("tbody tr").First.Locator("[data-testid=group-1]");
            var fullId = await resource.TextContentAsync();
            Assert.Matches("^(arn:|/|//)", fullId);
            await Expect(resource.Locator("xpath=ancestor::*[@title][1]")).ToHaveAttributeAsync("title", fullId!);
            if (width < 1500)
            {
                Assert.True(await resource.Locator(".group-value-head").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"),
                    "at 1366 px the first resource id is long enough to be shortened before its name");
            }

            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await table.Locator("tbody tr").First.HoverAsync();
            await table.Locator("tbody tr").First.Locator("[data-testid=copy-value]").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Resource copied to the clipboard.");
            Assert.Equal(fullId, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            await ExpectNoErrorUiAsync(page);
        });
    }

    [SkippableFact]
    public async Task DrillPathThroughLongIdentifiers_WrapsInTheBreadcrumb_InsteadOfWideningTheLaptopPage()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        // Identifiers without a hyphen or space to break at: only the breadcrumb's own wrapping keeps them on screen.
        var account = "billing_" + string.Concat(Enumerable.Repeat("3f2a9c417d6e4b8a9c152e8f0a6d4b71", 4));
        var subAccount = "subaccount_" + string.Concat(Enumerable.Repeat("9c152e8f0a6d4b713f2a9c417d6e4b8a", 4));
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, 1366, 768);
        await RunAsync(page, nameof(DrillPathThroughLongIdentifiers_WrapsInTheBreadcrumb_InsteadOfWideningTheLaptopPage), async () =>
        {
            await OpenAsync(page, $"/explorer?preset=last-30-days&groupBy=ServiceName&filter=BillingAccountId:{account}&filter=SubAccountId:{subAccount}&granularity=None&view=table");
            var crumbs = page.Locator("[data-testid=crumb]");
            await Expect(crumbs).ToHaveCountAsync(3);
            await Expect(crumbs.Nth(1)).ToContainTextAsync(account);
            await Expect(crumbs.Nth(2)).ToContainTextAsync(subAccount);
            var edges = await page.EvaluateAsync<double[]>(
                "() => [Math.max(...[...document.querySelectorAll('[data-testid=crumb]')].map(e => e.getBoundingClientRect().right)), document.querySelector('[data-testid=breadcrumb]').getBoundingClientRect().right]");
            Assert.True(edges[0] <= edges[1] + 0.5, $"a breadcrumb step ends at x={edges[0]:0} px, past the breadcrumb's edge at {edges[1]:0} px");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, "The page scrolls sideways at 1366x768.");
            await ScreenshotAsync(page, "explorer-1366-breadcrumb-long-identifiers");
            await ExpectNoErrorUiAsync(page);
        });
    }

    [SkippableFact]
    public async Task TablePage2_ThenBack_ShowsPage1_LineItemsFollowBack_AndSavedViewsCloseOnAnOutsideClick()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, 1920, 1080);
        await RunAsync(page, nameof(TablePage2_ThenBack_ShowsPage1_LineItemsFollowBack_AndSavedViewsCloseOnAnOutsideClick), async () =>
        {
            // Resources: more than one page of 25 rows in the demo data.
            await OpenAsync(page, "/explorer?preset=last-30-days&groupBy=ResourceId&granularity=None&view=table");
            var table = page.Locator("[data-testid=table]");
            await Expect(table.Locator("[data-testid=total-cost]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            var caption = table.Locator(".mud-table-pagination-caption");
            await Expect(caption).ToContainTextAsync("1-25 of");
            var firstRow = await table.Locator("tbody [data-testid=group-0]").First.TextContentAsync(); // the id itself (its two parts are laid out apart)
            Assert.False(string.IsNullOrEmpty(firstRow));
            await ScreenshotAsync(page, "explorer-1920-table-resources");

            await table.Locator("button[aria-label='Next page']").ClickAsync();
            await WaitForUrlAsync(page, url => url.Contains("page=2", StringComparison.Ordinal));
            await Expect(caption).ToContainTextAsync("26-50 of");
            Assert.NotEqual(firstRow, await table.Locator("tbody [data-testid=group-0]").First.TextContentAsync());

            await page.GoBackAsync();
            await WaitForUrlAsync(page, url => !url.Contains("page=", StringComparison.Ordinal));
            await Expect(caption).ToContainTextAsync("1-25 of");
            await Expect(table.Locator("tbody [data-testid=group-0]").First).ToHaveTextAsync(firstRow);

            await page.GoForwardAsync();
            await WaitForUrlAsync(page, url => url.Contains("page=2", StringComparison.Ordinal));
            await Expect(caption).ToContainTextAsync("26-50 of");

            // Line items: page 2, Back, page 1 again.
            await page.Locator(".mud-tab", new() { HasText = "Line items" }).ClickAsync();
            await Expect(page.Locator("[data-testid=line-items-range]")).ToContainTextAsync("1–50 of", new() { Timeout = 30_000 });
            await page.Locator("[data-testid=line-items-pager] button", new() { HasText = "2" }).First.ClickAsync();
            await Expect(page.Locator("[data-testid=line-items-range]")).ToContainTextAsync("51–100 of");
            await ScreenshotAsync(page, "explorer-1920-line-items-page-2");
            await page.GoBackAsync();
            await Expect(page.Locator("[data-testid=line-items-range]")).ToContainTextAsync("1–50 of");

            // Saved views: open, click outside, closed; the focus is back on the button.
            await page.Locator("[data-testid=saved-views]").ClickAsync();
            var panel = page.Locator("[data-testid=saved-views-panel]");
            await Expect(panel).ToBeVisibleAsync();
            await page.Locator("[data-testid=saved-view-name] input, input[data-testid=saved-view-name]").FillAsync("Resources, line items");
            await page.Locator("[data-testid=saved-view-save]").ClickAsync();
            await Expect(page.Locator("[data-testid=saved-view]")).ToHaveCountAsync(1);
            await ScreenshotAsync(page, "explorer-1920-saved-views-open");
            await page.Mouse.ClickAsync(300, 700);
            await Expect(panel).ToHaveCountAsync(0);
            Assert.Equal("saved-views", await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')"));

            // And by keyboard: Enter opens, Escape closes.
            await page.Keyboard.PressAsync("Enter");
            await Expect(panel).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(panel).ToHaveCountAsync(0);
            await ExpectNoErrorUiAsync(page);
        });
    }

    [SkippableFact]
    public async Task LaptopScreen_TableLineItemsAndSavedViews_Screenshots()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, 1366, 768);
        await RunAsync(page, nameof(LaptopScreen_TableLineItemsAndSavedViews_Screenshots), async () =>
        {
            await OpenAsync(page, "/explorer?preset=last-30-days&groupBy=ServiceName,ResourceId&granularity=None&view=table&compare=true");
            await Expect(page.Locator("[data-testid=table] [data-testid=total-cost]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await ScreenshotAsync(page, "explorer-1366-table-two-groupings");
            await page.Locator(".mud-tab", new() { HasText = "Line items" }).ClickAsync();
            await Expect(page.Locator("[data-testid=line-items-range]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ScreenshotAsync(page, "explorer-1366-line-items");
            await page.Locator("[data-testid=saved-views]").ClickAsync();
            await Expect(page.Locator("[data-testid=saved-views-panel]")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "explorer-1366-saved-views-open.png") });
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, "The page scrolls sideways at 1366x768.");
            await ExpectNoErrorUiAsync(page);
        });
    }

    /// <summary>Opens the page, waits for the circuit and for the chart (the demo data may still be loading: the page refreshes when it lands).</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        if (path.Contains("view=table", StringComparison.Ordinal))
        {
            return;
        }

        await page.Locator("[data-testid=time-chart] .finops-chart[data-chart-ready='true']").WaitForAsync(new() { Timeout = 90_000 });
        await WaitForChartAsync(page);
    }

    /// <summary>Polls the address (Blazor navigates with the history API: no load event to wait for).</summary>
    private static async Task WaitForUrlAsync(IPage page, Func<string, bool> predicate)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!predicate(Uri.UnescapeDataString(page.Url)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"The address did not change as expected within 20 s; it is {page.Url}");
            }

            await page.WaitForTimeoutAsync(100);
        }
    }

    /// <summary>Waits until the main chart has drawn bars with a height.</summary>
    private static Task WaitForChartAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => [...(document.querySelector('[data-testid=time-chart] .finops-chart')?.shadowRoot?.querySelectorAll('.apexcharts-series path') ?? [])].some(p => p.getBoundingClientRect().height > 4)",
            null, new() { Timeout = 30_000 });

    /// <summary>Clicks the middle of the tallest bar segment of the main chart (a real click, as a person would).</summary>
    private static async Task ClickTallestBarAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(600); // the bars finish animating into place
        var box = await page.EvaluateAsync<double[]>(
            """
            () => {
              // ApexCharts draws in the chart element's shadow root (see wwwroot/js/apexchart.js).
              const chart = document.querySelector('[data-testid=time-chart] .finops-chart');
              const paths = [...chart.shadowRoot.querySelectorAll('.apexcharts-series path')];
              const boxes = paths.map(p => p.getBoundingClientRect()).filter(b => b.width > 2 && b.height > 4);
              boxes.sort((a, b) => b.height - a.height);
              const b = boxes[0];
              return [b.x + b.width / 2, b.y + b.height / 2];
            }
            """);
        await page.Mouse.ClickAsync((float)box[0], (float)box[1]);
    }

    private static async Task ExpectNoErrorUiAsync(IPage page)
    {
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=load-error]")).ToHaveCountAsync(0);
    }

    /// <summary>The sum of an exported CSV's cost column (the one after BillingCurrency) over the rows of one currency.</summary>
    private static decimal ExportedTotal(string[] lines, string currency)
    {
        static List<string> Fields(string line)
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            return fields;
        }

        var header = Fields(lines[0].TrimStart('\uFEFF'));
        var currencyColumn = header.IndexOf("BillingCurrency");
        Assert.True(currencyColumn >= 0, "the export has a BillingCurrency column: " + lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(Fields).Where(f => f[currencyColumn] == currency)
            .Sum(f => decimal.Parse(f[currencyColumn + 1], NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture));
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the app bar is fixed: a scrolled full-page picture shows it mid-page
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
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
            output.WriteLine($"Screenshots in {BrowserAppFixture.ScreenshotDirectory} ({DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)})");
            await page.Context.CloseAsync();
        }
    }
}
