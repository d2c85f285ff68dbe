using System.Diagnostics;
using System.Globalization;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Domain.Demo;
using FinOps.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// How long the Cost Explorer waits for its answers on 13 months of demo data loaded through the real import pipeline:
/// the views a person opens (each is what one page load or click asks of <see cref="ExplorerService"/>), the median of
/// several runs after one warm-up.
///   dotnet run -c Release --project FinOps.Benchmarks -- explorer [--scale 1.0] [--runs 7]
/// </summary>
internal static class ExplorerBenchmarkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var scale = 1.0;
        var runs = 7;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: explorer [--scale 1.0] [--runs 7]");
                    return 2;
            }
        }

        var now = new DateTimeOffset(2025, 11, 17, 9, 30, 0, TimeSpan.Zero);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var directory = Path.Combine(Path.GetTempPath(), "finops-bench-explorer", Guid.NewGuid().ToString("N"));
        try
        {
            var files = new DemoDataGenerator(new DemoDataOptions(new DemoOptions().Seed, 13, scale)).WriteHistory(Path.Combine(directory, "demo"), now);
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
                rows += (await provider.GetRequiredService<ImportLedger>().GetAsync(queued.Id, CancellationToken.None))?.RowCount ?? 0;
            }

            var explorer = provider.GetRequiredService<ExplorerService>();
            ExplorerState View(string query) => ExplorerUrl.Parse(query, today).State;
            var cases = new (string Name, Func<Task> Run)[]
            {
                ("default view (30 days by category per day)", () => explorer.AnswerAsync(View(""), CancellationToken.None)),
                ("90 days by service per week, compared", () => explorer.AnswerAsync(View("preset=last-90-days&groupBy=ServiceName&granularity=Week&compare=true"), CancellationToken.None)),
                ("12 months by provider / category per month, compared", () => explorer.AnswerAsync(View("preset=last-12-months&groupBy=ProviderName,ServiceCategory&granularity=Month&compare=true"), CancellationToken.None)),
                ("90 days by tag team / service, compared", () => explorer.AnswerAsync(View("preset=last-90-days&groupBy=Tag:team,ServiceName&granularity=Week&compare=true"), CancellationToken.None)),
                ("drill to resources of one service (line items), 30 days, compared", () => explorer.AnswerAsync(View("groupBy=ResourceId&filter=ServiceCategory:Compute&filter=ServiceName:Amazon Elastic Compute Cloud&compare=true"), CancellationToken.None)),
                ("filter values: services, 90 days", () => explorer.FilterValuesAsync(View("preset=last-90-days"), CostDimension.ForColumn("ServiceName"), CancellationToken.None)),
                ("filter values: tag team, 90 days", () => explorer.FilterValuesAsync(View("preset=last-90-days"), CostDimension.ForTag("team"), CancellationToken.None)),
                ("resource search 'i-', 30 days", () => explorer.SearchResourcesAsync(View(""), "i-", CancellationToken.None)),
            };

            Console.WriteLine(FormattableString.Invariant($"{rows:N0} line items (scale {scale}, 13 months to {today:yyyy-MM-dd}); median of {runs} runs after a warm-up"));
            foreach (var (name, run) in cases)
            {
                await run();
                var times = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    await run();
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                Console.WriteLine(FormattableString.Invariant($"  {name,-70} {times[times.Count / 2],8:N1} ms (min {times[0]:N1}, max {times[^1]:N1})"));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }
}
