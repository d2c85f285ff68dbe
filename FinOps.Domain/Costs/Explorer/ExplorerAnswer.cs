namespace FinOps.Domain.Costs.Explorer;

/// <summary>One group of the answer: the values of the grouped dimensions, in group-by order (null = none / untagged).</summary>
public sealed class ExplorerGroup : IEquatable<ExplorerGroup>
{
    private const char Separator = '\u001f';

    public ExplorerGroup(IReadOnlyList<string?> values)
    {
        Values = values;
        Key = string.Join(Separator, values.Select(v => v is null ? "\u0000" : v));
    }

    public IReadOnlyList<string?> Values { get; }

    /// <summary>A text that identifies the group (for dictionaries and chart series).</summary>
    public string Key { get; }

    public static ExplorerGroup From(CostRow row, IReadOnlyList<CostDimension> groupBy) =>
        new([.. groupBy.Select(g => row.Keys.GetValueOrDefault(g.Name))]);

    /// <summary>"Compute", or "platform / Amazon EC2" for two dimensions; empty values read "(none)" / "(untagged)".</summary>
    public string Label(IReadOnlyList<CostDimension> groupBy) =>
        string.Join(" / ", Values.Select((v, i) => ExplorerDimensions.ValueLabel(groupBy[i], v)));

    public bool Equals(ExplorerGroup? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ExplorerGroup);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}

/// <summary>
/// One table row: a group's cost in the range, its share of the currency's total and, when comparing, its cost in the
/// previous period of equal length (zero when it had none; a group that existed only before shows a cost of zero).
/// </summary>
public sealed record ExplorerRow(ExplorerGroup Group, decimal Cost, decimal Share, decimal? PreviousCost)
{
    public decimal? Change => PreviousCost is { } previous ? Cost - previous : null;

    /// <summary>The change relative to the previous cost; null when not comparing or when there was no previous cost.</summary>
    public decimal? ChangeRatio => PreviousCost is { } previous && previous != 0 ? (Cost - previous) / Math.Abs(previous) : null;
}

/// <summary>One group's cost per time bucket (every bucket of the range, zero where it had none).</summary>
public sealed record ExplorerSeries(ExplorerGroup Group, IReadOnlyList<(DateOnly Period, decimal Cost)> Points, decimal Total);

/// <summary>The total of one billing currency in the range (and in the previous period, when comparing).</summary>
public sealed record CurrencyTotal(string Currency, decimal Cost, decimal? PreviousCost);

/// <summary>
/// The answer for one billing currency (currencies are never summed together): table rows, the time series of every
/// group, the total and, when comparing, the previous period's total.
/// </summary>
public sealed record ExplorerCurrencyAnswer(
    string Currency,
    decimal Total,
    decimal? PreviousTotal,
    IReadOnlyList<ExplorerRow> Rows,
    IReadOnlyList<ExplorerSeries> Series,
    IReadOnlyList<DateOnly> Periods);

/// <summary>What the engine answered for an <see cref="ExplorerState"/>, split by billing currency.</summary>
public sealed class ExplorerAnswer
{
    private readonly CostResult _current;
    private readonly CostResult? _previous;

    public ExplorerAnswer(ExplorerState state, CostResult current, CostResult? previous)
    {
        State = state;
        _current = current;
        _previous = previous;
        Currencies = current.Totals.Select(t => t.BillingCurrency)
            .Union(previous?.Totals.Select(t => t.BillingCurrency) ?? [], StringComparer.Ordinal)
            .Select(c => new CurrencyTotal(c, Total(current, c),
                previous is null ? null : Total(previous, c)))
            .OrderByDescending(c => Math.Abs(c.Cost))
            .ThenBy(c => c.Currency, StringComparer.Ordinal)
            .ToList();
    }

    public ExplorerState State { get; }

    /// <summary>Billing currencies with costs in the range (or the previous period), the largest first.</summary>
    public IReadOnlyList<CurrencyTotal> Currencies { get; }

    /// <summary>True when the daily rollup answered (no line items read).</summary>
    public bool AnsweredFromRollup => _current.AnsweredFromRollup;

    /// <summary>The <paramref name="requested"/> currency when it has costs, else the largest; null when there are no costs at all.</summary>
    public string? SelectCurrency(string? requested) =>
        Currencies.FirstOrDefault(c => string.Equals(c.Currency, requested, StringComparison.OrdinalIgnoreCase))?.Currency
        ?? Currencies.FirstOrDefault()?.Currency;

    /// <summary>True when <paramref name="requested"/> names a currency without costs in this view (while others have some).</summary>
    public bool IsMissing(string? requested) => requested is not null && Currencies.Count > 0
        && !Currencies.Any(c => string.Equals(c.Currency, requested, StringComparison.OrdinalIgnoreCase));

    /// <summary>The answer in one billing currency.</summary>
    public ExplorerCurrencyAnswer ForCurrency(string currency)
    {
        var groupBy = State.GroupBy;
        var rows = _current.Rows.Where(r => r.BillingCurrency == currency).ToList();
        var total = rows.Sum(r => r.Cost);
        var byGroup = rows.GroupBy(r => ExplorerGroup.From(r, groupBy))
            .ToDictionary(g => g.Key, g => g.ToList());
        Dictionary<ExplorerGroup, decimal>? previousByGroup = null;
        decimal? previousTotal = null;
        if (_previous is not null)
        {
            var previousRows = _previous.Rows.Where(r => r.BillingCurrency == currency).ToList();
            previousByGroup = previousRows.GroupBy(r => ExplorerGroup.From(r, groupBy)).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
            previousTotal = previousRows.Sum(r => r.Cost);
        }

        var groups = byGroup.Keys.Union(previousByGroup?.Keys ?? Enumerable.Empty<ExplorerGroup>()).ToList();
        var tableRows = groups
            .Select(g =>
            {
                var cost = byGroup.TryGetValue(g, out var list) ? list.Sum(r => r.Cost) : 0m;
                return new ExplorerRow(g, cost, total == 0 ? 0 : cost / total, previousByGroup is null ? null : previousByGroup.GetValueOrDefault(g));
            })
            .OrderByDescending(r => r.Cost)
            .ThenBy(r => r.Group.Key, StringComparer.Ordinal)
            .ToList();

        var periods = State.Granularity == Granularity.None ? [] : Periods(State.From, State.To, State.Granularity);
        var series = State.Granularity == Granularity.None
            ? []
            : byGroup
                .Select(g =>
                {
                    var byPeriod = g.Value.GroupBy(r => r.Period!.Value).ToDictionary(p => p.Key, p => p.Sum(r => r.Cost));
                    return new ExplorerSeries(g.Key, [.. periods.Select(p => (p, byPeriod.GetValueOrDefault(p)))], g.Value.Sum(r => r.Cost));
                })
                .OrderByDescending(s => s.Total)
                .ThenBy(s => s.Group.Key, StringComparer.Ordinal)
                .ToList();
        return new ExplorerCurrencyAnswer(currency, total, previousTotal, tableRows, series, periods);
    }

    /// <summary>The start of every time bucket of [from, to) (weeks start on Monday, as in the engine).</summary>
    public static IReadOnlyList<DateOnly> Periods(DateOnly from, DateOnly to, Granularity granularity)
    {
        var periods = new List<DateOnly>();
        if (granularity == Granularity.None || to <= from)
        {
            return periods;
        }

        for (var bucket = CostQueryEngine.Bucket(from, granularity); bucket < to; bucket = Step(bucket, granularity))
        {
            periods.Add(bucket);
        }

        return periods;
    }

    private static DateOnly Step(DateOnly bucket, Granularity granularity) => granularity switch
    {
        Granularity.Week => bucket.AddDays(7),
        Granularity.Month => bucket.AddMonths(1),
        _ => bucket.AddDays(1),
    };

    private static decimal Total(CostResult result, string currency) =>
        result.Totals.FirstOrDefault(t => t.BillingCurrency == currency)?.Cost ?? 0m;
}
