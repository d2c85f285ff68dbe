using Bunit;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Export;
using FinOps.Web.Features.CostExplorer.Export;

namespace FinOps.Tests.Components.CostExplorer;

public sealed class ExportMenuTests : BunitTestBase
{
    private static CostQuery Parse(string? groupBy, string? granularity, params string[] filters)
    {
        Assert.True(CostQuery.TryParse("2024-09-01", "2024-10-01", "EffectiveCost", groupBy, granularity, filters, out var query, out _, out var error), error);
        return query;
    }

    private static Dictionary<string, List<string>> QueryOf(string href)
    {
        var uri = new Uri("http://localhost" + href);
        Assert.Equal("/explorer/export", uri.AbsolutePath);
        return uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .GroupBy(p => p[0], p => Uri.UnescapeDataString(p[1]))
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    [Fact]
    public void Links_CarryTheWholeQuery_SoTheServerParsesTheSameQuestion()
    {
        var query = Parse("ServiceName,Tag:team", "Week", "ProviderName:AWS", "ProviderName:Microsoft", "Tag:env=", "RegionId:eu-west-1:a");

        var cut = Render<ExportMenu>(p => p.Add(m => m.Query, query).Add(m => m.Compare, true));

        var csv = QueryOf(cut.Find("[data-testid='export-csv']").GetAttribute("href")!);
        var xlsx = QueryOf(cut.Find("[data-testid='export-xlsx']").GetAttribute("href")!);
        Assert.Equal(["csv"], csv["format"]);
        Assert.Equal(["xlsx"], xlsx["format"]);
        Assert.Equal(["grouped"], csv["view"]);
        Assert.False(csv.ContainsKey("compare"), "comparison is only offered without a granularity");
        Assert.True(CostQuery.TryParse(csv["from"][0], csv["to"][0], csv["metric"][0], csv["groupBy"][0], csv["granularity"][0], csv["filter"],
            out var parsed, out _, out var error), error);
        Assert.Equal(query.From, parsed.From);
        Assert.Equal(query.To, parsed.To);
        Assert.Equal(query.Metric, parsed.Metric);
        Assert.Equal(query.Granularity, parsed.Granularity);
        Assert.Equal(query.GroupBy, parsed.GroupBy);
        Assert.Equal(query.Filters.Select(f => (f.Dimension, string.Join('|', f.Values))), parsed.Filters.Select(f => (f.Dimension, string.Join('|', f.Values))));
        Assert.Equal("costs-2024-09-01-to-2024-09-30-EffectiveCost-by-ServiceName-Tag-team-weekly-filtered.csv",
            cut.Find("[data-testid='export-csv']").GetAttribute("download"));
    }

    [Fact]
    public void LineItemLinks_CarryTheSortAndSearch_AndGroupedLinksTheComparison()
    {
        var lineItems = Render<ExportMenu>(p => p.Add(m => m.Query, Parse(null, null)).Add(m => m.View, ExportView.LineItems)
            .Add(m => m.Sort, "BilledCost:desc").Add(m => m.ResourceSearch, " i-0a b "));
        var link = QueryOf(lineItems.Find("[data-testid='export-xlsx']").GetAttribute("href")!);
        Assert.Equal(["lineitems"], link["view"]);
        Assert.Equal(["BilledCost:desc"], link["sort"]);
        Assert.Equal(["i-0a b"], link["search"]);

        var grouped = Render<ExportMenu>(p => p.Add(m => m.Query, Parse("ServiceName", null)).Add(m => m.Compare, true));
        Assert.Equal(["true"], QueryOf(grouped.Find("[data-testid='export-csv']").GetAttribute("href")!)["compare"]);
    }
}
