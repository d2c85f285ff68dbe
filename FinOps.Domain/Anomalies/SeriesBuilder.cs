using FinOps.Domain.Costs;

namespace FinOps.Domain.Anomalies;

/// <summary>
/// Builds the daily cost series the anomaly detector judges, through the one <see cref="CostQueryEngine"/> (answered
/// from the daily rollup): the Usage charges only (<c>ChargeCategory:Usage</c>; purchases, taxes, credits and
/// refunds are scheduled, not anomalies), one row per day per group per currency.
/// </summary>
public sealed class SeriesBuilder(CostQueryEngine costs)
{
    private static readonly CostDimension Provider = CostDimension.ForColumn("ProviderName");
    private static readonly CostDimension BillingAccount = CostDimension.ForColumn("BillingAccountId");
    private static readonly CostDimension SubAccount = CostDimension.ForColumn("SubAccountId");
    private static readonly CostDimension Service = CostDimension.ForColumn("ServiceName");
    private static readonly CostDimension TeamTag = CostDimension.ForTag("team");
    private static readonly CostFilter UsageOnly = new(CostDimension.ForColumn("ChargeCategory"), ["Usage"]);

    /// <summary>
    /// Every series of one level with cost between <paramref name="from"/> (inclusive) and <paramref name="to"/>
    /// (exclusive; pass the day after the last complete day). Each series starts on its first day with rows and
    /// runs to <paramref name="to"/>. Ordered by key, so the output is deterministic.
    /// </summary>
    public async Task<IReadOnlyList<DailySeries>> BuildAsync(DateOnly from, DateOnly to, SeriesLevel level,
        CostMetric metric = CostMetric.EffectiveCost, CancellationToken ct = default)
    {
        IReadOnlyList<CostDimension> groupBy = level == SeriesLevel.Service ? [Provider, BillingAccount, SubAccount, Service] : [TeamTag];
        var result = await costs.QueryAsync(new CostQuery(from, to, metric, groupBy, Granularity.Day, [UsageOnly]), ct);
        return result.Rows
            .Where(r => r.Period is not null)
            .GroupBy(r => KeyOf(r, level))
            .Select(g => DailySeries.FromPoints(g.Key, g.Select(r => (r.Period!.Value, r.Cost)), to))
            .OrderBy(s => s.Key.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The service-level series, then the team-level series.</summary>
    public async Task<IReadOnlyList<DailySeries>> BuildAllAsync(DateOnly from, DateOnly to,
        CostMetric metric = CostMetric.EffectiveCost, CancellationToken ct = default)
    {
        var services = await BuildAsync(from, to, SeriesLevel.Service, metric, ct);
        var teams = await BuildAsync(from, to, SeriesLevel.Team, metric, ct);
        return [.. services, .. teams];
    }

    private static SeriesKey KeyOf(CostRow row, SeriesLevel level) => level == SeriesLevel.Service
        ? SeriesKey.ForService(row.Keys[Provider.Name], row.Keys[BillingAccount.Name], row.Keys[SubAccount.Name],
            row.Keys[Service.Name], row.BillingCurrency)
        : SeriesKey.ForTeam(row.Keys[TeamTag.Name], row.BillingCurrency);
}
