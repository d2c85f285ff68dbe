using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class ExplorerTableTests
{
    private static readonly IReadOnlyList<CostDimension> ByService = [CostDimension.ForColumn("ServiceName")];

    private static ExplorerRow Row(string? service, decimal cost, decimal? previous) => new(new ExplorerGroup([service]), cost, cost / 100m, previous);

    private static readonly IReadOnlyList<ExplorerRow> Rows =
    [
        Row("b", 30, 10), Row("a", 50, 100), Row(null, 5, null), Row("c", 15, 0), Row("d", -2, -1),
    ];

    [Theory]
    [InlineData(TableSortColumn.Cost, true, new[] { "a", "b", "c", "", "d" })]
    [InlineData(TableSortColumn.Cost, false, new[] { "d", "", "c", "b", "a" })]
    [InlineData(TableSortColumn.Change, true, new[] { "b", "c", "d", "a", "" })]          // no previous period: last
    [InlineData(TableSortColumn.ChangePercent, true, new[] { "b", "a", "d", "", "c" })]   // +200 %, -50 %, -100 %; new and none last
    [InlineData(TableSortColumn.Group, false, new[] { "a", "b", "c", "d", "" })]          // empty values last
    [InlineData(TableSortColumn.Group, true, new[] { "d", "c", "b", "a", "" })]
    public void Sort_OrdersByTheColumn_WithMissingValuesLast(TableSortColumn column, bool descending, string[] expected)
    {
        var sorted = ExplorerTable.Sort(Rows, ByService, new TableSort(column, descending, column == TableSortColumn.Group ? "ServiceName" : null));

        Assert.Equal(expected, sorted.Select(r => r.Group.Values[0] ?? ""));
    }

    [Fact]
    public void Page_CutsTheSortedRows_AndAPagePastTheEndShowsTheLastPage()
    {
        var page2 = ExplorerTable.Page(Rows, ByService, TableSort.Default, 2, 2);
        var past = ExplorerTable.Page(Rows, ByService, TableSort.Default, 9, 2);

        Assert.Equal(["c", ""], page2.Rows.Select(r => r.Group.Values[0] ?? ""));
        Assert.Equal((5, 3), (page2.TotalRows, page2.PageCount));
        Assert.Equal(3, past.Page);
        Assert.Equal(["d"], past.Rows.Select(r => r.Group.Values[0]));
    }

    [Fact]
    public void TopGroups_FoldTheRestIntoOther_PerBucket_Exactly()
    {
        var periods = new[] { new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 2) };
        var series = Enumerable.Range(1, 10)
            .Select(i => new ExplorerSeries(new ExplorerGroup([$"s{i:00}"]), [(periods[0], i * 1.1m), (periods[1], i * 0.01m)], i * 1.11m))
            .ToList();
        var rows = series.Select(s => new ExplorerRow(s.Group, s.Total, 0, null)).ToList();
        var answer = new ExplorerCurrencyAnswer("USD", rows.Sum(r => r.Cost), null, rows, series, periods);

        var top = ExplorerTopGroups.Series(answer, ByService, top: 8);
        var slices = ExplorerTopGroups.Slices(answer, ByService, top: 8);

        Assert.Equal(9, top.Count);
        Assert.Equal("s10", top[0].Name);
        Assert.True(top[^1].IsOther);
        Assert.Equal([1.1m + 2.2m, 0.01m + 0.02m], top[^1].Points.Select(p => p.Cost));
        Assert.Equal(answer.Total, slices.Sum(s => s.Cost));
        Assert.Equal(ExplorerTopGroups.OtherName, slices[^1].Name);
    }
}
