using System.Globalization;

namespace FinOps.Domain.Anomalies;

/// <summary>Parameters of <see cref="NaiveThresholdRule"/>.</summary>
/// <param name="WindowDays">Days of the trailing average.</param>
/// <param name="Threshold">Relative departure from the trailing average that flags a day (0.30 = 30 %).</param>
/// <param name="IncludeDrops">Also flag days below the average by more than the threshold (the symmetric variant).</param>
/// <param name="MinImpact">Optional minimum |actual - average| (0 = the rule as open-source tools apply it).</param>
public sealed record NaiveThresholdOptions(int WindowDays = 7, decimal Threshold = 0.30m, bool IncludeDrops = false, decimal MinImpact = 0m)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"trailing mean {WindowDays}d, threshold {Threshold:P0}, {(IncludeDrops ? "spikes and drops" : "spikes only")}, minImpact={MinImpact:0.##}");
}

/// <summary>
/// The simple rule many open-source cost tools use, kept for comparison: a day is a spike when its cost exceeds the
/// average of the previous <see cref="NaiveThresholdOptions.WindowDays"/> days by more than the threshold (30 %); the
/// symmetric variant also flags days more than 30 % below. Exact decimal arithmetic; needs WindowDays of history.
/// It has no notion of weekly seasonality, spread or impact, and flagged days stay in the average.
/// </summary>
public sealed class NaiveThresholdRule(NaiveThresholdOptions? options = null)
{
    public NaiveThresholdOptions Options { get; } = options ?? new NaiveThresholdOptions();

    public string MethodName => string.Create(CultureInfo.InvariantCulture,
        $"naive-{Options.WindowDays}d-{Options.Threshold * 100:0}%{(Options.IncludeDrops ? "-symmetric" : "")}{(Options.MinImpact > 0 ? $"-min{Options.MinImpact:0}" : "")}");

    public IReadOnlyList<DetectedAnomaly> Detect(IEnumerable<DailySeries> series, DateOnly from, DateOnly to) =>
        series.SelectMany(s => Detect(s, from, to)).ToList();

    public IReadOnlyList<DetectedAnomaly> Detect(DailySeries series, DateOnly from, DateOnly to)
    {
        var result = new List<DetectedAnomaly>();
        var parameters = Options.Describe();
        var window = Options.WindowDays;
        var n = Math.Min(series.Count, to.DayNumber - series.Start.DayNumber);
        var first = Math.Max(window, from.DayNumber - series.Start.DayNumber);
        for (var t = first; t < n; t++)
        {
            var sum = 0m;
            for (var s = t - window; s < t; s++)
            {
                sum += series.Costs[s];
            }

            var average = sum / window;
            var actual = series.Costs[t];
            var impact = actual - average;
            AnomalyKind? kind = actual > average * (1 + Options.Threshold) ? AnomalyKind.Spike
                : Options.IncludeDrops && actual < average * (1 - Options.Threshold) ? AnomalyKind.Drop
                : null;
            if (kind is null || Math.Abs(impact) < Options.MinImpact)
            {
                continue;
            }

            result.Add(new DetectedAnomaly(series.Key, series.DateAt(t), kind.Value, Math.Round(average, 4), actual, actual - Math.Round(average, 4),
                null, MethodName, parameters, string.Create(CultureInfo.InvariantCulture,
                    $"cost {actual:0.00} vs trailing {window}-day mean {average:0.00}: {(average == 0 ? "from zero" : $"{impact / average:+0%;-0%}")} (threshold {Options.Threshold:P0})")));
        }

        return result;
    }
}
