using FinOps.Domain.Demo;

namespace FinOps.Domain.Anomalies;

/// <summary>A known anomaly (ground truth): one series, consecutive days.</summary>
public sealed record GroundTruthAnomaly(string Id, SeriesKey Series, AnomalyKind Kind, DateOnly First, DateOnly Last)
{
    public bool Covers(DetectedAnomaly detection) =>
        detection.Series == Series && detection.Date >= First && detection.Date <= Last;

    /// <summary>An anomaly injected by the demo generator, on its service-level series.</summary>
    public static GroundTruthAnomaly FromDemo(DemoAnomaly anomaly) => new(
        anomaly.Id,
        SeriesKey.ForService(anomaly.ProviderName, anomaly.BillingAccountId, anomaly.SubAccountId, anomaly.ServiceName, anomaly.BillingCurrency),
        anomaly.Kind == DemoAnomalyKind.Spike ? AnomalyKind.Spike : AnomalyKind.Drop,
        anomaly.FirstDate,
        anomaly.LastDate);
}

/// <summary>
/// How one method did against the ground truth over a window. A detection is a true positive when it is on the series
/// of a known anomaly and on one of its days (its direction is not required to match); every other detection is a
/// false alarm. An anomaly is found when at least one of its days is detected.
/// </summary>
/// <param name="Detections">Flagged (series, day) pairs.</param>
/// <param name="FalseAlarms">Flagged days matching no known anomaly.</param>
/// <param name="FalseAlarmEpisodes">False alarms grouped into episodes (consecutive days of one series): what a person is paged for.</param>
public sealed record AnomalyEvaluationResult(
    string Method,
    int Detections,
    int TruePositives,
    int FalseAlarms,
    int FalseAlarmEpisodes,
    int Anomalies,
    int AnomaliesFound,
    IReadOnlyList<GroundTruthAnomaly> Missed,
    IReadOnlyList<AnomalyEpisode> FalseAlarmList)
{
    /// <summary>True positives / detections (1 when nothing was detected).</summary>
    public double Precision => Detections == 0 ? 1 : (double)TruePositives / Detections;

    /// <summary>Anomalies found / anomalies (1 when there are none).</summary>
    public double Recall => Anomalies == 0 ? 1 : (double)AnomaliesFound / Anomalies;
}

/// <summary>Compares detections with known anomalies: precision, recall and false alarms, per method.</summary>
public static class AnomalyEvaluation
{
    /// <summary>
    /// Scores the detections dated in [<paramref name="from"/>, <paramref name="to"/>) against the known anomalies that
    /// start in that window. Pass detections of the series level the truth describes (the demo's anomalies are on
    /// service-level series).
    /// </summary>
    public static AnomalyEvaluationResult Evaluate(string method, IEnumerable<DetectedAnomaly> detections,
        IEnumerable<GroundTruthAnomaly> truth, DateOnly from, DateOnly to)
    {
        var inWindow = detections.Where(d => d.Date >= from && d.Date < to).ToList();
        var anomalies = truth.Where(a => a.First >= from && a.First < to).ToList();
        var falseAlarms = inWindow.Where(d => !anomalies.Any(a => a.Covers(d))).ToList();
        var missed = anomalies.Where(a => !inWindow.Any(a.Covers)).ToList();
        var episodes = AnomalyEpisode.Group(falseAlarms);
        return new AnomalyEvaluationResult(method, inWindow.Count, inWindow.Count - falseAlarms.Count, falseAlarms.Count, episodes.Count,
            anomalies.Count, anomalies.Count - missed.Count, missed, episodes);
    }
}
