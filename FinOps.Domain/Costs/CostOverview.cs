namespace FinOps.Domain.Costs;

/// <summary>The headline figures of one billing currency (currencies are never added together).</summary>
public sealed record CurrencyOverview(
    string Currency,
    decimal MonthToDate,
    decimal SameDaysLastMonth,
    decimal Last30Days,
    decimal SavingsLast30Days);

/// <summary>The overview the first page shows, computed from the cost query engine as of a given day.</summary>
public sealed record CostOverview(DateOnly Today, IReadOnlyList<CurrencyOverview> Currencies);

/// <summary>
/// Builds <see cref="CostOverview"/>: month to date vs the same days of last month, last 30 days, savings, for every
/// currency with costs in the last <see cref="TrendDays"/> days (the trend and top spenders are DashboardService's).
/// </summary>
public sealed class CostOverviewService(CostQueryEngine engine, Administration.ApplicationSettingsService settings, TimeProvider time)
{
    public const int TrendDays = 90;

    /// <summary>Today in the time zone the administrators chose (Settings → Application).</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var zone = (await settings.GetAsync(ct)).TimeZone;
        var now = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? TimeZoneInfo.ConvertTime(time.GetUtcNow(), info) : time.GetUtcNow();
        return DateOnly.FromDateTime(now.DateTime);
    }

    public Task<CostOverview> GetAsync(CancellationToken ct) => GetAsync(CostMetric.BilledCost, ct);

    /// <summary>The overview with month to date and last 30 days in <paramref name="metric"/> (savings are always list minus effective).</summary>
    public async Task<CostOverview> GetAsync(CostMetric metric, CancellationToken ct)
    {
        var today = await TodayAsync(ct);
        var tomorrow = today.AddDays(1);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var lastMonthStart = monthStart.AddMonths(-1);
        var lastMonthSameDay = lastMonthStart.AddDays(Math.Min(today.Day, DateTime.DaysInMonth(lastMonthStart.Year, lastMonthStart.Month)));
        var last30 = tomorrow.AddDays(-30);

        var mtd = await engine.QueryAsync(new CostQuery(monthStart, tomorrow, metric), ct);
        var previous = await engine.QueryAsync(new CostQuery(lastMonthStart, lastMonthSameDay, metric), ct);
        var billed30 = await engine.QueryAsync(new CostQuery(last30, tomorrow, metric), ct);
        var list30 = await engine.QueryAsync(new CostQuery(last30, tomorrow, CostMetric.ListCost), ct);
        var effective30 = await engine.QueryAsync(new CostQuery(last30, tomorrow, CostMetric.EffectiveCost), ct);
        var recent = await engine.QueryAsync(new CostQuery(tomorrow.AddDays(-TrendDays), tomorrow, metric), ct);

        static decimal Total(CostResult result, string currency) =>
            result.Totals.FirstOrDefault(t => t.BillingCurrency == currency)?.Cost ?? 0m;

        var currencies = recent.Totals.Select(t => t.BillingCurrency)
            .Union(mtd.Totals.Select(t => t.BillingCurrency))
            .Distinct(StringComparer.Ordinal)
            .Select(c => new CurrencyOverview(
                c,
                Total(mtd, c),
                Total(previous, c),
                Total(billed30, c),
                Total(list30, c) - Total(effective30, c)))
            .OrderByDescending(c => c.Last30Days)
            .ToList();
        return new CostOverview(today, currencies);
    }
}
