using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FinOps.Domain.Anomalies;

namespace FinOps.Domain.Notifications;

/// <summary>How a recorded <see cref="Anomaly"/> becomes an <see cref="AlertMessage"/> for the notification channels.</summary>
public static class AnomalyAlertMessages
{
    /// <summary>Days of context the explorer link shows, ending with the anomalous day.</summary>
    public const int LinkDays = 30;

    public static AlertMessage From(Anomaly anomaly)
    {
        var date = anomaly.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = $"{anomaly.Kind} in {anomaly.SeriesLabel} on {date}";
        var body = string.Create(CultureInfo.InvariantCulture,
            $"Effective cost was {anomaly.Actual:N2} {anomaly.Currency} against {anomaly.Expected:N2} expected ({anomaly.Impact:+#,##0.00;-#,##0.00} {anomaly.Currency}).");
        if (!string.IsNullOrWhiteSpace(anomaly.Explanation))
        {
            body += " " + anomaly.Explanation.Trim();
        }

        return new AlertMessage(AlertKind.Anomaly, SeverityOf(anomaly.Severity), title, body, ExplorerLink(anomaly), anomaly.Impact, anomaly.Currency,
            anomaly.DetectedAt, DeduplicationKey(anomaly));
    }

    public static AlertSeverity SeverityOf(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.High => AlertSeverity.Critical,
        AnomalySeverity.Medium => AlertSeverity.Warning,
        _ => AlertSeverity.Info,
    };

    /// <summary>
    /// The anomaly's identity (series, day, kind: what makes it unique) as a bounded key:
    /// <c>anomaly:2024-10-08:Spike:</c> and the SHA-256 of the series id (series ids can be long).
    /// </summary>
    public static string DeduplicationKey(Anomaly anomaly) =>
        string.Create(CultureInfo.InvariantCulture, $"anomaly:{anomaly.Date:yyyy-MM-dd}:{anomaly.Kind}:")
        + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(anomaly.SeriesId)));

    /// <summary>
    /// The Cost Explorer on the series (its provider, sub-account and service, or its team tag) over the
    /// <see cref="LinkDays"/> days that end with the anomaly, in daily effective cost (what the detector judges), in the
    /// explorer's URL contract (the query syntax of <c>GET /api/v1/costs</c>).
    /// </summary>
    public static string ExplorerLink(Anomaly anomaly)
    {
        var link = new Costs.Explorer.ExplorerLink(anomaly.Date.AddDays(1 - LinkDays), anomaly.Date.AddDays(1), Costs.CostMetric.EffectiveCost);
        return anomaly.Level == SeriesLevel.Team
            ? link.WhereTag("team", anomaly.Team)
            // An empty value filters rows where the column is empty: exactly the series, as the detector grouped it.
            : link.Where("ProviderName", anomaly.ProviderName).Where("SubAccountId", anomaly.SubAccountId).Where("ServiceName", anomaly.ServiceName);
    }
}
