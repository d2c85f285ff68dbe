using System.Diagnostics;
using System.Globalization;
using FinOps.Domain;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Demo;
using FinOps.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Measures the anomaly detector against the anomalies the demo generator injects, next to the naive 30 % rule.
/// For each seed: write 13 months of demo data, load every billing file through the real import pipeline into a temp
/// store, build the service-level daily series through the query engine, run every method over the last four complete
/// months and the current month's complete days, and score them (docs/anomaly-evaluation.md holds the figures).
///   dotnet run -c Release --project FinOps.Benchmarks -- anomalies [--scale 1.0] [--now 2025-11-17]
///       [--tuning 20261125,20251117] [--held-out 42,7,2024] [--verbose]
/// </summary>
internal static class AnomalyEvaluationCommand
{
    private const int HistoryDays = 91;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var scale = 1.0;
        var now = new DateTimeOffset(2025, 11, 17, 9, 30, 0, TimeSpan.Zero);
        int[] tuning = [new DemoOptions().Seed, 20251117];
        int[] heldOut = [42, 7, 2024];
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--now": now = new DateTimeOffset(DateOnly.Parse(args[++i], CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero); break;
                case "--tuning": tuning = Seeds(args[++i]); break;
                case "--held-out": heldOut = Seeds(args[++i]); break;
                case "--verbose": verbose = true; break;
                default:
                    Console.Error.WriteLine("usage: anomalies [--scale 1.0] [--now yyyy-MM-dd] [--tuning s1,s2] [--held-out s3,s4] [--verbose]");
                    return 2;
            }
        }

        var detector = new AnomalyDetector();
        var naiveSpikes = new NaiveThresholdRule();
        var naiveSymmetric = new NaiveThresholdRule(new NaiveThresholdOptions(IncludeDrops: true));
        var naiveSymmetricMin = new NaiveThresholdRule(new NaiveThresholdOptions(IncludeDrops: true, MinImpact: detector.Options.MinImpact));
        // Sensitivity of the detector to its main parameters (one changed at a time); the defaults are the first row.
        var variants = new (string Name, AnomalyDetectorOptions Options)[]
        {
            ("  z>=5", detector.Options with { ZThreshold = 5 }),
            ("  z>=3", detector.Options with { ZThreshold = 3 }),
            ("  levelShiftAfter=3d", detector.Options with { MaxAnomalyRunDays = 3 }),
            ("  trend=off", detector.Options with { UseTrend = false }),
            ("  trend always", detector.Options with { TrendSignificance = 0 }),
            ("  level=median 28d", detector.Options with { LevelDays = 28 }),
            ("  minImpact=0", detector.Options with { MinImpact = 0m }),
        };
        var methods = new (string Name, Func<IReadOnlyList<DailySeries>, DateOnly, DateOnly, IReadOnlyList<DetectedAnomaly>> Detect)[]
        {
            (AnomalyDetector.MethodName, detector.Detect),
            (naiveSpikes.MethodName, naiveSpikes.Detect),
            (naiveSymmetric.MethodName, naiveSymmetric.Detect),
            (naiveSymmetricMin.MethodName, naiveSymmetricMin.Detect),
        }.Concat(variants.Select(v => (v.Name, (Func<IReadOnlyList<DailySeries>, DateOnly, DateOnly, IReadOnlyList<DetectedAnomaly>>)new AnomalyDetector(v.Options).Detect)))
            .ToArray();

        var to = DateOnly.FromDateTime(now.UtcDateTime);
        var from = new DateOnly(to.Year, to.Month, 1).AddMonths(-4);
        Console.WriteLine(FormattableString.Invariant($"scale {scale}, now {now:yyyy-MM-dd}, evaluated days {from:yyyy-MM-dd} .. {to.AddDays(-1):yyyy-MM-dd} ({to.DayNumber - from.DayNumber} days), history from {from.AddDays(-HistoryDays):yyyy-MM-dd}"));
        Console.WriteLine($"detector: {detector.Options.Describe()}");
        Console.WriteLine();
        foreach (var (setName, seeds) in new[] { ("tuning", tuning), ("held-out", heldOut) })
        {
            var perMethod = methods.ToDictionary(m => m.Name, _ => new List<AnomalyEvaluationResult>());
            foreach (var seed in seeds)
            {
                var stopwatch = Stopwatch.StartNew();
                var (series, truth, rows) = await LoadAsync(seed, scale, now, from.AddDays(-HistoryDays), to);
                var loaded = stopwatch.Elapsed;
                Console.WriteLine(FormattableString.Invariant(
                    $"seed {seed} ({setName}): {rows:N0} rows imported, {series.Count} service series, {truth.Count} injected anomalies; load {loaded.TotalSeconds:N1} s"));
                foreach (var (name, detect) in methods)
                {
                    var timer = Stopwatch.StartNew();
                    var detections = detect(series, from, to);
                    var result = AnomalyEvaluation.Evaluate(name, detections, truth, from, to);
                    perMethod[name].Add(result);
                    Console.WriteLine(FormattableString.Invariant(
                        $"  {name,-28} recall {result.AnomaliesFound}/{result.Anomalies}  precision {result.Precision:P1}  detections {result.Detections,4}  false alarms {result.FalseAlarms,4} days / {result.FalseAlarmEpisodes,3} episodes  ({timer.Elapsed.TotalMilliseconds:N0} ms)"));
                    if (verbose && !name.StartsWith(' '))
                    {
                        foreach (var missed in result.Missed)
                        {
                            Console.WriteLine(FormattableString.Invariant($"      missed {missed.Id} {missed.Kind} {missed.First:yyyy-MM-dd}..{missed.Last:yyyy-MM-dd} {missed.Series}"));
                        }

                        foreach (var episode in result.FalseAlarmList.Take(name == AnomalyDetector.MethodName ? 50 : 0))
                        {
                            Console.WriteLine(FormattableString.Invariant(
                                $"      false {episode.Kind} {episode.First:yyyy-MM-dd}..{episode.Last:yyyy-MM-dd} impact {episode.Impact:N0} {episode.Series}"));
                            Console.WriteLine($"        {episode.Days[0].Explanation}");
                        }
                    }
                }

                if (verbose)
                {
                    foreach (var hit in detector.Detect(series, from, to).Where(d => truth.Any(a => a.Covers(d))))
                    {
                        Console.WriteLine(FormattableString.Invariant($"      hit {hit.Kind} {hit.Date:yyyy-MM-dd} actual {hit.Actual:N2} z {hit.ZScore:N1}: {hit.Explanation}"));
                    }
                }
            }

            Console.WriteLine($"{setName} seeds {string.Join(", ", seeds)}: totals");
            foreach (var (name, results) in perMethod)
            {
                var detections = results.Sum(r => r.Detections);
                var truePositives = results.Sum(r => r.TruePositives);
                Console.WriteLine(FormattableString.Invariant(
                    $"  {name,-28} recall {results.Sum(r => r.AnomaliesFound)}/{results.Sum(r => r.Anomalies)}  precision {(detections == 0 ? 1 : (double)truePositives / detections):P1}  detections {detections,4}  false alarms {results.Sum(r => r.FalseAlarms),4} days / {results.Sum(r => r.FalseAlarmEpisodes),3} episodes"));
            }

            Console.WriteLine();
        }

        return 0;
    }

    private static int[] Seeds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static async Task<(IReadOnlyList<DailySeries> Series, IReadOnlyList<GroundTruthAnomaly> Truth, long Rows)> LoadAsync(
        int seed, double scale, DateTimeOffset now, DateOnly historyFrom, DateOnly to)
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-bench-anomalies", Guid.NewGuid().ToString("N"));
        try
        {
            var generator = new DemoDataGenerator(new DemoDataOptions(seed, 13, scale));
            var files = generator.WriteHistory(Path.Combine(directory, "demo"), now);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = Path.Combine(directory, "data") });
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            var imports = provider.GetRequiredService<ImportService>();
            long rows = 0;
            foreach (var file in files.Where(f => f.Kind == DemoFileKind.Billing))
            {
                ImportRecord queued;
                await using (var stream = File.OpenRead(file.Path))
                {
                    queued = await imports.SubmitAsync(stream, Path.GetFileName(file.Path), ImportSource.Api, "benchmark", CancellationToken.None);
                }

                await imports.RunAsync(queued.Id, CancellationToken.None);
                var record = await provider.GetRequiredService<ImportLedger>().GetAsync(queued.Id, CancellationToken.None);
                if (record?.Status != ImportStatus.Succeeded)
                {
                    throw new InvalidOperationException($"import of {file.Path} ended {record?.Status}");
                }

                rows += record.RowCount;
            }

            var series = await new SeriesBuilder(provider.GetRequiredService<CostQueryEngine>())
                .BuildAsync(historyFrom, to, SeriesLevel.Service, CostMetric.EffectiveCost, CancellationToken.None);
            var truth = generator.GetAnomalies(now).Select(GroundTruthAnomaly.FromDemo).ToList();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return (series, truth, rows);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
