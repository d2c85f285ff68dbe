using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using FinOps.Domain.Administration;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Domain.Persistence;
using FinOps.Tests.Components.Pages;
using FinOps.Tests.Support;
using FinOps.Web.Features.CostExplorer;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Tests.Components.CostExplorer;

/// <summary>
/// The Cost Explorer's table and line items in the browser history (the fake clock stands at 2024-10-15 12:00 UTC): a
/// page or sort change pushes an entry, going back to an older URL moves the grid to it, and each position is loaded
/// once. Store round trips are counted through the context factory every domain service uses.
/// </summary>
public sealed class CostExplorerHistoryTests : PageTestContext
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    public CostExplorerHistoryTests()
    {
        CountingContextFactory.Register(Services);
    }

    private CountingContextFactory Store => Services.GetRequiredService<CountingContextFactory>();

    /// <summary>Where popover content (select items) renders.</summary>
    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private static string Stamp(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>
    /// Thirty services in the last 30 days, "Service 01" costing 1 up to "Service 30" costing 30 (two table pages of 25),
    /// each in <paramref name="rowsPerService"/> line items.
    /// </summary>
    private async Task ImportThirtyServicesAsync(int rowsPerService = 1)
    {
        await InitializeStoreAsync();
        var csv = new FocusCsv();
        for (var n = 0; n < 30 * rowsPerService; n++)
        {
            var i = 1 + (n % 30);
            var day = Today.AddDays(-1 - (i % 20));
            csv.Row([
                ("ChargePeriodStart", Stamp(day)), ("ChargePeriodEnd", Stamp(day.AddDays(1))),
                ("BillingPeriodStart", Stamp(new DateOnly(day.Year, day.Month, 1))), ("BillingPeriodEnd", Stamp(new DateOnly(day.Year, day.Month, 1).AddMonths(1))),
                ("BilledCost", i.ToString(CultureInfo.InvariantCulture)), ("EffectiveCost", i.ToString(CultureInfo.InvariantCulture)),
                ("ServiceCategory", "Compute"), ("ServiceName", $"Service {i:D2}"), ("ResourceId", $"res-{i:D2}"), ("BillingCurrency", "USD"),
            ]);
        }

        await ImportAsync(csv.ToCsv());

        // Every dimension value known to the cache, so a count of round trips measures loads, not first sightings.
        await using var db = await Services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();
        var ids = await db.DimensionValues.Select(d => d.Id).ToListAsync();
        await Services.GetRequiredService<DimensionCache>().ResolveAsync(ids, CancellationToken.None);
    }

    private IRenderedComponent<CostExplorerPage> Open(string query)
    {
        SignIn("analyst@example.com", Roles.Analyst);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-1"));
        _popovers = Render<MudPopoverProvider>();
        Navigation.NavigateTo("/explorer" + query);
        var cut = Render<CostExplorerPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='loading']")));
        return cut;
    }

    /// <summary>The history entry of the current address (bUnit lists the newest first).</summary>
    private NavigationHistory LatestEntry()
    {
        var latest = Navigation.History.First();
        Assert.Equal(Navigation.Uri, Navigation.ToAbsoluteUri(latest.Uri).ToString());
        return latest;
    }

    private ExplorerState UrlState() => ExplorerUrl.Parse(new Uri(Navigation.Uri).Query, Today).State;

    private static List<string> TableGroups(IRenderedComponent<CostExplorerPage> cut) =>
        [.. cut.FindAll("[data-testid='table'] tbody [data-testid='group-0']").Select(c => c.TextContent.Trim())];

    private static string PagerInfo(IRenderedComponent<CostExplorerPage> cut) =>
        cut.Find("[data-testid='table'] .mud-table-pagination-caption").TextContent.Trim();

    /// <summary>The direction the grid shows on a column header ("ascending", "descending" or "none").</summary>
    private static string SortShown(IRenderedComponent<CostExplorerPage> cut, string title)
    {
        var header = cut.FindAll("[data-testid='table'] th").First(h => h.TextContent.Trim().StartsWith(title, StringComparison.Ordinal));
        var icon = header.QuerySelector(".sort-direction-icon, .mud-direction-asc, .mud-direction-desc");
        return header.GetAttribute("aria-sort")
            ?? (icon is null ? "none" : icon.ClassList.Contains("mud-direction-desc") ? "descending" : icon.ClassList.Contains("mud-direction-asc") ? "ascending" : "none");
    }

    [Fact]
    public async Task TablePageAndSort_PushHistoryEntries_AndGoingBackMovesTheGrid_WithOneLoadPerPosition()
    {
        await ImportThirtyServicesAsync();
        var cut = Open("?preset=last-30-days&groupBy=ServiceName&view=table");
        var first = Navigation.Uri;
        cut.WaitForAssertion(() => Assert.Equal(25, TableGroups(cut).Count));
        Assert.Equal("Service 30", TableGroups(cut)[0]);
        var entries = Navigation.History.Count;

        Store.Reset();
        cut.Find("[data-testid='table'] button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Service 05", "Service 04", "Service 03", "Service 02", "Service 01"], TableGroups(cut)));
        Assert.Equal(2, UrlState().Page);
        Assert.Equal(entries + 1, Navigation.History.Count);
        Assert.False(LatestEntry().Options.ReplaceHistoryEntry);
        Assert.Equal(1, Store.Opened); // today's date for reading the URL; the answer is not asked for again, the page not loaded twice
        var second = Navigation.Uri;

        Store.Reset();
        cut.FindAll("[data-testid='table'] th .sortable-column-header").First(h => h.TextContent.Contains("Service", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal(new TableSort(TableSortColumn.Group, false, "ServiceName"), UrlState().Sort));
        Assert.Equal(entries + 2, Navigation.History.Count);
        Assert.Equal(1, UrlState().Page); // a new order starts at its top
        cut.WaitForAssertion(() => Assert.Equal("Service 01", TableGroups(cut)[0]));
        Assert.Equal("1-25 of 30", PagerInfo(cut));
        Assert.Equal(1, Store.Opened);
        var sortedPage = UrlState().Page;
        var sortedRows = TableGroups(cut);

        // Back: the grid returns to page 2 by cost, with the cost column's indicator.
        Store.Reset();
        Navigation.NavigateTo(second);
        cut.WaitForAssertion(() => Assert.Equal(["Service 05", "Service 04", "Service 03", "Service 02", "Service 01"], TableGroups(cut)));
        Assert.Equal("26-30 of 30", PagerInfo(cut));
        Assert.Equal("descending", SortShown(cut, "Cost"));
        Assert.Equal("none", SortShown(cut, "Service"));
        Assert.Equal(1, Store.Opened);
        Assert.Equal(second, Navigation.Uri); // the grid did not report anything back (no new entry, no correction)

        // Back again: page 1.
        Navigation.NavigateTo(first);
        cut.WaitForAssertion(() => Assert.Equal("Service 30", TableGroups(cut)[0]));
        Assert.Equal(25, TableGroups(cut).Count);
        Assert.Equal("1-25 of 30", PagerInfo(cut));
        Assert.Equal(first, Navigation.Uri);

        // Forward to the sorted entry: the name column's indicator and its rows.
        Navigation.NavigateTo(ExplorerUrl.ToUrl(UrlState() with { Page = sortedPage, Sort = new TableSort(TableSortColumn.Group, false, "ServiceName") }));
        cut.WaitForAssertion(() => Assert.Equal(sortedRows, TableGroups(cut)));
        Assert.Equal("ascending", SortShown(cut, "Service"));
        Assert.Equal("none", SortShown(cut, "Cost"));
    }

    [Fact]
    public async Task DeepLinkWithPageAndSort_OpensOnThatPageAndSort()
    {
        await ImportThirtyServicesAsync();
        var cut = Open("?preset=last-30-days&groupBy=ServiceName&view=table&page=2&sort=ServiceName:desc");

        cut.WaitForAssertion(() => Assert.Equal(["Service 05", "Service 04", "Service 03", "Service 02", "Service 01"], TableGroups(cut)));
        Assert.Equal("26-30 of 30", PagerInfo(cut));
        Assert.Equal("descending", SortShown(cut, "Service"));
        Assert.Equal(2, UrlState().Page);
    }

    [Fact]
    public async Task TablePagePastTheEnd_ShowsTheLastPage_AndCorrectsTheUrlInPlace()
    {
        await ImportThirtyServicesAsync();
        var cut = Open("?preset=last-30-days&groupBy=ServiceName&view=table&page=9");

        cut.WaitForAssertion(() => Assert.Equal(2, UrlState().Page));
        Assert.True(LatestEntry().Options.ReplaceHistoryEntry); // Back does not land on page 9 again
        Assert.Equal(5, TableGroups(cut).Count);
    }

    [Fact]
    public async Task LineItemPages_PushHistoryEntries_AndGoingBackShowsTheEarlierPage_WithOneLoadPerPosition()
    {
        await ImportThirtyServicesAsync(rowsPerService: 2);
        var cut = Open("?preset=last-30-days&view=lineitems&sort=BilledCost:desc");
        cut.WaitForAssertion(() => Assert.Equal("1–50 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));
        var first = Navigation.Uri;
        var entries = Navigation.History.Count;

        // 25 rows a page (the size is the person's, not the URL's: paging must keep it).
        cut.Find(".line-items-page-size.mud-input-control, .line-items-page-size .mud-input-control").MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "25").Click();
        cut.WaitForAssertion(() => Assert.Equal("1–25 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));

        Store.Reset();
        cut.FindAll("[data-testid='line-items-pager'] button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() => Assert.Equal("26–50 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));
        Assert.Equal(2, UrlState().Page);
        Assert.False(LatestEntry().Options.ReplaceHistoryEntry);
        Assert.True(Navigation.History.Count > entries);
        Assert.Equal(3, Store.Opened); // today's date for reading the URL, the rollup's freshness check (it counts the rows), and the one page

        Store.Reset();
        Navigation.NavigateTo(first);

        cut.WaitForAssertion(() => Assert.Equal("1–25 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));
        Assert.Equal(3, Store.Opened);
        Assert.Equal(first, Navigation.Uri);
    }
}
