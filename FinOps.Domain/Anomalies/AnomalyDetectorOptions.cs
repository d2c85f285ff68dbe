using System.Globalization;

namespace FinOps.Domain.Anomalies;

/// <summary>
/// The parameters of <see cref="AnomalyDetector"/>. The defaults are the ones measured in docs/anomaly-evaluation.md;
/// docs/decisions/005-anomaly-detection.md explains the method.
/// </summary>
public sealed record AnomalyDetectorOptions
{
    /// <summary>Days a series must have (since its first cost) before any of its days is judged. Younger series are never flagged.</summary>
    public int MinHistoryDays { get; init; } = 21;

    /// <summary>Weeks of history the weekday factors are taken from (ratio to the centred 7-day mean, median per weekday).</summary>
    public int SeasonalWeeks { get; init; } = 6;

    /// <summary>Days of the recent level: the median of the last <c>LevelDays</c> deseasonalized costs.</summary>
    public int LevelDays { get; init; } = 14;

    /// <summary>Extrapolate the trend: (median of the last LevelDays - median of the LevelDays before) / LevelDays per day.</summary>
    public bool UseTrend { get; init; } = true;

    /// <summary>
    /// The trend is used only when the two medians differ by more than this many standard errors (SE of a median
    /// about 1.253 x sigma / sqrt(n)); below that the difference is noise and extrapolating it adds error.
    /// </summary>
    public double TrendSignificance { get; init; } = 2.0;

    /// <summary>Days of residuals the robust spread (1.4826 x median absolute deviation) is computed over.</summary>
    public int ResidualDays { get; init; } = 28;

    /// <summary>A day is anomalous when |robust z| reaches this (3.5 is Iglewicz and Hoaglin's cut-off for the modified z-score).</summary>
    public double ZThreshold { get; init; } = 3.5;

    /// <summary>The spread is at least this fraction of the level, so that a nearly flat series does not flag cents of noise.</summary>
    public double SpreadFloor { get; init; } = 0.05;

    /// <summary>Minimum |actual - expected| in the billing currency: smaller moves page nobody.</summary>
    public decimal MinImpact { get; init; } = 50m;

    /// <summary>Minimum |actual - expected| as a fraction of the expected cost.</summary>
    public decimal MinRelativeImpact { get; init; } = 0.2m;

    /// <summary>
    /// After this many consecutive anomalous days in one direction, the change is taken as the series' new level:
    /// the baseline restarts from the first day of the run (the weekday factors are kept).
    /// </summary>
    public int MaxAnomalyRunDays { get; init; } = 7;

    /// <summary>Throws when a parameter is out of range.</summary>
    public void Validate()
    {
        Check(MinHistoryDays >= 14, nameof(MinHistoryDays), "at least 14 (two weeks to see the weekly pattern)");
        Check(SeasonalWeeks >= 2, nameof(SeasonalWeeks), "at least 2");
        Check(LevelDays >= 7, nameof(LevelDays), "at least 7");
        Check(ResidualDays >= 7, nameof(ResidualDays), "at least 7");
        Check(TrendSignificance >= 0, nameof(TrendSignificance), "zero or positive");
        Check(ZThreshold > 0, nameof(ZThreshold), "positive");
        Check(SpreadFloor >= 0, nameof(SpreadFloor), "zero or positive");
        Check(MinImpact >= 0, nameof(MinImpact), "zero or positive");
        Check(MinRelativeImpact >= 0, nameof(MinRelativeImpact), "zero or positive");
        Check(MaxAnomalyRunDays >= 1, nameof(MaxAnomalyRunDays), "at least 1");

        static void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"{name} must be {rule}");
            }
        }
    }

    /// <summary>The parameters as one line of text (what <see cref="DetectedAnomaly.Parameters"/> holds).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"minHistory={MinHistoryDays}d seasonalWeeks={SeasonalWeeks} level=median {LevelDays}d trend={(UseTrend ? FormattableString.Invariant($"on if >{TrendSignificance:0.#}SE") : "off")} " +
        $"spread=1.4826*MAD {ResidualDays}d floor={SpreadFloor:0.###}*level z>={ZThreshold:0.##} " +
        $"minImpact={MinImpact:0.##} minRelative={MinRelativeImpact:0.##} levelShiftAfter={MaxAnomalyRunDays}d");
}
