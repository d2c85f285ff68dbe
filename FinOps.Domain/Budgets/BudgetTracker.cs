using FinOps.Domain.Administration;
using FinOps.Domain.Costs;
using FinOps.Domain.Forecasting;

namespace FinOps.Domain.Budgets;

/// <summary>The cumulative actual of one day of the current period (through the end of that day).</summary>
public sealed record CumulativeDay(DateOnly Day, decimal Cumulative);

/// <summary>The forecast cumulative spend of the period through the end of <see cref="Day"/>, with its 80 % interval.</summary>
public sealed record ForecastDay(DateOnly Day, ForecastRange Cumulative);

/// <summary>A past period: what was budgeted and what was spent.</summary>
public sealed record PastPeriod(BudgetPeriod Period, decimal Budget, decimal Actual)
{
    public decimal? UsedRatio => Budget == 0 ? null : Actual / Budget;
}

/// <summary>The forecast of one calendar month after the current one, against that month's budget.</summary>
public sealed record MonthForecast(DateOnly Month, ForecastRange Forecast, decimal Budget);

/// <summary>
/// Budget vs actual vs forecast of one budget in its current period, as of <see cref="Today"/> (application time zone).
/// Actuals are only those billed in the budget's currency: costs of the scope in other currencies are listed in
/// <see cref="OtherCurrencies"/>, never converted or added.
/// </summary>
public sealed record BudgetStatus(
    Budget Budget,
    DateOnly Today,
    BudgetPeriod Period,
    decimal BudgetAmount,
    decimal Actual,
    ForecastRange? Forecast,
    string ForecastMethod,
    BudgetHealth Health,
    IReadOnlyList<CumulativeDay> ActualByDay,
    IReadOnlyList<ForecastDay> ForecastByDay,
    IReadOnlyList<PastPeriod> PastPeriods,
    IReadOnlyList<MonthForecast> NextMonths,
    IReadOnlyList<string> OtherCurrencies)
{
    /// <summary>How much of the budget the actual uses (1 = all of it).</summary>
    public decimal? ActualRatio => BudgetAmount == 0 ? null : Actual / BudgetAmount;

    /// <summary>How much of the budget the period-end forecast uses.</summary>
    public decimal? ForecastRatio => BudgetAmount == 0 || Forecast is null ? null : Forecast.Point / BudgetAmount;

    /// <summary>Orders budgets by risk: the larger of the actual and forecast shares of the budget (inactive last).</summary>
    public decimal Risk => Health == BudgetHealth.Inactive ? -1 : Math.Max(ActualRatio ?? 0, ForecastRatio ?? 0);
}

/// <summary>
/// Computes <see cref="BudgetStatus"/> from the cost query engine: the scope's daily costs in the budget's metric and
/// currency, the <see cref="DailyForecaster"/> fitted on up to <see cref="HistoryDays"/> complete days before today,
/// and the past periods folded from monthly totals.
/// </summary>
public sealed class BudgetTracker(CostQueryEngine costs, CostOverviewService overview, ApplicationSettingsService settings)
{
    /// <summary>Days of history the forecaster is fitted on (13 weeks).</summary>
    public const int HistoryDays = 91;

    /// <summary>Months after the current one that are forecast.</summary>
    public const int ForecastMonths = 3;

    /// <summary>Past periods shown per period type.</summary>
    public static int PastPeriodCount(BudgetPeriodType type) => type switch
    {
        BudgetPeriodType.Monthly => 12,
        BudgetPeriodType.Quarterly => 8,
        _ => 3,
    };

    private readonly DailyForecaster _forecaster = new();

    /// <summary>Days the scope preview sums (through today).</summary>
    public const int PreviewDays = 30;

    public async Task<DateOnly> TodayAsync(CancellationToken ct) => await overview.TodayAsync(ct);

    /// <summary>
    /// What a scope matches while it is being typed: its cost per billing currency over the last <see cref="PreviewDays"/>
    /// days (through today), largest first; empty when it matches nothing. Throws <see cref="ArgumentException"/>
    /// with the parse error when the scope is not valid.
    /// </summary>
    public async Task<IReadOnlyList<CostTotal>> PreviewAsync(IEnumerable<string> scope, CostMetric metric, CancellationToken ct)
    {
        if (!BudgetScope.TryParse(scope, out var filters, out var error))
        {
            throw new ArgumentException(error, nameof(scope));
        }

        var tomorrow = (await overview.TodayAsync(ct)).AddDays(1);
        var result = await costs.QueryAsync(new CostQuery(tomorrow.AddDays(-PreviewDays), tomorrow, metric, Filters: filters), ct);
        return result.Totals.Where(t => t.Cost != 0).OrderByDescending(t => t.Cost).ToList();
    }

    /// <summary>The status of every budget, highest risk first.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> StatusesAsync(IEnumerable<Budget> budgets, CancellationToken ct)
    {
        var today = await overview.TodayAsync(ct);
        var fiscal = (await settings.GetAsync(ct)).FiscalYearStartMonth;
        var statuses = new List<BudgetStatus>();
        foreach (var budget in budgets)
        {
            statuses.Add(await StatusAsync(budget, today, fiscal, includePast: false, ct));
        }

        return statuses.OrderByDescending(s => s.Health == BudgetHealth.Over).ThenByDescending(s => s.Risk).ThenBy(s => s.Budget.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The full status of one budget, with its past periods.</summary>
    public async Task<BudgetStatus> StatusAsync(Budget budget, CancellationToken ct)
    {
        var today = await overview.TodayAsync(ct);
        var fiscal = (await settings.GetAsync(ct)).FiscalYearStartMonth;
        return await StatusAsync(budget, today, fiscal, includePast: true, ct);
    }

    /// <summary>The status as of <paramref name="today"/> with the fiscal year starting in <paramref name="fiscalYearStartMonth"/>.</summary>
    public async Task<BudgetStatus> StatusAsync(Budget budget, DateOnly today, int fiscalYearStartMonth, bool includePast, CancellationToken ct)
    {
        if (!BudgetScope.TryParse(budget.Scope, out var filters, out var error))
        {
            throw new InvalidOperationException($"Budget {budget.Id} has an invalid scope: {error}");
        }

        // A budget that has not started shows its first period; one that ended, its last.
        var asOf = today < budget.StartDate ? budget.StartDate : budget.EndDate is { } end && today > end ? end : today;
        var period = BudgetPeriod.Containing(asOf, budget.PeriodType, fiscalYearStartMonth);
        var amount = BudgetAmounts.ForPeriod(budget, period);
        var active = budget.StartDate <= today && (budget.EndDate is not { } last || last >= today);
        var tomorrow = today.AddDays(1);
        var currentMonth = new DateOnly(today.Year, today.Month, 1);
        var horizonEnd = Max(period.End, currentMonth.AddMonths(ForecastMonths + 1));
        var historyStart = Min(period.Start, today.AddDays(-HistoryDays));

        var daily = await costs.QueryAsync(new CostQuery(historyStart, tomorrow, budget.Metric, Granularity: Granularity.Day, Filters: filters), ct);
        var byDay = daily.Rows.Where(r => r.BillingCurrency == budget.Currency && r.Period is not null)
            .GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        var otherCurrencies = daily.Totals.Where(t => t.BillingCurrency != budget.Currency && t.Cost != 0).Select(t => t.BillingCurrency).Order(StringComparer.Ordinal).ToList();

        // Actual: every cost of the period through today (today may be partial).
        var actualByDay = new List<CumulativeDay>();
        var running = 0m;
        for (var day = period.Start; day < period.End && day <= today; day = day.AddDays(1))
        {
            running += byDay.GetValueOrDefault(day);
            actualByDay.Add(new CumulativeDay(day, running));
        }

        var actual = running;
        ForecastRange? forecast = null;
        var forecastByDay = new List<ForecastDay>();
        var nextMonths = new List<MonthForecast>();
        var method = "";
        if (active && today < period.End && today >= period.Start)
        {
            // Fit on complete days (before today) from the first day with cost in the window: a scope that started
            // costing recently is not dragged down by the zeros before it existed.
            var firstWithCost = byDay.Where(kv => kv.Key < today && kv.Value != 0).Select(kv => (DateOnly?)kv.Key).Min();
            var fitStart = Max(firstWithCost ?? today, today.AddDays(-HistoryDays));
            var history = Enumerable.Range(0, Math.Max(0, today.DayNumber - fitStart.DayNumber)).Select(i => byDay.GetValueOrDefault(fitStart.AddDays(i))).ToList();
            var model = _forecaster.Forecast(fitStart, history, horizonEnd.DayNumber - today.DayNumber);
            var completeInPeriod = actualByDay.Where(d => d.Day < today).Select(d => d.Cumulative).LastOrDefault();
            if (model is not null)
            {
                method = model.Description;
                var rest = model.Sum(today, period.End).Plus(completeInPeriod);
                // Today's partial cost is already spent: the forecast never ends below the actual.
                forecast = rest.Point < actual ? new ForecastRange(actual, Math.Max(rest.Low, actual), Math.Max(rest.High, actual)) : rest with { Low = Math.Max(rest.Low, actual) };
                if (today > period.Start)
                {
                    // The band starts where the complete days end, so the chart draws it on from the actual line.
                    forecastByDay.Add(new ForecastDay(today.AddDays(-1), new ForecastRange(completeInPeriod, completeInPeriod, completeInPeriod)));
                }

                forecastByDay.AddRange(model.Cumulative(period.End).Select(c => new ForecastDay(c.Day, c.Cumulative.Plus(completeInPeriod))));
                for (var month = currentMonth.AddMonths(1); month < currentMonth.AddMonths(ForecastMonths + 1); month = month.AddMonths(1))
                {
                    nextMonths.Add(new MonthForecast(month, model.Sum(month, month.AddMonths(1)), BudgetAmounts.ForMonth(budget, month)));
                }
            }
            else
            {
                method = $"not enough history: fewer than {DailyForecaster.MinDays} complete days with cost";
            }
        }

        var past = includePast ? await PastPeriodsAsync(budget, period, fiscalYearStartMonth, filters, ct) : [];
        var health = !active ? BudgetHealth.Inactive
            : actual > amount ? BudgetHealth.Over
            : forecast is not null && forecast.Point > amount ? BudgetHealth.AtRisk
            : BudgetHealth.OnTrack;
        return new BudgetStatus(budget, today, period, amount, actual, forecast, method, health, actualByDay, forecastByDay, past, nextMonths, otherCurrencies);
    }

    private async Task<IReadOnlyList<PastPeriod>> PastPeriodsAsync(Budget budget, BudgetPeriod current, int fiscal, IReadOnlyList<CostFilter> filters, CancellationToken ct)
    {
        var periods = new List<BudgetPeriod>();
        var start = current.Start;
        for (var i = 0; i < PastPeriodCount(budget.PeriodType); i++)
        {
            var previous = BudgetPeriod.Containing(start.AddDays(-1), budget.PeriodType, fiscal);
            if (!budget.IsActiveWithin(previous.Start, previous.End))
            {
                break;
            }

            periods.Add(previous);
            start = previous.Start;
        }

        if (periods.Count == 0)
        {
            return [];
        }

        var monthly = await costs.QueryAsync(new CostQuery(periods[^1].Start, current.Start, budget.Metric, Granularity: Granularity.Month, Filters: filters), ct);
        var byMonth = monthly.Rows.Where(r => r.BillingCurrency == budget.Currency && r.Period is not null)
            .GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        return periods.Select(p => new PastPeriod(p, BudgetAmounts.ForPeriod(budget, p), p.Months().Sum(m => byMonth.GetValueOrDefault(m)))).ToList();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
