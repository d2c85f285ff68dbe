using FinOps.Domain.Anomalies;
using static FinOps.Tests.Domain.Anomalies.CraftedSeries;

namespace FinOps.Tests.Domain.Anomalies;

public sealed class AnomalyEvaluationTests
{
    private static readonly SeriesKey Other = Key with { ServiceName = "AWS Lambda" };

    private static DetectedAnomaly At(SeriesKey series, int day, AnomalyKind kind = AnomalyKind.Spike) =>
        new(series, Day(day), kind, 100m, 300m, 200m, 5, "test", "", "");

    [Fact]
    public void Episodes_GroupConsecutiveDaysOfOneSeriesAndDirection()
    {
        var episodes = AnomalyEpisode.Group([At(Key, 3), At(Key, 4), At(Key, 5, AnomalyKind.Drop), At(Key, 7), At(Other, 4), At(Key, 2)]);

        Assert.Equal(
            [(Other, Day(4), Day(4), 1), (Key, Day(2), Day(4), 3), (Key, Day(5), Day(5), 1), (Key, Day(7), Day(7), 1)],
            episodes.Select(e => (e.Series, e.First, e.Last, e.DayCount)));
        Assert.Equal(600m, episodes.Single(e => e.DayCount == 3).Impact);
    }

    [Fact]
    public void Evaluation_CountsMatchesOnTheSeriesAndDaysOfKnownAnomalies()
    {
        GroundTruthAnomaly[] truth =
        [
            new("a1", Key, AnomalyKind.Spike, Day(10), Day(12)),
            new("a2", Other, AnomalyKind.Drop, Day(20), Day(21)),
            new("outside", Other, AnomalyKind.Drop, Day(80), Day(81)),
        ];
        DetectedAnomaly[] detections = [At(Key, 10), At(Key, 11), At(Key, 13), At(Other, 11), At(Other, 30), At(Other, 31), At(Key, 90)];

        var result = AnomalyEvaluation.Evaluate("test", detections, truth, Day(0), Day(60));

        Assert.Equal(6, result.Detections);
        Assert.Equal(2, result.TruePositives);
        Assert.Equal(4, result.FalseAlarms);
        Assert.Equal(3, result.FalseAlarmEpisodes);
        Assert.Equal(2, result.Anomalies);
        Assert.Equal(1, result.AnomaliesFound);
        Assert.Equal("a2", Assert.Single(result.Missed).Id);
        Assert.Equal(2.0 / 6, result.Precision, 9);
        Assert.Equal(0.5, result.Recall, 9);
    }
}
