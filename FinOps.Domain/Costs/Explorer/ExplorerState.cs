namespace FinOps.Domain.Costs.Explorer;

/// <summary>What the Cost Explorer shows of its answer.</summary>
public enum ExplorerView
{
    Chart,
    Table,

    /// <summary>The raw line items of the current question (built as its own component).</summary>
    LineItems,
}

/// <summary>How the chart draws costs over time.</summary>
public enum ExplorerChartKind
{
    Bar,
    Area,
}

/// <summary>The columns the table can be sorted by (the group columns are sorted by <see cref="Group"/> with an index).</summary>
public enum TableSortColumn
{
    Cost,
    PreviousCost,
    Change,
    ChangePercent,
    Share,
    Group,
}

/// <summary>The table's sort: a column and a direction (a group column names the dimension it sorts).</summary>
public sealed record TableSort(TableSortColumn Column, bool Descending, string? Dimension = null)
{
    public static readonly TableSort Default = new(TableSortColumn.Cost, true);
}

/// <summary>
/// Everything the Cost Explorer shows, as one value: the cost question (range, metric, grouping, granularity, filters)
/// and the page state around it (preset, comparison, view, chart kind, currency, table page and sort). It round-trips
/// through the URL (<see cref="ExplorerUrl"/>), so a link reproduces the view.
/// </summary>
public sealed record ExplorerState
{
    public const int MaxGroupBy = 2;

    /// <summary>The date preset the range follows (dates move with "today"), or null for a custom range.</summary>
    public DatePreset? Preset { get; init; } = DatePreset.Last30Days;

    /// <summary>First day, inclusive.</summary>
    public required DateOnly From { get; init; }

    /// <summary>Day after the last, exclusive (as in the API).</summary>
    public required DateOnly To { get; init; }

    public CostMetric Metric { get; init; } = CostMetric.EffectiveCost;

    /// <summary>One or two dimensions (never empty).</summary>
    public IReadOnlyList<CostDimension> GroupBy { get; init; } = [DefaultGroupBy];

    public Granularity Granularity { get; init; } = Granularity.Day;

    /// <summary>One filter per dimension; the values of a filter are alternatives, filters all apply.</summary>
    public IReadOnlyList<CostFilter> Filters { get; init; } = [];

    /// <summary>Compare with the previous period of equal length.</summary>
    public bool Compare { get; init; }

    public ExplorerView View { get; init; } = ExplorerView.Chart;

    public ExplorerChartKind Chart { get; init; } = ExplorerChartKind.Bar;

    /// <summary>The billing currency shown; null shows the currency with the largest total.</summary>
    public string? Currency { get; init; }

    /// <summary>The table's page, 1-based.</summary>
    public int Page { get; init; } = 1;

    public TableSort Sort { get; init; } = TableSort.Default;

    /// <summary>Line-item view: the FOCUS column the rows are sorted by (<c>Column:asc|desc</c>); null for newest first.</summary>
    public string? LineItemSort { get; init; }

    /// <summary>Line-item view: a resource id or name fragment the rows must match; null for all.</summary>
    public string? ResourceSearch { get; init; }

    public static CostDimension DefaultGroupBy { get; } = CostDimension.ForColumn("ServiceCategory");

    /// <summary>The default view as of <paramref name="today"/>: last 30 days, amortized, by service category, per day.</summary>
    public static ExplorerState Default(DateOnly today)
    {
        var (from, to) = DatePreset.Last30Days.Resolve(today);
        return new ExplorerState { From = from, To = to };
    }

    /// <summary>Days in the range.</summary>
    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The previous period of equal length, ending where this one starts.</summary>
    public (DateOnly From, DateOnly To) PreviousPeriod => (From.AddDays(-Days), From);

    /// <summary>The question this state asks of the cost query engine.</summary>
    public CostQuery ToQuery() => new(From, To, Metric, GroupBy, Granularity, Filters);

    /// <summary>The same question over the previous period, summed per group (no time buckets).</summary>
    public CostQuery ToPreviousQuery() => new(PreviousPeriod.From, PreviousPeriod.To, Metric, GroupBy, Granularity.None, Filters);

    /// <summary>The filter on <paramref name="dimension"/>, or null.</summary>
    public CostFilter? FilterOn(CostDimension dimension) => Filters.FirstOrDefault(f => f.Dimension == dimension);

    /// <summary>
    /// A copy with the filter on <paramref name="dimension"/> replaced by <paramref name="values"/> (removed when empty).
    /// Changing the question returns to the first page of the table.
    /// </summary>
    public ExplorerState WithFilter(CostDimension dimension, IReadOnlyList<string?> values)
    {
        var filters = Filters.Where(f => f.Dimension != dimension).ToList();
        if (values.Count > 0)
        {
            var index = Filters.ToList().FindIndex(f => f.Dimension == dimension);
            var filter = new CostFilter(dimension, values.Distinct().ToList());
            if (index >= 0 && index <= filters.Count)
            {
                filters.Insert(index, filter);
            }
            else
            {
                filters.Add(filter);
            }
        }

        return this with { Filters = filters, Page = 1 };
    }

    /// <summary>The state with the table reset to its first page and a sort that still exists for the grouping.</summary>
    public ExplorerState WithQueryChanged()
    {
        var sort = Sort.Column == TableSortColumn.Group && !GroupBy.Any(g => g.Name == Sort.Dimension) ? TableSort.Default : Sort;
        return this with { Page = 1, Sort = sort };
    }

    /// <summary>True when both states ask the engine the same questions (they differ at most in view, chart kind, currency, page or sort).</summary>
    public bool SameQuestion(ExplorerState other) =>
        From == other.From && To == other.To && Metric == other.Metric && Granularity == other.Granularity && Compare == other.Compare
        && GroupBy.SequenceEqual(other.GroupBy)
        && Filters.Count == other.Filters.Count
        && Filters.Zip(other.Filters).All(p => p.First.Dimension == p.Second.Dimension && p.First.Values.SequenceEqual(p.Second.Values));
}
