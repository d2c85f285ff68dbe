using FinOps.Domain.Anomalies;

namespace FinOps.Tests.Domain.Anomalies;

/// <summary>Seeded synthetic daily series for the detector tests.</summary>
internal static class CraftedSeries
{
    /// <summary>A Monday, so day 5 and 6 of every week are the weekend.</summary>
    public static readonly DateOnly Start = new(2025, 3, 3);

    public static readonly SeriesKey Key = SeriesKey.ForService("AWS", "111111111111", "222222222222", "Amazon Elastic Compute Cloud", "USD");

    /// <summary>
    /// <paramref name="days"/> days of <paramref name="level"/> with uniform noise of ±<paramref name="noise"/> (relative),
    /// times <paramref name="weekendFactor"/> on Saturdays and Sundays, growing by <paramref name="dailyGrowth"/> a day;
    /// <paramref name="shape"/> may override any day (index, underlying value) -> value.
    /// </summary>
    public static DailySeries Make(int days, decimal level = 1000m, double noise = 0.04, double weekendFactor = 1.0,
        double dailyGrowth = 0.0, int seed = 7, Func<int, decimal, decimal>? shape = null, SeriesKey? key = null)
    {
        var random = new Random(seed);
        var costs = new decimal[days];
        for (var i = 0; i < days; i++)
        {
            var weekend = Start.AddDays(i).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var underlying = (double)level * Math.Pow(1 + dailyGrowth, i) * (weekend ? weekendFactor : 1.0);
            var value = Math.Round((decimal)(underlying * (1 + noise * (2 * random.NextDouble() - 1))), 2);
            costs[i] = shape is null ? value : shape(i, Math.Round((decimal)underlying, 2));
        }

        return new DailySeries(key ?? Key, Start, costs);
    }

    public static DateOnly Day(int index) => Start.AddDays(index);

    /// <summary>Every day of the series is evaluated.</summary>
    public static IReadOnlyList<DetectedAnomaly> DetectAll(this AnomalyDetector detector, DailySeries series) =>
        detector.Detect(series, series.Start, series.End);
}
