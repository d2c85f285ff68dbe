using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Demo;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Anomalies;

/// <summary>Small demo history (Scale 0.1, fixed seed and now) loaded through the real import pipeline, once.</summary>
public sealed class DemoAnomalyFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2025, 11, 17, 9, 30, 0, TimeSpan.Zero);
    public const int Seed = 20251117;

    /// <summary>Evaluated: the four complete months before now's month and now's complete days.</summary>
    public static readonly DateOnly From = new(2025, 7, 1);
    public static readonly DateOnly To = new(2025, 11, 17);

    private TestStore _store = null!;
    private string _directory = "";

    public IReadOnlyList<DailySeries> Series { get; private set; } = [];
    public IReadOnlyList<DemoAnomaly> Anomalies { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _directory = Path.Combine(_store.Directory, "demo");
        var generator = new DemoDataGenerator(new DemoDataOptions(Seed, 13, 0.1));
        var historyFrom = From.AddDays(-91);
        foreach (var file in generator.WriteHistory(_directory, Now)
                     .Where(f => f.Kind == DemoFileKind.Billing && f.BillingPeriodStart >= historyFrom.AddMonths(-1)))
        {
            var record = await _store.ImportAsync(file.Path, Path.GetFileName(file.Path), isPath: true);
            Assert.Equal(ImportStatus.Succeeded, record.Status);
        }

        Series = await new SeriesBuilder(_store.Costs).BuildAsync(historyFrom, To, SeriesLevel.Service);
        Anomalies = generator.GetAnomalies(Now);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}

public sealed class DemoAnomalyDetectionTests(DemoAnomalyFixture demo) : IClassFixture<DemoAnomalyFixture>
{
    private IReadOnlyList<GroundTruthAnomaly> Truth => demo.Anomalies.Select(GroundTruthAnomaly.FromDemo).ToList();

    [Fact]
    public void SeriesBuilder_ServiceSeries_HoldTheDemoAnomaliesActualDailyCosts()
    {
        Assert.InRange(demo.Anomalies.Count, 5, 7);
        foreach (var anomaly in demo.Anomalies)
        {
            var series = demo.Series.Single(s => s.Key == GroundTruthAnomaly.FromDemo(anomaly).Series);
            Assert.All(anomaly.Days, day => Assert.Equal(day.ActualCost, series.CostOn(day.Date), 2));
        }
    }

    [Fact]
    public void Detector_FindsEveryInjectedAnomaly_WithFewerFalseAlarmsThanTheNaiveRule()
    {
        var detector = AnomalyEvaluation.Evaluate(AnomalyDetector.MethodName,
            new AnomalyDetector().Detect(demo.Series, DemoAnomalyFixture.From, DemoAnomalyFixture.To), Truth, DemoAnomalyFixture.From, DemoAnomalyFixture.To);
        var naive = new NaiveThresholdRule();
        var naiveResult = AnomalyEvaluation.Evaluate(naive.MethodName,
            naive.Detect(demo.Series, DemoAnomalyFixture.From, DemoAnomalyFixture.To), Truth, DemoAnomalyFixture.From, DemoAnomalyFixture.To);

        Assert.Equal(demo.Anomalies.Count, detector.Anomalies);
        Assert.True(detector.Recall == 1.0, $"missed: {string.Join(", ", detector.Missed.Select(m => $"{m.Id} {m.Series} {m.First}"))}");
        Assert.True(detector.FalseAlarms < naiveResult.FalseAlarms,
            $"detector {detector.FalseAlarms} false alarm days vs naive {naiveResult.FalseAlarms}");
        Assert.True(detector.FalseAlarmEpisodes < naiveResult.FalseAlarmEpisodes);
        Assert.True(detector.Precision > naiveResult.Precision);
    }

    [Fact]
    public void Detector_OnTheInjectedDays_ReportsTheKindAndAnExpectedValueNearTheTruth()
    {
        var detections = new AnomalyDetector().Detect(demo.Series, DemoAnomalyFixture.From, DemoAnomalyFixture.To);
        foreach (var anomaly in demo.Anomalies)
        {
            var truth = GroundTruthAnomaly.FromDemo(anomaly);
            var hits = detections.Where(truth.Covers).ToList();
            Assert.NotEmpty(hits);
            Assert.All(hits, h => Assert.Equal(truth.Kind, h.Kind));
            foreach (var hit in hits)
            {
                var expected = anomaly.Days.Single(d => d.Date == hit.Date).ExpectedCost;
                // The baseline is estimated from noisy history: within 25 % of what the generator would have produced.
                Assert.InRange(hit.Expected, expected * 0.75m, expected * 1.25m);
            }
        }
    }
}
