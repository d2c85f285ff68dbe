using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Tests.Components.Pages;
using FinOps.Tests.Support;
using FinOps.Web.Features.CostExplorer.LineItems;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.CostExplorer;

public sealed class LineItemsViewTests : PageTestContext
{
    private static readonly CostQuery September = new(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1));

    private readonly BunitJSModuleInterop _module;

    public LineItemsViewTests() => _module = JSInterop.SetupModule(LineItemsView.ModulePath);

    private async Task ImportRowsAsync(int count)
    {
        var csv = new FocusCsv(FocusCsv.DefaultColumns.Append("x_Owner"));
        for (var i = 1; i <= count; i++)
        {
            csv.Row([.. FocusCsv.Day(1 + (i % 28)), ("ResourceId", $"res-{i:D3}"), ("BilledCost", $"{i}.125"), ("EffectiveCost", $"{i}")]);
        }

        Assert.Equal(ImportStatus.Succeeded, (await ImportRecordAsync(csv.ToCsv())).Status);
    }

    private async Task<ImportRecord> ImportRecordAsync(string csv)
    {
        var queued = await ImportAsync(csv);
        return await Services.GetRequiredService<ImportLedger>().GetAsync(queued.Id, CancellationToken.None) ?? throw new InvalidOperationException();
    }

    private IRenderedComponent<LineItemsView> RenderView(Action<ComponentParameterCollectionBuilder<LineItemsView>>? more = null)
    {
        var cut = Render<LineItemsView>(p =>
        {
            p.Add(v => v.Query, September);
            more?.Invoke(p);
        });
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='line-items-range']")));
        return cut;
    }

    private static List<string> Column(IRenderedComponent<LineItemsView> cut, int index) =>
        cut.FindAll("[data-testid='line-items-grid'] tbody tr.line-items-row").Select(r => r.QuerySelectorAll("td")[index].TextContent.Trim()).ToList();

    [Fact]
    public async Task Rows_AreTheQuerysLineItems_NewestFirst_WithMoneyInItsCurrency()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(3);

        var cut = RenderView();

        Assert.Equal("1–3 of 3", cut.Find("[data-testid='line-items-range']").TextContent.Trim());
        var headers = cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(LineItemColumnsDefault, headers);
        var resources = Column(cut, headers.IndexOf("ResourceId"));
        Assert.Equal(["res-003", "res-002", "res-001"], resources);
        Assert.Equal(["3.13 USD", "2.13 USD", "1.13 USD"], Column(cut, headers.IndexOf("BilledCost")));
        Assert.Equal("3.125 USD", cut.FindAll("tbody tr.line-items-row")[0].QuerySelectorAll("td")[headers.IndexOf("BilledCost")].QuerySelector("span")!.GetAttribute("title"));
    }

    private static readonly List<string> LineItemColumnsDefault = [.. FinOps.Domain.Costs.LineItems.LineItemColumns.Default];

    [Fact]
    public async Task ClickingAHeader_SortsOnTheServer_AndTellsThePageForItsUrl()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(12);
        var navigations = new List<LineItemsNavigation>();
        var cut = RenderView(p => p.Add(v => v.NavigationChanged, n => navigations.Add(n)));

        cut.Find("[data-testid='sort-BilledCost']").Click();

        var last = Assert.Single(navigations);
        Assert.Equal(new LineItemsNavigation(1, "BilledCost:desc", 50, null), last);
        var headers = cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList();
        cut.WaitForAssertion(() => Assert.Equal("12.13 USD", Column(cut, headers.IndexOf("BilledCost"))[0]));
        Assert.Equal("descending", cut.Find("[data-testid='sort-BilledCost']").GetAttribute("aria-sort"));

        Assert.Contains("sort=BilledCost%3Adesc", cut.Find("[data-testid='export-csv']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("view=lineitems", cut.Find("[data-testid='export-xlsx']").GetAttribute("href"), StringComparison.Ordinal);

        cut.Find("[data-testid='sort-BilledCost']").Click();
        Assert.Equal("BilledCost:asc", navigations[^1].Sort);
        cut.WaitForAssertion(() => Assert.Equal("1.13 USD", Column(cut, headers.IndexOf("BilledCost"))[0]));
    }

    [Fact]
    public async Task PageAndSortFromTheUrl_AreShown_AndPagingRaisesTheNextPage()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(60);
        var navigations = new List<LineItemsNavigation>();
        var cut = RenderView(p => p
            .Add(v => v.Page, 2).Add(v => v.PageSize, 25).Add(v => v.Sort, "ResourceId:asc")
            .Add(v => v.NavigationChanged, n => navigations.Add(n)));

        Assert.Equal("26–50 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim());
        var headers = cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal("res-026", Column(cut, headers.IndexOf("ResourceId"))[0]);

        cut.FindAll("[data-testid='line-items-pager'] button").Single(b => b.TextContent.Trim() == "3").Click();

        Assert.Equal(new LineItemsNavigation(3, "ResourceId:asc", 25, null), Assert.Single(navigations));
        cut.WaitForAssertion(() => Assert.Equal("51–60 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));

        // A link to a page past the end (the data changed since) offers the way back.
        cut.Render(p => p.Add(v => v.Page, 9));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='line-items-beyond']")));
        cut.Find("[data-testid='line-items-first-page']").Click();
        Assert.Equal(1, navigations[^1].Page);
        cut.WaitForAssertion(() => Assert.Equal("1–25 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));

        // The back button: the page hands the earlier URL state back in.
        cut.Render(p => p.Add(v => v.Page, 3));
        cut.WaitForAssertion(() => Assert.Equal("51–60 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));
        cut.Render(p => p.Add(v => v.Page, 1));
        cut.WaitForAssertion(() => Assert.Equal("1–25 of 60", cut.Find("[data-testid='line-items-range']").TextContent.Trim()));
    }

    [Fact]
    public async Task ASortThatCannotBeParsed_IsReported_AndTheDefaultOrderIsUsed()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(2);

        var cut = RenderView(p => p.Add(v => v.Sort, "Price:sideways"));

        Assert.Contains("'Price' is not a FOCUS column", cut.Find("[data-testid='line-items-error']").TextContent);
        Assert.Equal("descending", cut.Find("[data-testid='sort-ChargePeriodStart']").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task ColumnChoice_IsReadFromAndWrittenToTheBrowser()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(2);
        _module.Setup<string[]?>("getColumns").SetResult(["resourceid", "ListCost", "NotAColumn"]);
        _module.SetupVoid("setColumns", _ => true).SetVoidResult();

        var cut = RenderView();

        cut.WaitForAssertion(() => Assert.Equal(["ResourceId", "ListCost"],
            cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList()));
        cut.Find("[data-testid='line-items-columns-button']").Click();
        cut.Find("[data-testid='column-ServiceName'] input, input[data-testid='column-ServiceName']").Change(true);

        var stored = _module.VerifyInvoke("setColumns");
        Assert.Equal(["ResourceId", "ListCost", "ServiceName"], (string[])stored.Arguments[0]!);
        Assert.Equal(["ResourceId", "ListCost", "ServiceName"], cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList());

        cut.Find("[data-testid='line-items-columns-reset']").Click();
        Assert.Null(_module.Invocations.Last(i => i.Identifier == "setColumns").Arguments[0]);
        Assert.Equal(LineItemColumnsDefault, cut.FindAll("[data-testid='line-items-grid'] thead th").Select(h => h.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task ClickingARow_OpensEveryColumn_GroupedWithTagsAndProviderColumns()
    {
        await InitializeStoreAsync();
        var csv = new FocusCsv().Row([.. FocusCsv.Day(3), ("BilledCost", "0.123456789012345678"), ("Tags", "{\"team\": \"core\", \"env\": \"prod\"}"),
            ("x_Owner", "ana"), ("ResourceId", "vm-7")]);
        await ImportAsync(csv.ToCsv());
        var cut = RenderView();

        cut.Find("tbody tr.line-items-row td").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='detail-BilledCost']")));
        Assert.Equal("0.123456789012345678 USD", cut.Find("[data-testid='detail-BilledCost']").TextContent.Trim());
        Assert.Equal("vm-7", cut.Find("[data-testid='detail-ResourceId']").TextContent.Trim());
        Assert.Equal("2024-09-03 00:00:00 UTC", cut.Find("[data-testid='detail-ChargePeriodStart']").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid='detail-SkuId']").TextContent.Trim());
        var tags = cut.Find("[data-testid='detail-tags']").TextContent;
        Assert.Contains("team", tags);
        Assert.Contains("core", tags);
        Assert.Contains("ana", cut.Find("[data-testid='detail-extensions']").TextContent);
        var everyColumn = FinOps.Domain.Billing.FocusColumns.All.Where(c => c.Name != "Tags").Select(c => c.Name);
        Assert.All(everyColumn, name => Assert.NotNull(cut.Find($"[data-testid='detail-{name}']")));
    }

    [Fact]
    public async Task ResourceSearch_ReloadsTheFirstPage_AndNewImportsReloadTheView()
    {
        await InitializeStoreAsync();
        await ImportRowsAsync(30);
        var navigations = new List<LineItemsNavigation>();
        var cut = RenderView(p => p.Add(v => v.Page, 2).Add(v => v.PageSize, 25).Add(v => v.NavigationChanged, n => navigations.Add(n)));

        cut.Find("[data-testid='line-items-search'] input, input[data-testid='line-items-search']").Change("res-01");
        cut.WaitForAssertion(() => Assert.Equal("1–10 of 10", cut.Find("[data-testid='line-items-range']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(new LineItemsNavigation(1, "ChargePeriodStart:desc", 25, "res-01"), navigations[^1]);

        Assert.True(Services.GetRequiredService<Notifier<CostDataChanged>>().SubscriberCount > 0);
        await ImportAsync(new FocusCsv().Row([.. FocusCsv.Day(5), ("ResourceId", "res-0199"),
            ("BillingPeriodStart", "2024-09-01T00:00:00Z"), ("BillingAccountId", "other")]).ToCsv(), "more.csv");
        cut.WaitForAssertion(() => Assert.Equal("1–11 of 11", cut.Find("[data-testid='line-items-range']").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }
}
