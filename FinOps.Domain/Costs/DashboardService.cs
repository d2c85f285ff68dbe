namespace FinOps.Domain.Costs;

/// <summary>What the dashboard's daily trend is stacked by.</summary>
public enum TrendGrouping
{
    Provider,
    Category,
}

/// <summary>One remaining day of the month and the cost forecast for it.</summary>
public sealed record ForecastDay(DateOnly Day, decimal Cost);

/// <summary>
/// The month-end forecast of one currency: actual cost of the month's complete days (1st up to yesterday), a forecast
/// for every day from today to the month's last day, and their sum.
/// </summary>
public sealed record MonthForecast(DateOnly Month, decimal ActualCompleteDays, IReadOnlyList<ForecastDay> Days)
{
    public decimal MonthEnd => ActualCompleteDays + Days.Sum(d => d.Cost);
}

/// <summary>
/// Forecasts the rest of the month with the same-weekday average of the last four complete weeks: each remaining day
/// (today included, as today's data is not complete yet) costs the average of the four days with the same weekday in
/// the 28 days before today. A day without cost data counts as zero. Simple, explainable, and it keeps weekly rhythm
/// (weekend dips); it does not model growth, month-start charges or commitments.
/// </summary>
public static class SameWeekdayForecast
{
    public const int Weeks = 4;

    /// <param name="daily">Daily totals of one currency; days not listed cost zero.</param>
    /// <param name="today">The first day that is not complete.</param>
    public static MonthForecast Project(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var actual = 0m;
        for (var day = monthStart; day < today; day = day.AddDays(1))
        {
            actual += daily.GetValueOrDefault(day);
        }

        var byWeekday = new Dictionary<DayOfWeek, decimal>();
        for (var back = 1; back <= Weeks * 7; back++)
        {
            var day = today.AddDays(-back);
            byWeekday[day.DayOfWeek] = byWeekday.GetValueOrDefault(day.DayOfWeek) + daily.GetValueOrDefault(day);
        }

        var days = new List<ForecastDay>();
        for (var day = today; day <= monthEnd; day = day.AddDays(1))
        {
            days.Add(new ForecastDay(day, byWeekday[day.DayOfWeek] / Weeks));
        }

        return new MonthForecast(monthStart, actual, days);
    }
}

/// <summary>One group's cost in a period, its share of the period's total, and its change against the previous period.</summary>
public sealed record Spender(string? Name, decimal Cost, decimal Share, decimal PreviousCost)
{
    public decimal Change => Cost - PreviousCost;

    /// <summary>The change relative to the previous period; null when there was no previous cost to compare with.</summary>
    public decimal? ChangeRatio => PreviousCost == 0 ? null : Change / Math.Abs(PreviousCost);
}

/// <summary>Compares two periods' grouped costs of one currency.</summary>
public static class SpenderComparison
{
    /// <summary>
    /// The <paramref name="take"/> largest groups of <paramref name="current"/> by cost, each with its share of
    /// <paramref name="currentTotal"/> and its cost in <paramref name="previous"/> (zero when absent).
    /// </summary>
    public static IReadOnlyList<Spender> Top(IReadOnlyDictionary<string, decimal> current, IReadOnlyDictionary<string, decimal> previous,
        decimal currentTotal, int take) =>
        current
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(take)
            .Select(kv => new Spender(kv.Key.Length == 0 ? null : kv.Key, kv.Value, currentTotal == 0 ? 0 : kv.Value / currentTotal,
                previous.GetValueOrDefault(kv.Key)))
            .ToList();
}

/// <summary>The dashboard of one currency for one metric.</summary>
public sealed record CurrencyDashboard(
    string Currency,
    IReadOnlyList<CostRow> Daily,
    MonthForecast Forecast,
    IReadOnlyList<Spender> TopServices,
    IReadOnlyList<Spender> TopSubAccounts,
    IReadOnlyList<Spender> TopTeams);

/// <summary>The dashboard's trend, forecast and top spenders, as of <paramref name="Today"/>.</summary>
public sealed record Dashboard(DateOnly Today, CostMetric Metric, TrendGrouping Grouping, string TagKey, IReadOnlyList<CurrencyDashboard> Currencies);

/// <summary>
/// Builds the dashboard from the cost query engine: daily cost of the last <see cref="CostOverviewService.TrendDays"/>
/// days stacked by provider or service category, the month-end forecast (<see cref="SameWeekdayForecast"/>), and the
/// top services, sub-accounts and values of a tag over the last 30 days against the 30 days before.
/// </summary>
public sealed class DashboardService(CostQueryEngine engine, CostOverviewService overview)
{
    public const int SpenderDays = 30;
    public const int TopCount = 10;
    public const string DefaultTagKey = "team";

    public async Task<Dashboard> GetAsync(CostMetric metric, TrendGrouping grouping, string? tagKey, CancellationToken ct)
    {
        var tag = string.IsNullOrWhiteSpace(tagKey) ? DefaultTagKey : tagKey.Trim();
        var today = await overview.TodayAsync(ct);
        var tomorrow = today.AddDays(1);
        var trendFrom = tomorrow.AddDays(-CostOverviewService.TrendDays);
        var forecastFrom = today.AddDays(-SameWeekdayForecast.Weeks * 7);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var from = forecastFrom < monthStart ? forecastFrom : monthStart;
        from = from < trendFrom ? from : trendFrom;

        var groupColumn = grouping == TrendGrouping.Provider ? "ProviderName" : "ServiceCategory";
        var trend = await engine.QueryAsync(new CostQuery(from, tomorrow, metric, [CostDimension.ForColumn(groupColumn)], Granularity.Day), ct);

        var currentFrom = tomorrow.AddDays(-SpenderDays);
        var previousFrom = currentFrom.AddDays(-SpenderDays);
        var dimensions = new[] { CostDimension.ForColumn("ServiceName"), CostDimension.ForColumn("SubAccountId"), CostDimension.ForTag(tag) };
        var current = new List<CostResult>();
        var previous = new List<CostResult>();
        foreach (var dimension in dimensions)
        {
            current.Add(await engine.QueryAsync(new CostQuery(currentFrom, tomorrow, metric, [dimension]), ct));
            previous.Add(await engine.QueryAsync(new CostQuery(previousFrom, currentFrom, metric, [dimension]), ct));
        }

        IReadOnlyList<Spender> Top(int i, string currency)
        {
            var name = dimensions[i].Name;
            Dictionary<string, decimal> Sums(CostResult r) => r.Rows.Where(x => x.BillingCurrency == currency)
                .GroupBy(x => x.Keys[name] ?? "", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Cost), StringComparer.Ordinal);
            var total = current[i].Totals.FirstOrDefault(t => t.BillingCurrency == currency)?.Cost ?? 0m;
            return SpenderComparison.Top(Sums(current[i]), Sums(previous[i]), total, TopCount);
        }

        var currencies = trend.Totals.Select(t => t.BillingCurrency)
            .Union(current[0].Totals.Select(t => t.BillingCurrency))
            .Distinct(StringComparer.Ordinal)
            .Select(c =>
            {
                var rows = trend.Rows.Where(r => r.BillingCurrency == c).ToList();
                var daily = rows.GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
                return new CurrencyDashboard(c,
                    rows.Where(r => r.Period >= trendFrom).ToList(),
                    SameWeekdayForecast.Project(daily, today),
                    Top(0, c), Top(1, c), Top(2, c));
            })
            .OrderByDescending(c => c.TopServices.Sum(s => s.Cost))
            .ToList();
        return new Dashboard(today, metric, grouping, tag, currencies);
    }
}
