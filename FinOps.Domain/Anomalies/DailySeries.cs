using System.Globalization;

namespace FinOps.Domain.Anomalies;

/// <summary>What a cost series follows.</summary>
public enum SeriesLevel
{
    /// <summary>One (provider, billing account, sub-account, service): where a change usually has one cause.</summary>
    Service,

    /// <summary>One value of the <c>team</c> tag (null = untagged) across providers and accounts: who is paged.</summary>
    Team,
}

/// <summary>
/// Identifies one daily cost series. Currencies are never mixed: the same service billed in two currencies is two
/// series. For <see cref="SeriesLevel.Service"/> the four service fields are set and <see cref="Team"/> is null; for
/// <see cref="SeriesLevel.Team"/> only <see cref="Team"/> (null = untagged) and the currency are meaningful.
/// </summary>
public sealed record SeriesKey(
    SeriesLevel Level,
    string? ProviderName,
    string? BillingAccountId,
    string? SubAccountId,
    string? ServiceName,
    string? Team,
    string Currency)
{
    public static SeriesKey ForService(string? providerName, string? billingAccountId, string? subAccountId, string? serviceName, string currency) =>
        new(SeriesLevel.Service, providerName, billingAccountId, subAccountId, serviceName, null, currency);

    public static SeriesKey ForTeam(string? team, string currency) => new(SeriesLevel.Team, null, null, null, null, team, currency);

    /// <summary>A label for people and logs, e.g. <c>AWS / 418273645091 / 350918264407 / Amazon CloudWatch (USD)</c>.</summary>
    public override string ToString() => Level == SeriesLevel.Team
        ? string.Create(CultureInfo.InvariantCulture, $"team {Team ?? "(untagged)"} ({Currency})")
        : string.Create(CultureInfo.InvariantCulture,
            $"{ProviderName ?? "-"} / {BillingAccountId ?? "-"} / {SubAccountId ?? "-"} / {ServiceName ?? "-"} ({Currency})");
}

/// <summary>
/// The daily cost of one series from its first day with cost rows (<see cref="Start"/>) to the end of the range it
/// was built for: day <c>i</c> is <c>Start + i</c>. Days without rows after the start are 0 (a service that stops
/// costing is a drop, not a gap). Costs are exact decimals, as the query engine returns them.
/// </summary>
public sealed class DailySeries
{
    private readonly decimal[] _costs;

    public DailySeries(SeriesKey key, DateOnly start, IEnumerable<decimal> costs)
    {
        Key = key;
        Start = start;
        _costs = costs.ToArray();
    }

    public SeriesKey Key { get; }

    /// <summary>The first day of the series (its first day with cost rows in the range).</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last day (exclusive end).</summary>
    public DateOnly End => Start.AddDays(_costs.Length);

    public IReadOnlyList<decimal> Costs => _costs;

    public int Count => _costs.Length;

    public DateOnly DateAt(int index) => Start.AddDays(index);

    /// <summary>The cost of a day; 0 before the start and after the end.</summary>
    public decimal CostOn(DateOnly date)
    {
        var index = date.DayNumber - Start.DayNumber;
        return index >= 0 && index < _costs.Length ? _costs[index] : 0m;
    }

    /// <summary>
    /// A series from (date, cost) points: it starts on the earliest date and runs to <paramref name="end"/> (exclusive),
    /// missing days are 0; costs of the same date are added.
    /// </summary>
    public static DailySeries FromPoints(SeriesKey key, IEnumerable<(DateOnly Date, decimal Cost)> points, DateOnly end)
    {
        var list = points.ToList();
        if (list.Count == 0)
        {
            return new DailySeries(key, end, []);
        }

        var start = list.Min(p => p.Date);
        var costs = new decimal[Math.Max(0, end.DayNumber - start.DayNumber)];
        foreach (var (date, cost) in list)
        {
            var index = date.DayNumber - start.DayNumber;
            if (index < costs.Length)
            {
                costs[index] += cost;
            }
        }

        return new DailySeries(key, start, costs);
    }
}
