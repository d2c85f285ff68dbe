namespace FinOps.Domain.Forecasting;

/// <summary>A daily cost series to backtest on: day <c>i</c> is <see cref="Start"/> + i.</summary>
public sealed record BacktestSeries(string Name, DateOnly Start, IReadOnlyList<decimal> Values)
{
    public DateOnly End => Start.AddDays(Values.Count);

    public decimal SumOf(DateOnly from, DateOnly to)
    {
        decimal sum = 0;
        for (var d = from; d < to; d = d.AddDays(1))
        {
            sum += Values[d.DayNumber - Start.DayNumber];
        }

        return sum;
    }
}

/// <summary>What a backtest measured for one method on one target.</summary>
/// <param name="Mape">Mean absolute percentage error of the forecast totals, as a fraction (0.05 = 5 %).</param>
/// <param name="Coverage">Share of actual totals inside the 80 % interval; null for a method without an interval.</param>
public sealed record BacktestScore(string Series, string Target, string Method, int Forecasts, double Mape, double? Coverage);

/// <summary>
/// Rolling-origin evaluation: from every day of the evaluated months (day 2 onwards, so that the run-rate has a day to
/// average), forecast (1) the month's total and (2) the next month's total, using only the days before the origin, and
/// compare with what the series actually did. The baseline is the linear run-rate open-source tools use: the
/// month-to-date average times the days of the month.
/// </summary>
public static class ForecastBacktest
{
    public const string MonthEnd = "month total";
    public const string NextMonth = "next month total";
    public const string RunRate = "run-rate (MTD average x days)";
    public const string SameWeekday = "same-weekday average of the last 4 weeks";

    /// <summary>Days of history the forecaster is given at each origin (as budgets do).</summary>
    public const int HistoryDays = 91;

    public static IReadOnlyList<BacktestScore> Evaluate(BacktestSeries series, DateOnly evaluateFrom, DailyForecaster? forecaster = null)
    {
        forecaster ??= new DailyForecaster();
        var ours = new Dictionary<string, (double Ape, int Hits, int Count)> { [MonthEnd] = default, [NextMonth] = default };
        var baseline = new Dictionary<(string Method, string Target), (double Ape, int Count)>();
        for (var origin = evaluateFrom; origin < series.End; origin = origin.AddDays(1))
        {
            var monthStart = new DateOnly(origin.Year, origin.Month, 1);
            var monthEnd = monthStart.AddMonths(1);
            var nextEnd = monthEnd.AddMonths(1);
            if (origin.Day < 2 || monthEnd > series.End || origin.AddDays(-DailyForecaster.MinDaysForSeasonality) < series.Start)
            {
                continue;
            }

            var historyStart = origin.AddDays(-HistoryDays) < series.Start ? series.Start : origin.AddDays(-HistoryDays);
            var history = Enumerable.Range(0, origin.DayNumber - historyStart.DayNumber)
                .Select(i => series.Values[historyStart.DayNumber - series.Start.DayNumber + i]).ToList();
            var forecast = forecaster.Forecast(historyStart, history, nextEnd.DayNumber - origin.DayNumber)!;
            var monthToDate = series.SumOf(monthStart, origin);
            var runRatePerDay = monthToDate / (origin.Day - 1);
            var weekdayAverage = SameWeekdayAverages(series, origin);

            Score(MonthEnd, forecast.Sum(origin, monthEnd).Plus(monthToDate), series.SumOf(monthStart, monthEnd),
                (RunRate, runRatePerDay * DateTime.DaysInMonth(origin.Year, origin.Month)),
                (SameWeekday, monthToDate + SumOfWeekdays(weekdayAverage, origin, monthEnd)));
            if (nextEnd <= series.End)
            {
                Score(NextMonth, forecast.Sum(monthEnd, nextEnd), series.SumOf(monthEnd, nextEnd),
                    (RunRate, runRatePerDay * DateTime.DaysInMonth(monthEnd.Year, monthEnd.Month)),
                    (SameWeekday, SumOfWeekdays(weekdayAverage, monthEnd, nextEnd)));
            }
        }

        return
        [
            .. ours.Where(o => o.Value.Count > 0).Select(o => new BacktestScore(series.Name, o.Key, DailyForecaster.MethodName, o.Value.Count,
                o.Value.Ape / o.Value.Count, (double)o.Value.Hits / o.Value.Count)),
            .. baseline.Where(b => b.Value.Count > 0).Select(b => new BacktestScore(series.Name, b.Key.Target, b.Key.Method, b.Value.Count,
                b.Value.Ape / b.Value.Count, null)),
        ];

        void Score(string target, ForecastRange ourForecast, decimal actual, params (string Method, decimal Forecast)[] baselines)
        {
            if (actual == 0)
            {
                return;
            }

            var o = ours[target];
            ours[target] = (o.Ape + Ape(ourForecast.Point, actual), o.Hits + (ourForecast.Covers(actual) ? 1 : 0), o.Count + 1);
            foreach (var (method, value) in baselines)
            {
                var b = baseline.GetValueOrDefault((method, target));
                baseline[(method, target)] = (b.Ape + Ape(value, actual), b.Count + 1);
            }
        }
    }

    /// <summary>The average cost of each weekday over the 28 days before <paramref name="origin"/> (days before the series count as zero).</summary>
    private static Dictionary<DayOfWeek, decimal> SameWeekdayAverages(BacktestSeries series, DateOnly origin)
    {
        var sums = new Dictionary<DayOfWeek, decimal>();
        for (var back = 1; back <= 28; back++)
        {
            var day = origin.AddDays(-back);
            var value = day >= series.Start ? series.Values[day.DayNumber - series.Start.DayNumber] : 0;
            sums[day.DayOfWeek] = sums.GetValueOrDefault(day.DayOfWeek) + value;
        }

        return sums.ToDictionary(s => s.Key, s => s.Value / 4);
    }

    private static decimal SumOfWeekdays(Dictionary<DayOfWeek, decimal> averages, DateOnly from, DateOnly to)
    {
        decimal sum = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            sum += averages[day.DayOfWeek];
        }

        return sum;
    }

    private static double Ape(decimal forecast, decimal actual) => (double)Math.Abs((forecast - actual) / actual);
}

/// <summary>
/// Generated daily cost series with known shape, for backtests and tests (seeded: the same seed gives the same series).
/// Noise is Gaussian, proportional to the level.
/// </summary>
public static class SyntheticSeries
{
    /// <summary>Weekday factors of a typical cloud bill: weekdays busy, weekends quiet (Sunday first).</summary>
    private static readonly double[] WeekdayFactors = [0.7, 1.1, 1.15, 1.15, 1.1, 1.05, 0.75];

    /// <summary>Steady growth: 1,000 a day at the start, 3 more every day (about 9 % a month), weekly pattern, 5 % noise.</summary>
    public static BacktestSeries Growth(int seed, DateOnly start, int days) =>
        Make("growth", seed, start, days, d => (1000 + 3.0 * d) * WeekdayFactors[(int)start.AddDays(d).DayOfWeek], 0.05);

    /// <summary>A level that steps up by 40 % two thirds of the way through (a new workload), weekly pattern, 5 % noise.</summary>
    public static BacktestSeries StepChange(int seed, DateOnly start, int days) =>
        Make("step change", seed, start, days, d => (d < days * 2 / 3 ? 1000 : 1400) * WeekdayFactors[(int)start.AddDays(d).DayOfWeek], 0.05);

    /// <summary>Strong weekly seasonality (dev environments stopped at weekends), flat level, 8 % noise.</summary>
    public static BacktestSeries Seasonal(int seed, DateOnly start, int days) =>
        Make("seasonality", seed, start, days, d => 800 * (start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.25 : 1.3), 0.08);

    private static BacktestSeries Make(string name, int seed, DateOnly start, int days, Func<int, double> mean, double noise)
    {
        var random = new Random(seed);
        var values = new decimal[days];
        for (var d = 0; d < days; d++)
        {
            // Box-Muller: one standard normal draw from two uniform ones.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var m = mean(d);
            values[d] = Math.Round((decimal)Math.Max(0, m + noise * m * normal), 2);
        }

        return new BacktestSeries(name, start, values);
    }
}
