using Bunit;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Domain.Optimization.Utilization;
using FinOps.Web.Features.CostExplorer;

namespace FinOps.Tests.Components.CostExplorer;

/// <summary>The explorer table on its own: the widest layout (two groupings, comparison, utilization) and what each cell shows.</summary>
public sealed class ExplorerTableViewTests : BunitTestBase
{
    private const string Database = "arn:aws:rds:us-east-1:529384716203:db:fraud-scoring-db-prod-02";
    private const string Bucket = "//storage.googleapis.com/projects/_/buckets/contoso-catalog-service-bucket-prod-9f25";

    private static readonly IReadOnlyList<CostDimension> ServiceThenResource =
        [CostDimension.ForColumn("ServiceName"), CostDimension.ForColumn("ResourceId")];

    private static ExplorerCurrencyAnswer Answer() => new("USD", 1000.00m, 940.00m,
    [
        new ExplorerRow(new ExplorerGroup(["Amazon Relational Database Service", Database]), 619.79m, 0.61979m, 615.15m),
        new ExplorerRow(new ExplorerGroup(["Cloud Storage", Bucket]), 380.21m, 0.38021m, 324.85m),
        new ExplorerRow(new ExplorerGroup(["Amazon Route 53", null]), 0m, 0m, 0m),
    ], [], []);

    private static readonly Dictionary<string, ResourceUtilizationSummary> Utilization = new(StringComparer.Ordinal)
    {
        [Database] = new(Database, new MetricSummary(24.2, 33.6, 30), new MetricSummary(36.1, 39.2, 30), new MetricSummary(0.3, 0.4, 30)),
    };

    private IRenderedComponent<ExplorerTableView> RenderTable(bool compare = true, IReadOnlyDictionary<string, ResourceUtilizationSummary>? utilization = null)
    {
        var cut = Render<ExplorerTableView>(p => p
            .Add(t => t.Answer, Answer())
            .Add(t => t.GroupBy, ServiceThenResource)
            .Add(t => t.Compare, compare)
            .Add(t => t.Utilization, utilization ?? Utilization));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody [data-testid='cost']").Count));
        return cut;
    }

    private static string Text(AngleSharp.Dom.IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void TwoGroupingsComparedWithUtilization_ColumnsInReadingOrder_FiguresRightAligned_UtilizationInOneCell()
    {
        var cut = RenderTable();

        Assert.Equal(["Service", "Resource", "Cost (USD)", "Share", "Previous period", "Change", "Change %", "Utilization avg / p95 %"],
            cut.FindAll("thead th").Select(Text));
        var row = cut.FindAll("tbody tr")[0].QuerySelectorAll("td");
        Assert.Equal(8, row.Length);
        Assert.All(row.Skip(2).Take(5), cell => Assert.Contains("explorer-number", cell.ClassList)); // right-aligned, one line
        Assert.Equal(["619.79", "62.0%", "615.15", "+4.64", "+0.8%"], row.Skip(2).Take(5).Select(Text));
        Assert.Single(row[7].QuerySelectorAll("[data-testid='utilization']"));
        Assert.Equal(["CPU 24 / 34 %", "Memory 36 / 39 %", "Storage <1 / <1 %"], row[7].QuerySelectorAll(".utilization-metric").Select(Text));
        Assert.NotNull(cut.FindAll("tbody tr")[1].QuerySelector("[data-testid='utilization-none']"));
    }

    [Fact]
    public void Table_FitsItsContainer_InsteadOfGrowingToTheWidestResourceId()
    {
        var cut = RenderTable();

        // MudDataGrid's HorizontalScrollbar sizes the table to its content (width:max-content): one long id would push the
        // cost and change columns off a laptop screen. The table takes its container's width; long ids shorten instead.
        Assert.DoesNotContain("max-content", cut.Find("table").GetAttribute("style") ?? "", StringComparison.Ordinal);
        // No column menus: their hidden buttons widened every header.
        Assert.Empty(cut.FindAll("thead .column-options .mud-menu"));
    }

    [Fact]
    public void ResourceIds_KeepTheirNameWhole_WithTheFullIdInTheTooltip_AndACopyButton()
    {
        var cut = RenderTable();

        var rows = cut.FindAll("tbody tr");
        Assert.Equal([Database, Bucket], rows.Take(2).Select(r => r.QuerySelector("[data-testid='group-1']")!.TextContent));
        Assert.Equal(["fraud-scoring-db-prod-02", "contoso-catalog-service-bucket-prod-9f25"],
            rows.Take(2).Select(r => r.QuerySelector(".group-value-name")!.TextContent));
        Assert.Equal(Database, rows[0].QuerySelector("[data-testid='group-1']")!.Closest("[title]")!.GetAttribute("title"));
        Assert.NotNull(rows[0].QuerySelector("[data-testid='copy-value']"));

        // The service is a name: no copy button; the resource-less row reads "(none)" with nothing to copy.
        Assert.Null(rows[0].QuerySelector("td:first-child [data-testid='copy-value']"));
        Assert.Equal("(none)", rows[2].QuerySelector("[data-testid='group-1']")!.TextContent);
        Assert.Null(rows[2].QuerySelector("[data-testid='copy-value']"));
    }

    [Fact]
    public void WithoutComparisonOrUtilization_OnlyCostAndShareFollowTheGroups()
    {
        var cut = Render<ExplorerTableView>(p => p
            .Add(t => t.Answer, Answer())
            .Add(t => t.GroupBy, ServiceThenResource));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody [data-testid='cost']").Count));

        Assert.Equal(["Service", "Resource", "Cost (USD)", "Share"], cut.FindAll("thead th").Select(Text));
    }
}
