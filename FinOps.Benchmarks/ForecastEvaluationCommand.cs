using System.Diagnostics;
using System.Globalization;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Demo;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Backtests the budget forecaster (rolling origin, every day of the evaluated months) against the linear run-rate
/// (month-to-date average x days) and the same-weekday average of the last four weeks on the demo data and on generated series (growth, step change, seasonality).
///   dotnet run -c Release --project FinOps.Benchmarks -- forecast [--scale 0.25] [--now 2025-11-17] [--seed 20261125] [--months 6]
/// docs/benchmarks.md holds the figures.
/// </summary>
internal static class ForecastEvaluationCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var scale = 0.25;
        var now = new DateTimeOffset(2025, 11, 17, 9, 30, 0, TimeSpan.Zero);
        var seed = new DemoOptions().Seed;
        var months = 6;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--now": now = new DateTimeOffset(DateOnly.Parse(args[++i], CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--months": months = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: forecast [--scale 0.25] [--now yyyy-MM-dd] [--seed n] [--months 6]");
                    return 2;
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var evaluateFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var stopwatch = Stopwatch.StartNew();
        var series = new List<BacktestSeries>();
        series.AddRange(await DemoSeriesAsync(seed, scale, now, today));
        Console.WriteLine(FormattableString.Invariant($"demo seed {seed}, scale {scale}: {series.Count} series loaded in {stopwatch.Elapsed.TotalSeconds:N1} s; evaluated months {evaluateFrom:yyyy-MM} .. {today.AddMonths(-1):yyyy-MM}"));
        var syntheticStart = evaluateFrom.AddDays(-ForecastBacktest.HistoryDays);
        var syntheticDays = today.DayNumber - syntheticStart.DayNumber;
        foreach (var s in new[] { 1, 2, 3 })
        {
            series.Add(SyntheticSeries.Growth(s, syntheticStart, syntheticDays) with { Name = $"growth #{s}" });
            series.Add(SyntheticSeries.StepChange(s, syntheticStart, syntheticDays) with { Name = $"step change #{s}" });
            series.Add(SyntheticSeries.Seasonal(s, syntheticStart, syntheticDays) with { Name = $"seasonality #{s}" });
        }

        var scores = new List<BacktestScore>();
        stopwatch.Restart();
        foreach (var s in series)
        {
            scores.AddRange(ForecastBacktest.Evaluate(s, evaluateFrom));
        }

        Console.WriteLine(FormattableString.Invariant($"{scores.Count / 4} series backtested in {stopwatch.Elapsed.TotalSeconds:N1} s"));
        Console.WriteLine();
        Console.WriteLine("| series | target | forecasts | MAPE ours | MAPE run-rate | MAPE same-weekday | 80% interval coverage |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var group in scores.GroupBy(s => (s.Series, s.Target)))
        {
            var ours = group.Single(g => g.Method == DailyForecaster.MethodName);
            var runRate = group.Single(g => g.Method == ForecastBacktest.RunRate);
            var sameWeekday = group.Single(g => g.Method == ForecastBacktest.SameWeekday);
            Console.WriteLine(FormattableString.Invariant(
                $"| {group.Key.Series} | {group.Key.Target} | {ours.Forecasts} | {ours.Mape:P1} | {runRate.Mape:P1} | {sameWeekday.Mape:P1} | {ours.Coverage:P0} |"));
        }

        Console.WriteLine();
        foreach (var kind in new[] { "demo", "growth", "step change", "seasonality" })
        {
            foreach (var target in new[] { ForecastBacktest.MonthEnd, ForecastBacktest.NextMonth })
            {
                var selected = scores.Where(s => s.Series.StartsWith(kind, StringComparison.Ordinal) && s.Target == target).ToList();
                var ours = selected.Where(s => s.Method == DailyForecaster.MethodName).ToList();
                var runRate = selected.Where(s => s.Method == ForecastBacktest.RunRate).ToList();
                var sameWeekday = selected.Where(s => s.Method == ForecastBacktest.SameWeekday).ToList();
                if (ours.Count == 0)
                {
                    continue;
                }

                Console.WriteLine(FormattableString.Invariant(
                    $"{kind,-12} {target,-17} MAPE ours {Weighted(ours, s => s.Mape):P1} vs run-rate {Weighted(runRate, s => s.Mape):P1} vs same-weekday {Weighted(sameWeekday, s => s.Mape):P1}; coverage {Weighted(ours, s => s.Coverage!.Value):P1} ({ours.Sum(s => s.Forecasts)} forecasts)"));
            }
        }

        return 0;
    }

    private static double Weighted(IReadOnlyList<BacktestScore> scores, Func<BacktestScore, double> value) =>
        scores.Sum(s => value(s) * s.Forecasts) / scores.Sum(s => s.Forecasts);

    /// <summary>Loads the demo through the real import pipeline and returns the daily total per currency and per billing account.</summary>
    private static async Task<IReadOnlyList<BacktestSeries>> DemoSeriesAsync(int seed, double scale, DateTimeOffset now, DateOnly today)
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-bench-forecast", Guid.NewGuid().ToString("N"));
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
            foreach (var file in files.Where(f => f.Kind == DemoFileKind.Billing))
            {
                ImportRecord queued;
                await using (var stream = File.OpenRead(file.Path))
                {
                    queued = await imports.SubmitAsync(stream, Path.GetFileName(file.Path), ImportSource.Api, "benchmark", CancellationToken.None);
                }

                await imports.RunAsync(queued.Id, CancellationToken.None);
            }

            var engine = provider.GetRequiredService<CostQueryEngine>();
            var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-12);
            var account = CostDimension.ForColumn("BillingAccountId");
            var result = await engine.QueryAsync(new CostQuery(start, today, CostMetric.EffectiveCost, [account], Granularity.Day), CancellationToken.None);
            var series = new List<BacktestSeries>();
            foreach (var currency in result.Rows.GroupBy(r => r.BillingCurrency).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                series.Add(ToSeries($"demo total {currency.Key}", currency, start, today));
                foreach (var byAccount in currency.GroupBy(r => r.Keys[account.Name]).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    series.Add(ToSeries($"demo account …{byAccount.Key?[^Math.Min(12, byAccount.Key.Length)..]} ({currency.Key})", byAccount, start, today));
                }
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return series;
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

    private static BacktestSeries ToSeries(string name, IEnumerable<CostRow> rows, DateOnly start, DateOnly end)
    {
        var byDay = rows.GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        var first = byDay.Keys.Min();
        first = first > start ? first : start;
        return new BacktestSeries(name, first, Enumerable.Range(0, end.DayNumber - first.DayNumber).Select(i => byDay.GetValueOrDefault(first.AddDays(i))).ToList());
    }
}
