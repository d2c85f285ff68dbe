using System.Globalization;
using System.Text.Json;

namespace FinOps.Domain.Anomalies;

/// <summary>Where a recorded anomaly is in its life: new, seen by a person, or dealt with.</summary>
public enum AnomalyStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>How much an anomaly matters, by the absolute size of its impact in the billing currency.</summary>
public enum AnomalySeverity
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A recorded anomaly: one <see cref="DetectedAnomaly"/> of one series on one day, stored once (unique on
/// <see cref="SeriesId"/>, <see cref="Date"/>, <see cref="Kind"/>), with its review status.
/// </summary>
public sealed class Anomaly
{
    /// <summary>|impact| from which an anomaly is <see cref="AnomalySeverity.Medium"/>.</summary>
    public const decimal MediumImpact = 250m;

    /// <summary>|impact| from which an anomaly is <see cref="AnomalySeverity.High"/>.</summary>
    public const decimal HighImpact = 1000m;

    public long Id { get; set; }

    /// <summary>The canonical text of the <see cref="SeriesKey"/> (see <see cref="SeriesIdOf"/>): what the unique index compares.</summary>
    public required string SeriesId { get; set; }

    public SeriesLevel Level { get; set; }

    public string? ProviderName { get; set; }

    public string? BillingAccountId { get; set; }

    public string? SubAccountId { get; set; }

    public string? ServiceName { get; set; }

    public string? Team { get; set; }

    public required string Currency { get; set; }

    public DateOnly Date { get; set; }

    public AnomalyKind Kind { get; set; }

    public decimal Expected { get; set; }

    public decimal Actual { get; set; }

    /// <summary>Actual minus expected: positive for spikes, negative for drops.</summary>
    public decimal Impact { get; set; }

    public double? ZScore { get; set; }

    public required string Method { get; set; }

    public required string Parameters { get; set; }

    public string? Explanation { get; set; }

    public AnomalyStatus Status { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public SeriesKey Series => new(Level, ProviderName, BillingAccountId, SubAccountId, ServiceName, Team, Currency);

    public AnomalySeverity Severity => SeverityOf(Impact);

    /// <summary>What people read: <c>ServiceName · sub-account · provider</c>, or <c>team X</c>.</summary>
    public string SeriesLabel => Level == SeriesLevel.Team
        ? $"team {Team ?? "(untagged)"}"
        : string.Join(" · ", new[] { ServiceName ?? "(no service)", SubAccountId ?? "(no sub-account)", ProviderName ?? "(no provider)" });

    public static AnomalySeverity SeverityOf(decimal impact) => Math.Abs(impact) switch
    {
        >= HighImpact => AnomalySeverity.High,
        >= MediumImpact => AnomalySeverity.Medium,
        _ => AnomalySeverity.Low,
    };

    /// <summary>
    /// A canonical, unambiguous text for a series key (JSON of its fields). A unique index over the nullable key
    /// columns would not work: SQLite treats NULLs as distinct, so a team series (null provider...) could repeat.
    /// </summary>
    public static string SeriesIdOf(SeriesKey key) => JsonSerializer.Serialize(
        new object?[] { key.Level.ToString(), key.ProviderName, key.BillingAccountId, key.SubAccountId, key.ServiceName, key.Team, key.Currency });

    public static Anomaly From(DetectedAnomaly detected, DateTimeOffset detectedAt) => new()
    {
        SeriesId = SeriesIdOf(detected.Series),
        Level = detected.Series.Level,
        ProviderName = detected.Series.ProviderName,
        BillingAccountId = detected.Series.BillingAccountId,
        SubAccountId = detected.Series.SubAccountId,
        ServiceName = detected.Series.ServiceName,
        Team = detected.Series.Team,
        Currency = detected.Series.Currency,
        Date = detected.Date,
        Kind = detected.Kind,
        Expected = detected.Expected,
        Actual = detected.Actual,
        Impact = detected.Impact,
        ZScore = detected.ZScore is { } z && double.IsFinite(z) ? z : null,
        Method = detected.Method,
        Parameters = detected.Parameters,
        Explanation = detected.Explanation,
        Status = AnomalyStatus.Open,
        DetectedAt = detectedAt,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind} of {SeriesLabel} on {Date:yyyy-MM-dd}: {Actual:0.00} vs {Expected:0.00} expected ({Impact:+0.00;-0.00} {Currency})");
}
