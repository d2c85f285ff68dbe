namespace FinOps.Domain.Anomalies;

/// <summary>Whether the cost was above (spike) or below (drop) what was expected.</summary>
public enum AnomalyKind
{
    Spike,
    Drop,
}

/// <summary>
/// One anomalous day of one series, with everything a person needs to see why it was flagged.
/// </summary>
/// <param name="Expected">The baseline for that day (rounded to 4 decimals; the statistics run in double).</param>
/// <param name="Actual">The exact cost of the day.</param>
/// <param name="Impact">Actual minus expected: positive for spikes, negative for drops.</param>
/// <param name="ZScore">Robust z-score (impact / robust spread); null for rules that have none.</param>
/// <param name="Method">The method's name, e.g. <see cref="AnomalyDetector.MethodName"/>.</param>
/// <param name="Parameters">The method's parameters, as text.</param>
/// <param name="Explanation">How the expected value and the verdict were obtained for this day, in words and numbers.</param>
public sealed record DetectedAnomaly(
    SeriesKey Series,
    DateOnly Date,
    AnomalyKind Kind,
    decimal Expected,
    decimal Actual,
    decimal Impact,
    double? ZScore,
    string Method,
    string Parameters,
    string Explanation);

/// <summary>Consecutive anomalous days of one series in the same direction.</summary>
public sealed record AnomalyEpisode(SeriesKey Series, AnomalyKind Kind, DateOnly First, DateOnly Last, IReadOnlyList<DetectedAnomaly> Days)
{
    public int DayCount => Days.Count;

    /// <summary>Sum of the days' impacts.</summary>
    public decimal Impact => Days.Sum(d => d.Impact);

    /// <summary>The largest |z| of the days (null for rules without a z-score).</summary>
    public double? PeakZScore => Days.Max(d => d.ZScore is { } z ? Math.Abs(z) : (double?)null);

    /// <summary>
    /// Groups per-day detections into episodes: same series, same kind, consecutive dates (a gap of one day or more,
    /// or a change of direction, starts a new episode). Ordered by series, then first date.
    /// </summary>
    public static IReadOnlyList<AnomalyEpisode> Group(IEnumerable<DetectedAnomaly> detections)
    {
        var episodes = new List<AnomalyEpisode>();
        foreach (var series in detections.GroupBy(d => d.Series).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            var current = new List<DetectedAnomaly>();
            foreach (var day in series.OrderBy(d => d.Date))
            {
                if (current.Count > 0 && (day.Kind != current[^1].Kind || day.Date != current[^1].Date.AddDays(1)))
                {
                    episodes.Add(Close(current));
                    current = [];
                }

                current.Add(day);
            }

            if (current.Count > 0)
            {
                episodes.Add(Close(current));
            }
        }

        return episodes;

        static AnomalyEpisode Close(List<DetectedAnomaly> days) => new(days[0].Series, days[0].Kind, days[0].Date, days[^1].Date, days);
    }
}
