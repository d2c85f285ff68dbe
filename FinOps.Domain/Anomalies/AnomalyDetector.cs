using System.Globalization;

namespace FinOps.Domain.Anomalies;

/// <summary>
/// Finds days whose cost departs from a seasonal, robust baseline ("seasonal-median-mad"). For each day <c>t</c> of a
/// series, using only the days before it:
/// <list type="number">
/// <item><b>Weekday factors.</b> Over the last <see cref="AnomalyDetectorOptions.SeasonalWeeks"/> weeks, each day is
/// divided by the centred 7-day mean around it (windows holding an excluded day are skipped), and the factor of a
/// weekday is the median of its ratios, normalized to average 1. A centred mean holds each weekday once and cancels
/// a linear trend, so the factors do not depend on the level or the growth.</item>
/// <item><b>Level and trend.</b> Each past day is deseasonalized (cost / its weekday factor; weekdays whose factor is
/// below 0.05, e.g. machines stopped at weekends, are left out). The level is the median of the last
/// <see cref="AnomalyDetectorOptions.LevelDays"/> deseasonalized days; with
/// <see cref="AnomalyDetectorOptions.UseTrend"/>, the slope is the difference between that median and the median of the
/// LevelDays before, divided by LevelDays, and the level is carried forward to <c>t</c> ((LevelDays + 1) / 2 days); the
/// trend is used only when the difference of the two medians exceeds
/// <see cref="AnomalyDetectorOptions.TrendSignificance"/> standard errors (so noise is not extrapolated).</item>
/// <item><b>Expected</b> = max(0, level x factor of t's weekday).</item>
/// <item><b>Robust spread</b> σ = 1.4826 x MAD of the in-sample residuals (cost - fitted baseline) of the last
/// <see cref="AnomalyDetectorOptions.ResidualDays"/> days, at least <see cref="AnomalyDetectorOptions.SpreadFloor"/> x
/// level. The floor keeps a flat series (MAD near 0) from turning cents into huge z-scores.</item>
/// <item><b>Verdict.</b> z = (actual - expected) / σ. A spike when z ≥ <see cref="AnomalyDetectorOptions.ZThreshold"/>,
/// a drop when z ≤ -threshold, and in both cases only if |actual - expected| ≥
/// <see cref="AnomalyDetectorOptions.MinImpact"/> and ≥ <see cref="AnomalyDetectorOptions.MinRelativeImpact"/> x expected.</item>
/// </list>
/// Anomalous days are excluded from the history of the following days (so a spike neither raises the level nor
/// widens the spread, and does not cause false drops after it). A run longer than
/// <see cref="AnomalyDetectorOptions.MaxAnomalyRunDays"/> is a level shift: its days are readmitted and the level and
/// spread restart from the run's first day, so a lasting change is reported for a week, not forever.
/// A series is judged only from its <see cref="AnomalyDetectorOptions.MinHistoryDays"/>-th day: a new service is never
/// flagged while it ramps up (it shows up in the cost views, not as an anomaly).
/// The statistics run in <c>double</c> (costs are converted explicitly); expected values are returned as decimals
/// rounded to 4 places and impacts are computed in decimal from the exact actual cost.
/// Deterministic: the result depends only on the series and the options, and a day's verdict does not depend on the
/// evaluation window (history before <c>from</c> is processed the same way).
/// </summary>
public sealed class AnomalyDetector
{
    public const string MethodName = "seasonal-median-mad";

    private const double MadScale = 1.4826;
    private const double MinUsableFactor = 0.05;

    private readonly string _parameters;

    public AnomalyDetector(AnomalyDetectorOptions? options = null)
    {
        Options = options ?? new AnomalyDetectorOptions();
        Options.Validate();
        _parameters = Options.Describe();
    }

    public AnomalyDetectorOptions Options { get; }

    /// <summary>The anomalous days in [<paramref name="from"/>, <paramref name="to"/>) of every series, by series then date.</summary>
    public IReadOnlyList<DetectedAnomaly> Detect(IEnumerable<DailySeries> series, DateOnly from, DateOnly to) =>
        series.SelectMany(s => Detect(s, from, to)).ToList();

    /// <summary>The anomalous days of one series in [<paramref name="from"/>, <paramref name="to"/>), by date.</summary>
    public IReadOnlyList<DetectedAnomaly> Detect(DailySeries series, DateOnly from, DateOnly to)
    {
        var result = new List<DetectedAnomaly>();
        var n = Math.Min(series.Count, to.DayNumber - series.Start.DayNumber);
        var y = new double[Math.Max(0, n)];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = (double)series.Costs[i];
        }

        var usable = Enumerable.Repeat(true, y.Length).ToArray();
        var firstWeekday = (int)series.Start.DayOfWeek;
        var regimeStart = 0;
        var runStart = -1;
        var runKind = AnomalyKind.Spike;
        for (var t = Options.MinHistoryDays; t < n; t++)
        {
            var b = Fit(y, usable, firstWeekday, regimeStart, t);
            var actual = series.Costs[t];
            var expected = Math.Round((decimal)b.Expected, 4);
            var impact = actual - expected;
            var z = (y[t] - b.Expected) / b.Spread;
            var large = Math.Abs(impact) >= Options.MinImpact && Math.Abs(impact) >= Options.MinRelativeImpact * expected;
            AnomalyKind? kind = !large ? null
                : z >= Options.ZThreshold && impact > 0 ? AnomalyKind.Spike
                : z <= -Options.ZThreshold && impact < 0 ? AnomalyKind.Drop
                : null;
            if (kind is null)
            {
                runStart = -1;
                continue;
            }

            usable[t] = false;
            if (runStart < 0 || runKind != kind)
            {
                (runStart, runKind) = (t, kind.Value);
            }

            if (t - runStart + 1 > Options.MaxAnomalyRunDays)
            {
                // A lasting change: accept it as the new level.
                for (var s = runStart; s <= t; s++)
                {
                    usable[s] = true;
                }

                regimeStart = runStart;
                runStart = -1;
            }

            var date = series.DateAt(t);
            if (date >= from)
            {
                result.Add(new DetectedAnomaly(series.Key, date, kind.Value, expected, actual, impact, z, MethodName, _parameters,
                    Explain(b, date, expected, impact, z)));
            }
        }

        return result;
    }

    private string Explain(BaselineFit b, DateOnly date, decimal expected, decimal impact, double z)
    {
        var trend = b.Slope != 0 ? FormattableString.Invariant($", trend {b.Slope:+0.00;-0.00}/day") : ", no trend";
        var floor = b.Floored ? FormattableString.Invariant($", floored at {Options.SpreadFloor:0.###} x level") : "";
        return FormattableString.Invariant(
            $"expected {expected:0.00} = level {b.Level:0.00} (median of {b.LevelDays} deseasonalized days{trend}) x {date.DayOfWeek} factor {b.Factor:0.000}; ") +
            FormattableString.Invariant(
            $"spread {b.Spread:0.00} (1.4826 x MAD of {b.ResidualCount} residuals{floor}); z = {z:0.0} vs ±{Options.ZThreshold:0.##}; ") +
            FormattableString.Invariant(
            $"impact {impact:0.00} vs min {Options.MinImpact:0.##} and {Options.MinRelativeImpact:0.##} x expected");
    }

    private readonly record struct BaselineFit(double Expected, double Level, double Slope, double Factor, double Spread, bool Floored,
        int LevelDays, int ResidualCount);

    private BaselineFit Fit(double[] y, bool[] usable, int firstWeekday, int regimeStart, int t)
    {
        var factors = WeekdayFactors(y, usable, firstWeekday, t);
        int Weekday(int s) => (firstWeekday + s) % 7;

        // Deseasonalized history of the current regime.
        double? Deseasonalized(int s)
        {
            var f = factors[Weekday(s)];
            return usable[s] && f >= MinUsableFactor ? y[s] / f : null;
        }

        var recent = Values(Math.Max(regimeStart, t - Options.LevelDays), t, Deseasonalized);
        var level = recent.Count > 0 ? Median(recent) : 0;
        var slope = 0.0;
        if (Options.UseTrend && t - 2 * Options.LevelDays >= regimeStart)
        {
            var prior = Values(t - 2 * Options.LevelDays, t - Options.LevelDays, Deseasonalized);
            if (prior.Count >= Options.LevelDays / 2 && recent.Count >= Options.LevelDays / 2)
            {
                // Only a trend that stands out of the noise: the standard error of a median is about
                // 1.253 x sigma / sqrt(n) for normal data, sigma estimated by 1.4826 x MAD of the recent days.
                var difference = level - Median(prior);
                var sigma = MadScale * MedianAbsoluteDeviation(recent);
                var standardError = 1.253 * sigma * Math.Sqrt(1.0 / recent.Count + 1.0 / prior.Count);
                if (Math.Abs(difference) > Options.TrendSignificance * standardError)
                {
                    slope = difference / Options.LevelDays;
                    level += slope * (Options.LevelDays + 1) / 2.0;
                }
            }
        }

        level = Math.Max(0, level);
        var factor = factors[Weekday(t)];
        var expected = level * factor;

        var residuals = Values(Math.Max(regimeStart, t - Options.ResidualDays), t,
            s => usable[s] ? y[s] - Math.Max(0, (level - slope * (t - s)) * factors[Weekday(s)]) : null);
        var mad = residuals.Count > 0 ? MadScale * MedianAbsoluteDeviation(residuals) : 0;
        var floor = Math.Max(Options.SpreadFloor * level, 1e-6);
        return new BaselineFit(expected, level, slope, factor, Math.Max(mad, floor), mad < floor, recent.Count, residuals.Count);
    }

    /// <summary>
    /// Median ratio of each weekday to the centred 7-day mean around it (classical decomposition: a centred mean
    /// holds every weekday once and removes a linear trend), over the last SeasonalWeeks weeks, normalized to mean 1.
    /// Days whose window holds an excluded day, or reaches t, are skipped.
    /// </summary>
    private double[] WeekdayFactors(double[] y, bool[] usable, int firstWeekday, int t)
    {
        var ratios = Enumerable.Range(0, 7).Select(_ => new List<double>()).ToArray();
        for (var s = Math.Max(3, t - 7 * Options.SeasonalWeeks); s + 3 < t; s++)
        {
            var complete = true;
            var sum = 0.0;
            for (var k = s - 3; k <= s + 3; k++)
            {
                complete &= usable[k];
                sum += y[k];
            }

            if (complete && sum > 0)
            {
                ratios[(firstWeekday + s) % 7].Add(y[s] / (sum / 7));
            }
        }

        var factors = ratios.Select(r => r.Count > 0 ? Median(r) : 1.0).ToArray();
        var average = factors.Average();
        return average > 0 ? factors.Select(f => f / average).ToArray() : Enumerable.Repeat(1.0, 7).ToArray();
    }

    private static List<double> Values(int from, int to, Func<int, double?> value)
    {
        var list = new List<double>(Math.Max(0, to - from));
        for (var s = Math.Max(0, from); s < to; s++)
        {
            if (value(s) is { } v)
            {
                list.Add(v);
            }
        }

        return list;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    internal static double MedianAbsoluteDeviation(List<double> values)
    {
        var median = Median(values);
        return Median(values.Select(v => Math.Abs(v - median)).ToList());
    }
}
