using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Tests.Components.Pages;
using FinOps.Tests.Support;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Features.CostExplorer;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Tests.Components.CostExplorer;

/// <summary>
/// The Cost Explorer page on a real store (the fake clock stands at 2024-10-15 12:00 UTC): the URL round trip, drill-down
/// by chart clicks, the breadcrumb, the filter panel, the table and saved views.
/// </summary>
public sealed class CostExplorerPageTests : PageTestContext
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static (string, string?)[] On(DateOnly day, string cost, string category, string service, string resource = "i-1",
        string currency = "USD", string tags = "") =>
    [
        ("ChargePeriodStart", Stamp(day)), ("ChargePeriodEnd", Stamp(day.AddDays(1))),
        ("BillingPeriodStart", Stamp(new DateOnly(day.Year, day.Month, 1))), ("BillingPeriodEnd", Stamp(new DateOnly(day.Year, day.Month, 1).AddMonths(1))),
        ("BilledCost", cost), ("EffectiveCost", cost), ("ServiceCategory", category), ("ServiceName", service), ("ResourceId", resource),
        ("BillingCurrency", currency), ("Tags", tags),
    ];

    private static string Stamp(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>Compute (EC2 on two resources, Lambda) and Storage (S3) in the last 30 days; less in the 30 days before; a team tag on some.</summary>
    private async Task ImportCostsAsync(bool withEuro = false)
    {
        await InitializeStoreAsync();
        var csv = new FocusCsv()
            .Row(On(Today.AddDays(-3), "100", "Compute", "Amazon EC2", "i-web", tags: "{\"team\": \"web\"}"))
            .Row(On(Today.AddDays(-2), "60", "Compute", "Amazon EC2", "i-batch"))
            .Row(On(Today.AddDays(-2), "40", "Compute", "AWS Lambda", "fn-1", tags: "{\"team\": \"data\"}"))
            .Row(On(Today.AddDays(-1), "25", "Storage", "Amazon S3", "bucket-1"))
            .Row(On(Today.AddDays(-40), "50", "Compute", "Amazon EC2", "i-web")); // the previous 30 days
        if (withEuro)
        {
            csv.Row([.. On(Today.AddDays(-5), "70", "Compute", "Virtual Machines", "vm-1", currency: "EUR"), ("BillingAccountId", "EU1")]);
        }

        await ImportAsync(csv.ToCsv());
    }

    /// <summary>Where popovers (the saved-views panel, select items) and their overlays render.</summary>
    private IRenderedComponent<MudPopoverProvider> Popovers => _popovers ?? throw new InvalidOperationException("Open the page first.");

    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private Task<IRenderedComponent<CostExplorerPage>> OpenAsync(string query)
    {
        SignIn("analyst@example.com", Roles.Analyst);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-1"));
        _popovers = Render<MudPopoverProvider>();
        Navigation.NavigateTo("/explorer" + query);
        var cut = Render<CostExplorerPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='loading']")));
        return Task.FromResult(cut);
    }

    /// <summary>The input of a MudTextField by its data-testid (the attribute lands on the input itself).</summary>
    private static AngleSharp.Dom.IElement Input(IRenderedComponent<CostExplorerPage> cut, string testId)
    {
        var element = cut.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private ExplorerState UrlState() => ExplorerUrl.Parse(new Uri(Navigation.Uri).Query, Today).State;

    private static IReadOnlyList<string> SeriesNames(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    private string LastChartJson(int chartIndex)
    {
        var calls = JSInterop.Invocations.Where(i => i.Identifier is "render" or "update").ToList();
        return calls.Where(c => c.Arguments[1] is string).Select(c => (string)c.Arguments[1]!).Where(j => chartIndex == 0 ? !j.Contains("\"donut\"", StringComparison.Ordinal) : j.Contains("\"donut\"", StringComparison.Ordinal)).Last();
    }

    [Fact]
    public async Task DeepLink_ShowsItsView_AndAChangeWritesTheWholeStateBackToTheUrl()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&metric=BilledCost&groupBy=ServiceName&granularity=Day&filter=ServiceCategory:Compute&compare=true");

        Assert.Equal("200.00 USD", cut.Find("[data-testid='total']").TextContent.Trim()); // Compute only: 100 + 60 + 40
        Assert.Contains("50.00 USD", cut.Find("[data-testid='comparison']").TextContent);
        Assert.Equal(["Amazon EC2", "AWS Lambda"], SeriesNames(LastChartJson(0)));

        cut.Find("[data-testid='granularity'] .mud-toggle-item:nth-child(2)").Click(); // Week

        var state = UrlState();
        Assert.Equal(Granularity.Week, state.Granularity);
        Assert.Equal(DatePreset.Last30Days, state.Preset);
        Assert.Equal(CostMetric.BilledCost, state.Metric);
        Assert.Equal(["ServiceName"], state.GroupBy.Select(g => g.Name));
        Assert.Equal(["Compute"], state.FilterOn(CostDimension.ForColumn("ServiceCategory"))!.Values);
        Assert.True(state.Compare);
        cut.WaitForAssertion(() => Assert.Contains("Cost per week", cut.Find("[data-testid='time-chart']").TextContent));
    }

    [Fact]
    public async Task RenderedUrl_NamesTheAddressWhoseAnswerIsOnScreen_AndFollowsEachChange()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceName&granularity=Day");
        string? RenderedUrl() => cut.Find(".explorer-body").GetAttribute("data-rendered-url");

        Assert.Equal(Navigation.Uri, RenderedUrl());
        var deepLink = Navigation.Uri;

        cut.Find("[data-testid='granularity'] .mud-toggle-item:nth-child(3)").Click(); // Month: a new question

        Assert.NotEqual(deepLink, Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(Navigation.Uri, RenderedUrl()));
        Assert.Contains("Cost per month", cut.Find("[data-testid='time-chart']").TextContent);

        var monthly = Navigation.Uri;
        Navigation.NavigateTo(ExplorerUrl.ToUrl(UrlState() with { View = ExplorerView.Table }), replace: true); // the same answer in another view

        Assert.NotEqual(monthly, Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(Navigation.Uri, RenderedUrl()));
        Assert.NotEmpty(cut.FindAll("[data-testid='table']"));
    }

    [Fact]
    public async Task LineItemView_ListsTheRowsOfTheQuestion_AndItsSortAndSearchLiveInTheUrl()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&filter=ServiceCategory:Compute&view=lineitems&sort=BilledCost:asc&search=i-");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='line-items-grid'] tbody tr.line-items-row").Count));
        var text = cut.Find("[data-testid='line-items-grid'] tbody").TextContent;
        Assert.Contains("i-batch", text, StringComparison.Ordinal);
        Assert.Contains("i-web", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fn-1", text, StringComparison.Ordinal); // the search keeps resources matching "i-"
        Assert.True(text.IndexOf("i-batch", StringComparison.Ordinal) < text.IndexOf("i-web", StringComparison.Ordinal)); // 60 before 100
        var state = UrlState();
        Assert.Equal("BilledCost:asc", state.LineItemSort);
        Assert.Equal("i-", state.ResourceSearch);
        var export = cut.Find("[data-testid='export-csv']").GetAttribute("href")!;
        Assert.Contains("view=lineitems", export, StringComparison.Ordinal);
        Assert.Contains("filter=ServiceCategory", export, StringComparison.Ordinal);
    }

    /// <summary>Three days ago, i-web ran at 42.5 % CPU and 60 % memory (no storage figure).</summary>
    private async Task ImportWebUtilizationAsync()
    {
        var importer = Services.GetRequiredService<FinOps.Domain.Optimization.Utilization.UtilizationCsvImporter>();
        var day = Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $"ResourceId,Date,CpuUtilization,MemoryUtilization,StorageUtilization\ni-web,{day},42.5,60,\n"));
        await importer.ImportAsync(csv, CancellationToken.None);
    }

    [Fact]
    public async Task TableByResource_ShowsEachResourcesUtilizationBesideItsCost()
    {
        await ImportCostsAsync();
        await ImportWebUtilizationAsync();

        var cut = await OpenAsync("?preset=last-30-days&groupBy=ResourceId&view=table");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='utilization']")));
        var row = cut.FindAll("[data-testid='table'] tbody tr").Single(r => r.TextContent.Contains("i-web", StringComparison.Ordinal));
        Assert.Contains("43 / 43 %", string.Join(' ', row.QuerySelector("[data-testid='utilization-cpu']")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains("average 42.5 %", row.QuerySelector("[data-testid='utilization-cpu']")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid='utilization-none']")); // resources without utilization say so
    }

    [Fact]
    public async Task ChartByResource_LoadsUtilizationOnlyWhenTheTableIsOpened()
    {
        await ImportCostsAsync();
        await ImportWebUtilizationAsync();

        var cut = await OpenAsync("?preset=last-30-days&groupBy=ResourceId");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='time-chart']")));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Table", StringComparison.Ordinal)).Click();

        // The same answer in another view: the table asks for the resources' utilization and shows it beside the costs.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='utilization']")));
        var row = cut.FindAll("[data-testid='table'] tbody tr").Single(r => r.TextContent.Contains("i-web", StringComparison.Ordinal));
        Assert.Contains("average 42.5 %", row.QuerySelector("[data-testid='utilization-cpu']")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("view=table", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidParameter_IsNamedOnThePage_AndTheDefaultIsUsed_NoCrash()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?metric=Cheapest&groupBy=ServiceName&page=-1");

        var issues = cut.FindAll("[data-testid='url-issue']");
        Assert.Equal(["metric", "page"], issues.Select(i => i.GetAttribute("data-parameter")));
        Assert.Contains("Cheapest", issues[0].TextContent);
        Assert.Contains("amortized", cut.Find("[data-testid='summary']").TextContent);
        Assert.Equal("225.00 USD", cut.Find("[data-testid='total']").TextContent.Trim());
    }

    [Fact]
    public async Task ClickingABar_DrillsDown_CategoryToServiceToResource_AndTheBreadcrumbWalksBack()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceCategory&granularity=Day");
        Assert.Equal(["Compute", "Storage"], SeriesNames(LastChartJson(0)));

        var timeChart = cut.FindComponents<ApexChart>()[0];
        await cut.InvokeAsync(() => timeChart.Instance.OnDataPointClick(0, 27)); // a Compute bar

        cut.WaitForAssertion(() => Assert.Equal(["Amazon EC2", "AWS Lambda"], SeriesNames(LastChartJson(0))));
        Assert.Equal(["ServiceName"], UrlState().GroupBy.Select(g => g.Name));
        Assert.Equal(2, cut.FindAll("[data-testid='crumb']").Count);

        await cut.InvokeAsync(() => cut.FindComponents<ApexChart>()[1].Instance.OnDataPointClick(0, 0)); // the donut's largest slice: EC2

        cut.WaitForAssertion(() => Assert.Equal(["i-web", "i-batch"], SeriesNames(LastChartJson(0))));
        var crumbs = cut.FindAll("[data-testid='crumb']");
        Assert.Equal(3, crumbs.Count);
        Assert.Contains("Compute", crumbs[1].TextContent);
        Assert.Contains("Amazon EC2", crumbs[2].TextContent);
        Assert.Contains("by Resource", crumbs[2].TextContent);

        cut.FindAll("button[data-testid='crumb']")[0].Click(); // "All costs"

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='crumb']")));
        Assert.Empty(UrlState().Filters);
        Assert.Equal(["ServiceCategory"], UrlState().GroupBy.Select(g => g.Name));
        cut.WaitForAssertion(() => Assert.Equal(["Compute", "Storage"], SeriesNames(LastChartJson(0))));
    }

    [Fact]
    public async Task FilterPanel_ListsValuesWithTheirCost_AndApplyPutsTheFilterInTheUrl()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceCategory");

        cut.Find("[data-dimension='ServiceName'] [data-testid='filter-toggle']").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='filter-value']").Count));
        var values = cut.FindAll("[data-testid='filter-value']");
        Assert.Equal(["Amazon EC2", "AWS Lambda", "Amazon S3"], values.Select(v => v.GetAttribute("data-value")));
        Assert.Contains("160.00 USD", values[0].TextContent);

        Input(cut, "filter-search").Input("lamb");
        Assert.Equal(["AWS Lambda"], cut.FindAll("[data-testid='filter-value']").Select(v => v.GetAttribute("data-value")));
        cut.Find("[data-testid='filter-value'] input").Change(true);
        cut.Find("[data-testid='filter-apply']").Click();

        Assert.Equal(["AWS Lambda"], UrlState().FilterOn(CostDimension.ForColumn("ServiceName"))!.Values);
        cut.WaitForAssertion(() => Assert.Equal("40.00 USD", cut.Find("[data-testid='total']").TextContent.Trim()));
        Assert.Equal("AWS Lambda", cut.Find("[data-dimension='ServiceName'] [data-testid='filter-summary']").TextContent.Trim());

        cut.Find("[data-dimension='ServiceName'] [data-testid='filter-remove']").Click();

        Assert.Empty(UrlState().Filters);
        cut.WaitForAssertion(() => Assert.Equal("225.00 USD", cut.Find("[data-testid='total']").TextContent.Trim()));
    }

    [Fact]
    public async Task FilterPanel_TagKeyThenUntagged_FiltersToRowsWithoutTheTag()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days");

        cut.Find("[data-dimension='Tag'] [data-testid='filter-toggle']").Click();
        cut.FindAll("[data-testid='tag-key']").Single(k => k.TextContent.Trim() == "team").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='filter-value']").Count));
        var untagged = cut.FindAll("[data-testid='filter-value']").Single(v => v.GetAttribute("data-value") == "");
        Assert.Contains("(untagged)", untagged.TextContent);
        Assert.Contains("85.00 USD", untagged.TextContent); // 60 + 25

        untagged.QuerySelector("input")!.Change(true);
        cut.Find("[data-testid='filter-apply']").Click();

        Assert.Contains("filter=Tag:team=&", Uri.UnescapeDataString(Navigation.Uri) + "&");
        cut.WaitForAssertion(() => Assert.Equal("85.00 USD", cut.Find("[data-testid='total']").TextContent.Trim()));
    }

    [Fact]
    public async Task ResourceFilter_SearchesByIdOrName()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days");

        cut.Find("[data-dimension='ResourceId'] [data-testid='filter-toggle']").Click();
        Input(cut, "filter-search").Input("i-");
        Time.Advance(TimeSpan.FromSeconds(1)); // the search waits for typing to pause (MudBlazor's debounce runs on the injected clock)

        cut.WaitForAssertion(() => Assert.Equal(["i-web", "i-batch"], cut.FindAll("[data-testid='filter-value']").Select(v => v.GetAttribute("data-value"))),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TableView_HasATotalsRow_ChangeColumns_AndADrillButtonPerRow()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceName&compare=true&view=table");

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='table'] tbody tr [data-testid='cost']").Count));
        Assert.Equal(["160.00", "40.00", "25.00"], cut.FindAll("[data-testid='table'] [data-testid='cost']").Select(c => c.TextContent.Trim()));
        Assert.Equal("225.00", cut.Find("[data-testid='total-cost']").TextContent.Trim());
        Assert.Equal("50.00", cut.Find("[data-testid='total-previous']").TextContent.Trim());
        Assert.Equal("+175.00", cut.Find("[data-testid='total-change']").TextContent.Trim());
        Assert.Equal("+350.0%", cut.Find("[data-testid='total-change-percent']").TextContent.Trim());
        Assert.Equal("+110.00", cut.FindAll("[data-testid='table'] [data-testid='change']")[0].TextContent.Trim()); // EC2: 160 vs 50

        cut.FindAll("[data-testid='drill']")[0].Click();

        Assert.Equal(["ResourceId"], UrlState().GroupBy.Select(g => g.Name));
        Assert.Equal(["Amazon EC2"], UrlState().FilterOn(CostDimension.ForColumn("ServiceName"))!.Values);
        Assert.Equal(ExplorerView.Table, UrlState().View);
    }

    [Fact]
    public async Task TableSort_FromTheUrl_OrdersTheRows_AndSortingWritesTheUrl()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceName&view=table&sort=ServiceName:asc");

        cut.WaitForAssertion(() => Assert.Equal(["Amazon EC2", "Amazon S3", "AWS Lambda"],
            cut.FindAll("[data-testid='table'] [data-testid='group-0']").Select(c => c.TextContent.Trim())));

        cut.FindAll("[data-testid='table'] th .sortable-column-header").First(h => h.TextContent.Contains("Cost", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal(TableSortColumn.Cost, UrlState().Sort.Column));
    }

    [Fact]
    public async Task SeveralCurrencies_AreNeverAdded_TheLargestIsShown_AndTheSelectorSwitches()
    {
        await ImportCostsAsync(withEuro: true);
        var cut = await OpenAsync("?preset=last-30-days");

        Assert.Equal(2, cut.FindAll("[data-testid='currency']").Count);
        Assert.Equal("225.00 USD", cut.Find("[data-testid='total']").TextContent.Trim());

        cut.FindAll("[data-testid='currency']").Single(c => c.TextContent.Contains("EUR", StringComparison.Ordinal)).Click();

        Assert.Equal("EUR", UrlState().Currency);
        cut.WaitForAssertion(() => Assert.Equal("70.00 EUR", cut.Find("[data-testid='total']").TextContent.Trim()));
    }

    [Fact]
    public async Task SavedViews_SaveTheCurrentView_ListItAsALink_AndDelete()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days&groupBy=ServiceName&filter=ServiceCategory:Compute");

        cut.Find("button[data-testid='saved-views']").Click();
        Popovers.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid='no-saved-views']")));
        Popovers.Find("input[data-testid='saved-view-name'], [data-testid='saved-view-name'] input").Input("Compute services");
        Popovers.Find("[data-testid='saved-view-save']").Click();

        Popovers.WaitForAssertion(() => Assert.Single(Popovers.FindAll("[data-testid='saved-view']")));
        var link = Popovers.Find("[data-testid='saved-view-link']");
        Assert.Equal("Compute services", link.TextContent.Trim());
        Assert.Equal("/explorer?" + ExplorerUrl.Format(UrlState()), link.GetAttribute("href"));
        Assert.Equal("page", link.GetAttribute("aria-current")); // the view on screen is marked

        Popovers.Find("[data-testid='saved-view-delete']").Click();
        Popovers.WaitForAssertion(() => Assert.Empty(Popovers.FindAll("[data-testid='saved-view']")));
        Assert.Empty(await Services.GetRequiredService<SavedViewService>().ListAsync("user-1", CancellationToken.None));
    }

    [Fact]
    public async Task SavingWithoutAName_SaysSo_AndSavesNothing()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days");

        cut.Find("button[data-testid='saved-views']").Click();
        Popovers.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid='saved-view-save']")));
        Popovers.Find("[data-testid='saved-view-save']").Click();

        Assert.Contains("Give the view a name", Popovers.Find("[data-testid='saved-view-error']").TextContent);
        Assert.Empty(await Services.GetRequiredService<SavedViewService>().ListAsync("user-1", CancellationToken.None));
    }

    [Fact]
    public async Task SavedViewsPanel_ClosesOnAClickOutside_AndGivesTheFocusBackToItsButton()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days");
        var button = cut.Find("button[data-testid='saved-views']");

        button.Click();
        Popovers.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid='saved-views-panel']")));
        Assert.Equal("true", cut.Find("button[data-testid='saved-views']").GetAttribute("aria-expanded"));
        var focusCalls = JSInterop.Invocations.Count(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));
        Assert.True(focusCalls >= 1, "opening moves the focus into the panel");

        Popovers.Find(".mud-overlay").Click(); // anywhere outside the panel lands on the overlay

        Popovers.WaitForAssertion(() => Assert.Empty(Popovers.FindAll("[data-testid='saved-views-panel']")));
        Assert.Equal("false", cut.Find("button[data-testid='saved-views']").GetAttribute("aria-expanded"));
        Assert.Empty(Popovers.FindAll(".mud-overlay"));
        Assert.True(JSInterop.Invocations.Count(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase)) > focusCalls,
            "closing gives the focus back to the button");
    }

    [Fact]
    public async Task SavedViewsPanel_WorksByKeyboard_EscapeClosesIt_FromThePanelOrTheButton()
    {
        await ImportCostsAsync();
        var cut = await OpenAsync("?preset=last-30-days");

        cut.Find("button[data-testid='saved-views']").Click(); // Enter or Space on a button is a click
        Popovers.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid='saved-views-panel']")));
        Popovers.Find("input[data-testid='saved-view-name'], [data-testid='saved-view-name'] input").Input("Keyboard view");
        Popovers.Find("input[data-testid='saved-view-name'], [data-testid='saved-view-name'] input").KeyUp(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Popovers.WaitForAssertion(() => Assert.Single(Popovers.FindAll("[data-testid='saved-view']")));

        Popovers.Find("[data-testid='saved-views-panel']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Popovers.WaitForAssertion(() => Assert.Empty(Popovers.FindAll("[data-testid='saved-views-panel']")));

        cut.Find("button[data-testid='saved-views']").Click();
        Popovers.WaitForAssertion(() => Assert.NotNull(Popovers.Find("[data-testid='saved-views-panel']")));
        cut.Find("button[data-testid='saved-views']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Popovers.WaitForAssertion(() => Assert.Empty(Popovers.FindAll("[data-testid='saved-views-panel']")));
        Assert.Equal(["Keyboard view"], (await Services.GetRequiredService<SavedViewService>().ListAsync("user-1", CancellationToken.None)).Select(v => v.Name));
    }
}
