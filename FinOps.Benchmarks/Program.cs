using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Demo;
using FinOps.Domain.Persistence;
using FinOps.Benchmarks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Reproducible performance measurements (not tests). See docs/benchmarks.md for the commands and the figures.
//   dotnet run -c Release --project FinOps.Benchmarks -- generate <file.csv> <rows>
//   dotnet run -c Release --project FinOps.Benchmarks -- ingest <file.csv>
//   dotnet run -c Release --project FinOps.Benchmarks -- forecast
//   dotnet run -c Release --project FinOps.Benchmarks -- generate-explorer <dir> <rows> [<end yyyy-MM-dd>]
//   dotnet run -c Release --project FinOps.Benchmarks -- ingest-explorer <dir>
//   dotnet run -c Release --project FinOps.Benchmarks -- query <dir> [<queries per class> <runs per query>]
//   dotnet run -c Release --project FinOps.Benchmarks -- explorer-clicks <dir> [--runs 10] [--screenshots <folder>]
// "ingest" runs in its own process so that its peak memory is the ingest's alone.
return args switch
{
    ["generate", var path, var rows] => Generate(path, long.Parse(rows, CultureInfo.InvariantCulture)),
    ["ingest", var path] => await IngestAsync(path),
    ["read", var path] => Read(path),
    ["generate-explorer", var directory, var rows] => GenerateExplorer(directory, rows, DateOnly.FromDateTime(DateTime.UtcNow)),
    ["generate-explorer", var directory, var rows, var end] => GenerateExplorer(directory, rows, DateOnly.ParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ["ingest-explorer", var directory] => await ExplorerBenchmark.IngestAsync(directory),
    ["query", var directory] => await ExplorerBenchmark.QueryAsync(directory, perClass: 10, repeats: 3),
    ["query", var directory, var perClass, var repeats] => await ExplorerBenchmark.QueryAsync(directory,
        int.Parse(perClass, CultureInfo.InvariantCulture), int.Parse(repeats, CultureInfo.InvariantCulture)),
    ["lineitems", var directory] => await LineItemPageBenchmark.RunAsync(directory, perClass: 10, runs: 3),
    ["lineitems", var directory, var perClass, var runs] => await LineItemPageBenchmark.RunAsync(directory,
        int.Parse(perClass, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture)),
    ["anomalies", .. var rest] => await AnomalyEvaluationCommand.RunAsync(rest),
    ["explorer-clicks", .. var rest] => await ExplorerClickLatencyCommand.RunAsync(rest),
    ["dashboard", .. var rest] => await FinOps.Benchmarks.DashboardLatencyCommand.RunAsync(rest),
    ["explorer", .. var rest] => await ExplorerBenchmarkCommand.RunAsync(rest),
    ["forecast", .. var rest] => await ForecastEvaluationCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate <file.csv> <rows> | ingest <file.csv> | read <file.csv> | anomalies | dashboard [--imports 20] [--loads 10] [--scale 1] | explorer | forecast"
        + " | generate-explorer <dir> <rows> [<end yyyy-MM-dd>] | ingest-explorer <dir> | query <dir> [<queries per class> <runs per query>]"
        + " | lineitems <dir> [<requests per class> <runs per request>] | explorer-clicks <dir> [--runs 10] [--screenshots <folder>]");
    return 2;
}

static int GenerateExplorer(string directory, string rows, DateOnly end)
{
    var stopwatch = Stopwatch.StartNew();
    var (written, files) = ExplorerDataset.Generate(directory, long.Parse(rows, CultureInfo.InvariantCulture), end, seed: 42);
    var bytes = Directory.GetFiles(directory, "*.csv").Sum(f => new FileInfo(f).Length);
    Console.WriteLine(FormattableString.Invariant(
        $"generated {written:N0} rows in {files} files ({bytes / 1048576.0:N0} MiB) up to {end:yyyy-MM-dd} in {stopwatch.Elapsed.TotalSeconds:N1} s"));
    return 0;
}

static int Read(string path)
{
    var stopwatch = Stopwatch.StartNew();
    using var reader = FinOps.Domain.Billing.Reading.FocusRecordReaders.Open(path);
    long rows = 0, nonNull = 0;
    var columns = reader.Headers.Count;
    while (reader.Read())
    {
        rows++;
        for (var i = 0; i < columns; i++)
        {
            if (!FinOps.Domain.Billing.Reading.FocusValues.IsNull(reader.GetField(i)))
            {
                nonNull++;
            }
        }
    }

    Console.WriteLine(FormattableString.Invariant($"read {rows:N0} rows ({nonNull:N0} non-null fields) in {stopwatch.Elapsed.TotalSeconds:N2} s = {rows / stopwatch.Elapsed.TotalSeconds:N0} rows/s"));
    return 0;
}

static int Generate(string path, long rows)
{
    var stopwatch = Stopwatch.StartNew();
    var file = DemoDataGenerator.WriteBenchmarkFile(path, rows, seed: 42);
    File.WriteAllText(path + ".totals.json", JsonSerializer.Serialize(file.Totals));
    Console.WriteLine(FormattableString.Invariant(
        $"generated {file.Rows:N0} rows ({new FileInfo(path).Length / 1048576.0:N0} MiB, {file.BillingAccounts} billing accounts, {file.BillingPeriods} periods) in {stopwatch.Elapsed.TotalSeconds:N1} s"));
    return 0;
}

static async Task<int> IngestAsync(string path)
{
    var dataDirectory = Path.Combine(Path.GetTempPath(), "finops-bench", Guid.NewGuid().ToString("N"));
    var services = new ServiceCollection();
    services.AddLogging(logging => logging.AddProvider(new ImportLogPrinter()));
    services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = dataDirectory });
    await using var provider = services.BuildServiceProvider();
    await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    var imports = provider.GetRequiredService<ImportService>();

    // The file is delivered as the API would (copied under the data directory, hashed), then loaded end to end:
    // parse, validate, intern, store line items, build the daily rollup, replace slices, write the ledger, commit.
    ImportRecord queued;
    await using (var source = File.OpenRead(path))
    {
        queued = await imports.SubmitAsync(source, Path.GetFileName(path), ImportSource.Api, "benchmark", CancellationToken.None);
    }

    var stopwatch = Stopwatch.StartNew();
    await imports.RunAsync(queued.Id, CancellationToken.None);
    stopwatch.Stop();
    var record = await provider.GetRequiredService<ImportLedger>().GetAsync(queued.Id, CancellationToken.None)
        ?? throw new InvalidOperationException("import vanished");
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;

    var expected = JsonSerializer.Deserialize<List<BenchmarkCurrencyTotal>>(await File.ReadAllTextAsync(path + ".totals.json")) ?? [];
    var totals = await provider.GetRequiredService<CostQueryEngine>().QueryAsync(
        new CostQuery(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)), CancellationToken.None);
    var reconciled = expected.All(e => totals.Totals.SingleOrDefault(t => t.BillingCurrency == e.Currency)?.Cost == e.BilledCost)
        && expected.All(e => record.Totals.SingleOrDefault(t => t.BillingCurrency == e.Currency)?.BilledCost == e.BilledCost);

    var committed = TimeSpan.FromMilliseconds(record.DurationMs ?? 0);
    Console.WriteLine(FormattableString.Invariant(
        $"status {record.Status}, {record.WarningCount:N0} warnings, {record.RowCount:N0} rows; committed in {committed.TotalSeconds:N2} s = {record.RowCount / committed.TotalSeconds:N0} rows/s; with the WAL checkpoint after it {stopwatch.Elapsed.TotalSeconds:N2} s = {record.RowCount / stopwatch.Elapsed.TotalSeconds:N0} rows/s; peak working set {peak / 1048576.0:N0} MiB; totals reconcile exactly: {reconciled}"));
    foreach (var total in record.Totals)
    {
        Console.WriteLine(FormattableString.Invariant($"  {total.BillingCurrency}: billed {total.BilledCost} effective {total.EffectiveCost} ({total.RowCount:N0} rows)"));
    }

    foreach (var issue in record.Issues.Take(5))
    {
        Console.WriteLine(FormattableString.Invariant($"  {issue.Severity} line {issue.Line} {issue.Column}: {issue.Message}"));
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dataDirectory, recursive: true);
    return record.Status == ImportStatus.Succeeded && reconciled ? 0 : 1;
}
