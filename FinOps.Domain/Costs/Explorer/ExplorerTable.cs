namespace FinOps.Domain.Costs.Explorer;

/// <summary>One page of the table and how many rows there are in all.</summary>
public sealed record ExplorerTablePage(IReadOnlyList<ExplorerRow> Rows, int TotalRows, int Page, int PageSize)
{
    public int PageCount => TotalRows == 0 ? 1 : (TotalRows + PageSize - 1) / PageSize;
}

/// <summary>Sorting and paging of the table rows (ties are broken by the group, so pages are stable).</summary>
public static class ExplorerTable
{
    public const int DefaultPageSize = 25;

    /// <summary>
    /// The rows sorted by <paramref name="sort"/> and cut to the 1-based <paramref name="page"/> of
    /// <paramref name="pageSize"/> rows (a page past the end shows the last page). Rows without a value for the sort
    /// column (a change when not comparing, a percentage without a previous cost) sort last in either direction.
    /// </summary>
    public static ExplorerTablePage Page(IReadOnlyList<ExplorerRow> rows, IReadOnlyList<CostDimension> groupBy, TableSort sort, int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var sorted = Sort(rows, groupBy, sort);
        var pageCount = rows.Count == 0 ? 1 : (rows.Count + pageSize - 1) / pageSize;
        var current = Math.Clamp(page, 1, pageCount);
        return new ExplorerTablePage([.. sorted.Skip((current - 1) * pageSize).Take(pageSize)], rows.Count, current, pageSize);
    }

    public static IReadOnlyList<ExplorerRow> Sort(IReadOnlyList<ExplorerRow> rows, IReadOnlyList<CostDimension> groupBy, TableSort sort)
    {
        if (sort.Column == TableSortColumn.Group)
        {
            var index = Math.Max(0, groupBy.ToList().FindIndex(g => g.Name == sort.Dimension));
            var byName = rows.OrderBy(r => r.Group.Values.ElementAtOrDefault(index) is null ? 1 : 0); // empty values last
            byName = sort.Descending
                ? byName.ThenByDescending(r => r.Group.Values.ElementAtOrDefault(index), StringComparer.OrdinalIgnoreCase)
                : byName.ThenBy(r => r.Group.Values.ElementAtOrDefault(index), StringComparer.OrdinalIgnoreCase);
            return [.. byName.ThenBy(r => r.Group.Key, StringComparer.Ordinal)];
        }

        Func<ExplorerRow, decimal?> value = sort.Column switch
        {
            TableSortColumn.PreviousCost => r => r.PreviousCost,
            TableSortColumn.Change => r => r.Change,
            TableSortColumn.ChangePercent => r => r.ChangeRatio,
            TableSortColumn.Share => r => r.Share,
            _ => r => r.Cost,
        };
        var ordered = rows.OrderBy(r => value(r) is null ? 1 : 0);
        ordered = sort.Descending ? ordered.ThenByDescending(value) : ordered.ThenBy(value);
        return [.. ordered.ThenBy(r => r.Group.Key, StringComparer.Ordinal)];
    }
}

/// <summary>A chart series: a group (null for "Other") and its cost per bucket.</summary>
public sealed record ExplorerChartSeries(ExplorerGroup? Group, string Name, IReadOnlyList<(DateOnly Period, decimal Cost)> Points, decimal Total)
{
    public bool IsOther => Group is null;
}

/// <summary>A breakdown slice: a group (null for "Other") and its cost.</summary>
public sealed record ExplorerSlice(ExplorerGroup? Group, string Name, decimal Cost)
{
    public bool IsOther => Group is null;
}

/// <summary>The top groups of a chart, the rest folded into "Other" (exact sums).</summary>
public static class ExplorerTopGroups
{
    public const int DefaultTop = 8;
    public const string OtherName = "Other";

    /// <summary>The <paramref name="top"/> largest series and, when there are more, one "Other" series summing the rest per bucket.</summary>
    public static IReadOnlyList<ExplorerChartSeries> Series(ExplorerCurrencyAnswer answer, IReadOnlyList<CostDimension> groupBy, int top = DefaultTop)
    {
        var ranked = answer.Series.OrderByDescending(s => s.Total).ThenBy(s => s.Group.Key, StringComparer.Ordinal).ToList();
        var result = ranked.Take(top)
            .Select(s => new ExplorerChartSeries(s.Group, s.Group.Label(groupBy), s.Points, s.Total))
            .ToList();
        var rest = ranked.Skip(top).ToList();
        if (rest.Count > 0)
        {
            var points = answer.Periods.Select((p, i) => (p, rest.Sum(s => s.Points[i].Cost))).ToList();
            result.Add(new ExplorerChartSeries(null, UniqueOtherName(result.Select(r => r.Name)), points, rest.Sum(s => s.Total)));
        }

        return result;
    }

    /// <summary>The breakdown: the <paramref name="top"/> largest positive groups and "Other" for the rest (a donut cannot draw negatives: credits are left to the table).</summary>
    public static IReadOnlyList<ExplorerSlice> Slices(ExplorerCurrencyAnswer answer, IReadOnlyList<CostDimension> groupBy, int top = DefaultTop)
    {
        var positive = answer.Rows.Where(r => r.Cost > 0).OrderByDescending(r => r.Cost).ThenBy(r => r.Group.Key, StringComparer.Ordinal).ToList();
        var result = positive.Take(top).Select(r => new ExplorerSlice(r.Group, r.Group.Label(groupBy), r.Cost)).ToList();
        var rest = positive.Skip(top).ToList();
        if (rest.Count > 0)
        {
            result.Add(new ExplorerSlice(null, UniqueOtherName(result.Select(r => r.Name)), rest.Sum(r => r.Cost)));
        }

        return result;
    }

    private static string UniqueOtherName(IEnumerable<string> names)
    {
        var taken = names.ToHashSet(StringComparer.Ordinal);
        var name = OtherName;
        while (taken.Contains(name))
        {
            name = $"({name})";
        }

        return name;
    }
}
