using FinOps.Domain.Anomalies;
using static FinOps.Tests.Domain.Anomalies.CraftedSeries;

namespace FinOps.Tests.Domain.Anomalies;

public sealed class AnomalyDetectorTests
{
    private readonly AnomalyDetector _detector = new();

    [Fact]
    public void Spike_OnOneDay_IsFoundWithTheRightExpectedValueAndImpact()
    {
        var series = Make(70, shape: (i, underlying) => i == 60 ? 3000m : underlying);

        var found = Assert.Single(_detector.DetectAll(series));

        Assert.Equal(Day(60), found.Date);
        Assert.Equal(AnomalyKind.Spike, found.Kind);
        Assert.Equal(3000m, found.Actual);
        Assert.InRange(found.Expected, 970m, 1030m);
        Assert.Equal(found.Actual - found.Expected, found.Impact);
        Assert.InRange(found.Impact, 1970m, 2030m);
        Assert.True(found.ZScore >= 3.5, $"z = {found.ZScore}");
        Assert.Equal(AnomalyDetector.MethodName, found.Method);
        Assert.Contains("z>=3.5", found.Parameters, StringComparison.Ordinal);
        Assert.Contains("expected", found.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_OverThreeDays_IsFoundOnEachDay()
    {
        var series = Make(70, noise: 0.05, shape: (i, underlying) => i is >= 50 and <= 52 ? underlying * 0.2m : underlying);

        var found = _detector.DetectAll(series);

        Assert.Equal([Day(50), Day(51), Day(52)], found.Select(f => f.Date));
        Assert.All(found, f => Assert.Equal(AnomalyKind.Drop, f.Kind));
        Assert.All(found, f => Assert.InRange(f.Impact, -830m, -770m));
        Assert.All(found, f => Assert.True(f.ZScore <= -3.5));
    }

    [Fact]
    public void StrongWeeklyPattern_WeekendsFortyPercentLower_IsNotFlagged()
    {
        var series = Make(140, noise: 0.05, weekendFactor: 0.6);

        Assert.Empty(_detector.DetectAll(series));
        // The pattern is strong enough that ignoring it would flag: the naive rule (both directions) does.
        Assert.NotEmpty(new NaiveThresholdRule(new NaiveThresholdOptions(IncludeDrops: true)).Detect(series, series.Start, series.End));
    }

    [Fact]
    public void SteadyGrowth_TwoPercentADay_IsNotFlagged()
    {
        var series = Make(120, level: 500m, noise: 0.04, weekendFactor: 0.7, dailyGrowth: 0.02);

        Assert.Empty(_detector.DetectAll(series));
    }

    [Fact]
    public void SteadyGrowth_ExpectedValueFollowsTheTrend()
    {
        // A spike on day 100 of a series growing 2 % a day: the expected value is the trend's value that day, not a lagging median.
        var series = Make(110, level: 500m, noise: 0.02, dailyGrowth: 0.02, shape: (i, u) => i == 100 ? u * 3 : u);
        var underlying = 500.0 * Math.Pow(1.02, 100);

        var found = Assert.Single(_detector.DetectAll(series));

        Assert.Equal(Day(100), found.Date);
        Assert.InRange((double)found.Expected, underlying * 0.95, underlying * 1.05);
    }

    [Fact]
    public void NewService_WithFiveDaysOfHistory_IsNotFlagged()
    {
        var series = new DailySeries(Key, Start, [100m, 110m, 95m, 105m, 5000m]);

        Assert.Empty(_detector.DetectAll(series));
    }

    [Fact]
    public void YoungService_IsJudgedOnlyFromItsMinimumHistory()
    {
        var series = Make(40, shape: (i, u) => i is 10 or 30 ? u * 5 : u);

        var found = Assert.Single(_detector.DetectAll(series));

        Assert.Equal(Day(30), found.Date);
    }

    [Fact]
    public void TinyService_TenfoldSpikeBelowMinImpact_IsNotFlagged()
    {
        var series = Make(60, level: 3m, noise: 0.05, shape: (i, u) => i == 50 ? u * 10 : u);

        Assert.Empty(_detector.DetectAll(series));
        // Only the minimum impact keeps it quiet: without it the spike is plain.
        var found = Assert.Single(new AnomalyDetector(new AnomalyDetectorOptions { MinImpact = 0m }).DetectAll(series));
        Assert.Equal(Day(50), found.Date);
    }

    [Fact]
    public void FlatSeries_CentsOfNoise_AreNotFlagged()
    {
        // MAD is 0 on a perfectly flat series: the spread floor keeps a 1 % move from becoming an infinite z-score.
        var series = new DailySeries(Key, Start, Enumerable.Range(0, 60).Select(i => i == 45 ? 10_100m : 10_000m));

        Assert.Empty(_detector.DetectAll(series));
    }

    [Fact]
    public void FlaggedSpike_DoesNotCauseFalseDropsOnTheFollowingDays()
    {
        var series = Make(90, noise: 0.03, weekendFactor: 0.7, shape: (i, u) => i is >= 40 and <= 42 ? u * 10 : u);

        var found = _detector.DetectAll(series);

        Assert.Equal([Day(40), Day(41), Day(42)], found.Select(f => f.Date));
        Assert.All(found, f => Assert.Equal(AnomalyKind.Spike, f.Kind));
    }

    [Fact]
    public void LevelShift_IsReportedForAtMostMaxRunDaysPlusOneThenAccepted()
    {
        var series = Make(100, noise: 0.03, shape: (i, u) => i >= 50 ? u * 2 : u);

        var found = _detector.DetectAll(series);

        Assert.Equal(Enumerable.Range(50, _detector.Options.MaxAnomalyRunDays + 1).Select(Day), found.Select(f => f.Date));
        Assert.All(found, f => Assert.Equal(AnomalyKind.Spike, f.Kind));
    }

    [Fact]
    public void Detection_IsDeterministicAndIndependentOfTheEvaluationWindow()
    {
        var series = Enumerable.Range(0, 5)
            .Select(s => Make(120, noise: 0.08, weekendFactor: 0.5, seed: s, key: Key with { ServiceName = $"svc-{s}" },
                shape: (i, u) => i % 37 == 36 ? u * 4 : i % 29 == 28 ? u / 5 : u))
            .ToList();

        var first = _detector.Detect(series, Day(0), Day(120));
        var second = new AnomalyDetector().Detect(series, Day(0), Day(120));
        var window = _detector.Detect(series, Day(60), Day(90));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(first.Where(f => f.Date >= Day(60) && f.Date < Day(90)), window);
    }

    [Fact]
    public void Options_OutOfRange_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyDetector(new AnomalyDetectorOptions { MinHistoryDays = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyDetector(new AnomalyDetectorOptions { ZThreshold = 0 }));
    }
}
