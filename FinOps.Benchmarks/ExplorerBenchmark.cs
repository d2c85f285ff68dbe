using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Demo;
using FinOps.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Benchmarks;

/// <summary>
/// Issue 4 ("Speed"): loads the explorer dataset through the real ImportService, then times a fixed, seeded mix of the
/// queries the Cost Explorer issues against our engine and the same queries in DuckDB over the same rows, checking
/// that both give the same totals to the last decimal.
/// </summary>
internal static class ExplorerBenchmark
{
    private const string StoreFolder = "store";
    private const string DuckDbFile = "duck.db";

    private static ServiceProvider Services(string dataDirectory, bool printImportLog)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (printImportLog)
            {
                logging.AddProvider(new ImportLogPrinter());
            }
        });
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = dataDirectory });
        return services.BuildServiceProvider();
    }

    /// <summary>Loads every CSV of the dataset, in delivery order (month, then provider), into a new store.</summary>
    public static async Task<int> IngestAsync(string directory)
    {
        var store = Path.Combine(directory, StoreFolder);
        if (Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }

        await using var provider = Services(store, printImportLog: false);
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var imports = provider.GetRequiredService<ImportService>();
        var ledger = provider.GetRequiredService<ImportLedger>();
        var files = Directory.GetFiles(directory, "*.csv").OrderBy(f => Path.GetFileName(f)[^11..], StringComparer.Ordinal).ThenBy(f => f, StringComparer.Ordinal).ToList();
        long rows = 0;
        var committed = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        foreach (var file in files)
        {
            ImportRecord queued;
            await using (var source = File.OpenRead(file))
            {
                queued = await imports.SubmitAsync(source, Path.GetFileName(file), ImportSource.Api, "benchmark", CancellationToken.None);
            }

            await imports.RunAsync(queued.Id, CancellationToken.None);
            var record = await ledger.GetAsync(queued.Id, CancellationToken.None) ?? throw new InvalidOperationException("import vanished");
            if (record.Status != ImportStatus.Succeeded)
            {
                Console.Error.WriteLine($"{Path.GetFileName(file)}: {record.Status} {string.Join("; ", record.Issues.Take(3).Select(i => i.Message))}");
                return 1;
            }

            rows += record.RowCount;
            committed += TimeSpan.FromMilliseconds(record.DurationMs ?? 0);
        }

        var expected = JsonSerializer.Deserialize<List<BenchmarkCurrencyTotal>>(await File.ReadAllTextAsync(Path.Combine(directory, ExplorerDataset.TotalsFile))) ?? [];
        var all = await provider.GetRequiredService<CostQueryEngine>().QueryAsync(new CostQuery(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)), CancellationToken.None);
        var reconciled = expected.All(e => all.Totals.SingleOrDefault(t => t.BillingCurrency == e.Currency)?.Cost == e.BilledCost);
        var (entries, bytes, chunks) = provider.GetRequiredService<RollupCache>().Statistics();
        Console.WriteLine(FormattableString.Invariant(
            $"ingested {files.Count} files, {rows:N0} rows: committed in {committed.TotalSeconds:N1} s = {rows / committed.TotalSeconds:N0} rows/s ({total.Elapsed.TotalSeconds:N1} s with hashing and checkpoints); database {new FileInfo(Path.Combine(store, "finops.db")).Length / 1048576.0:N0} MiB; rollup {entries:N0} entries in {chunks:N0} chunks, {bytes / 1048576.0:N0} MiB in memory; totals reconcile exactly: {reconciled}"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return reconciled ? 0 : 1;
    }

    private sealed record QueryClass(string Name, Func<Random, CostQuery> Create);

    public static async Task<int> QueryAsync(string directory, int perClass, int repeats)
    {
        var end = DateOnly.ParseExact(File.ReadAllText(Path.Combine(directory, ExplorerDataset.EndFile)).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var provider = Services(Path.Combine(directory, StoreFolder), printImportLog: false);
        var engine = provider.GetRequiredService<CostQueryEngine>();

        var cold = Stopwatch.StartNew();
        await engine.QueryAsync(new CostQuery(end.AddDays(-1), end), CancellationToken.None);
        var (entries, bytes, chunks) = provider.GetRequiredService<RollupCache>().Statistics();
        Console.WriteLine(FormattableString.Invariant(
            $"first query (loads the rollup into memory): {cold.Elapsed.TotalMilliseconds:N0} ms; rollup {entries:N0} entries in {chunks:N0} chunks, {bytes / 1048576.0:N0} MiB"));

        var values = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var dimension in new[] { "ServiceName", "ServiceCategory", "RegionId", "SubAccountId", "BillingAccountId", "ProviderName", "ChargeCategory", "Tag:team", "Tag:env", "Tag:app", "Tag:cost-center", "ResourceId" })
        {
            var all = await engine.QueryAsync(new CostQuery(end.AddMonths(-13), end, GroupBy: [Dimension(dimension)]), CancellationToken.None);
            values[dimension] = all.Rows.Select(r => r.Keys[dimension]).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToArray();
        }

        var classes = Classes(end, values);
        var random = new Random(20261126);
        var queries = classes.Select(c => (Class: c, Queries: Enumerable.Range(0, perClass).Select(_ => c.Create(random)).ToList())).ToList();

        using var duck = await OpenDuckDbAsync(directory);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"{perClass} queries per class, each run {repeats} times after one warm-up run; milliseconds, server side (engine call to result)"));
        Console.WriteLine("| query class | ours p50 | ours p95 | ours max | DuckDB p50 | DuckDB p95 | DuckDB max | p95 ours/DuckDB | same totals |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var allOurs = new List<double>();
        var allDuck = new List<double>();
        var mismatches = 0;
        foreach (var (queryClass, list) in queries)
        {
            var ours = new List<double>();
            var theirs = new List<double>();
            var same = 0;
            foreach (var query in list)
            {
                var ourResult = await engine.QueryAsync(query, CancellationToken.None);
                var duckResult = await DuckQueryAsync(duck, query);
                if (Matches(ourResult, duckResult))
                {
                    same++;
                }
                else
                {
                    mismatches++;
                    Console.Error.WriteLine($"MISMATCH {queryClass.Name}: {Describe(query)}: ours {string.Join(", ", ourResult.Totals)} ({ourResult.Rows.Count} rows) vs DuckDB {string.Join(", ", duckResult.Totals.Select(t => $"{t.Key} {t.Value}"))} ({duckResult.Rows} rows)");
                }

                for (var r = 0; r < repeats; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await engine.QueryAsync(query, CancellationToken.None);
                    ours.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    await DuckQueryAsync(duck, query);
                    theirs.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            allOurs.AddRange(ours);
            allDuck.AddRange(theirs);
            Console.WriteLine(FormattableString.Invariant(
                $"| {queryClass.Name} | {P(ours, 50):N1} | {P(ours, 95):N1} | {ours.Max():N1} | {P(theirs, 50):N1} | {P(theirs, 95):N1} | {theirs.Max():N1} | {P(ours, 95) / P(theirs, 95):N2} | {same}/{list.Count} |"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"| **all** | {P(allOurs, 50):N1} | {P(allOurs, 95):N1} | {allOurs.Max():N1} | {P(allDuck, 50):N1} | {P(allDuck, 95):N1} | {allDuck.Max():N1} | {P(allOurs, 95) / P(allDuck, 95):N2} | {(mismatches == 0 ? "all" : $"{mismatches} differ")} |"));
        await ResourceSearchAsync(provider, duck, end, values["ResourceId"], repeats);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>
    /// The filter panel's resource search ("contains", id or name, costliest 50 in the last 30 days): ours through
    /// ExplorerService, DuckDB with ILIKE over the same rows. Terms are pieces of real resource ids and names.
    /// </summary>
    private static async Task ResourceSearchAsync(ServiceProvider provider, DuckDBConnection duck, DateOnly end, string?[] resources, int repeats)
    {
        var explorer = provider.GetRequiredService<FinOps.Domain.Costs.Explorer.ExplorerService>();
        var state = FinOps.Domain.Costs.Explorer.ExplorerState.Default(end) with { From = end.AddDays(-30), To = end };
        var random = new Random(20261127);
        var terms = resources.Where(r => r is { Length: > 8 }).OrderBy(_ => random.Next()).Take(10)
            .Select(r => r!.Substring(random.Next(0, r.Length - 6), random.Next(3, 7))).ToList();
        var ours = new List<double>();
        var theirs = new List<double>();
        var same = 0;
        foreach (var term in terms)
        {
            var found = await explorer.SearchResourcesAsync(state, term, CancellationToken.None);
            var duckFound = await DuckSearchAsync(duck, state, term);
            same += found.Select(f => f.Value).Order(StringComparer.Ordinal).SequenceEqual(duckFound.Order(StringComparer.Ordinal)) ? 1 : 0;
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                await explorer.SearchResourcesAsync(state, term, CancellationToken.None);
                ours.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await DuckSearchAsync(duck, state, term);
                theirs.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine(FormattableString.Invariant(
            $"| resource search, last 30 days, {terms.Count} terms ({string.Join(", ", terms)}) | {P(ours, 50):N1} | {P(ours, 95):N1} | {ours.Max():N1} | {P(theirs, 50):N1} | {P(theirs, 95):N1} | {theirs.Max():N1} | {P(ours, 95) / P(theirs, 95):N2} | {same}/{terms.Count} same resources |"));
    }

    private static async Task<List<string>> DuckSearchAsync(DuckDBConnection connection, FinOps.Domain.Costs.Explorer.ExplorerState state, string term)
    {
        await using var command = connection.CreateCommand();
        var pattern = Literal("%" + term + "%");
        command.CommandText = FormattableString.Invariant(
            $"SELECT ResourceId FROM items WHERE ChargePeriodStart >= TIMESTAMP '{state.From:yyyy-MM-dd}' AND ChargePeriodStart < TIMESTAMP '{state.To:yyyy-MM-dd}' ") +
            $"AND ResourceId IS NOT NULL AND (ResourceId ILIKE {pattern} OR ResourceName ILIKE {pattern}) GROUP BY ResourceId " +
            $"ORDER BY abs(sum({state.Metric})) DESC, lower(ResourceId) LIMIT 50";
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static double P(List<double> samples, int percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static CostDimension Dimension(string name) => CostDimension.TryParse(name, out var d, out var error) ? d : throw new ArgumentException(error);

    /// <summary>The query mix: what the explorer's range presets, group-bys, granularities and filters produce.</summary>
    private static List<QueryClass> Classes(DateOnly end, Dictionary<string, string?[]> values)
    {
        var last30 = (end.AddDays(-30), end);
        var thisMonth = (new DateOnly(end.AddDays(-1).Year, end.AddDays(-1).Month, 1), end);
        var last90 = (end.AddDays(-90), end);
        var last12Months = (end.AddMonths(-12), end);
        var all13Months = (new DateOnly(end.Year, end.Month, 1).AddMonths(end.Day == 1 ? -13 : -12), end);
        string[] singles = ["ServiceName", "ServiceCategory", "RegionId", "SubAccountId", "BillingAccountId", "ProviderName", "Tag:team", "Tag:env", "Tag:app", "Tag:cost-center"];
        string[] filterable = ["ServiceCategory", "ProviderName", "RegionId", "ChargeCategory", "Tag:team", "Tag:env", "Tag:cost-center", "ServiceName"];

        CostMetric Metric(Random r) => (CostMetric)r.Next(0, 4);
        T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];
        List<CostFilter> Filters(Random r, int min, int max)
        {
            var filters = new List<CostFilter>();
            foreach (var name in filterable.OrderBy(_ => r.Next()).Take(r.Next(min, max + 1)))
            {
                var known = values[name];
                var chosen = known.OrderBy(_ => r.Next()).Take(r.Next(1, 3)).ToList();
                if (name.StartsWith("Tag:", StringComparison.Ordinal) && r.Next(3) == 0 && !chosen.Contains(null))
                {
                    chosen.Add(null); // untagged
                }

                filters.Add(new CostFilter(Dimension(name), chosen));
            }

            return filters;
        }

        CostQuery Make((DateOnly From, DateOnly To) range, Random r, string[] groupBy, Granularity granularity, List<CostFilter> filters) =>
            new(range.From, range.To, Metric(r), groupBy.Select(Dimension).ToList(), granularity, filters);

        return
        [
            new("last 30 days, 1 group-by, by day, 0-1 filters", r => Make(last30, r, [Pick(r, singles)], Granularity.Day, Filters(r, 0, 1))),
            new("this month, 1 group-by, no period, 1-2 filters", r => Make(thisMonth, r, [Pick(r, singles)], Granularity.None, Filters(r, 1, 2))),
            new("last 90 days, Tag:team, by week, 0-2 filters", r => Make(last90, r, ["Tag:team"], Granularity.Week, Filters(r, 0, 2))),
            new("last 12 months, provider or account, by month", r => Make(last12Months, r, [Pick(r, new[] { "ProviderName", "BillingAccountId" })], Granularity.Month, Filters(r, 0, 1))),
            new("13 months, ServiceName within Tag:team, by month", r => Make(all13Months, r, ["Tag:team", "ServiceName"], Granularity.Month, Filters(r, 0, 1))),
            new("13 months, 2 group-bys, by day, 1-3 filters", r =>
            {
                var two = singles.OrderBy(_ => r.Next()).Take(2).ToArray();
                return Make(all13Months, r, two, Granularity.Day, Filters(r, 1, 3));
            }),
            new("last 90 days, Tag:env and region, by day, cost-center filter", r =>
                Make(last90, r, ["Tag:env", "RegionId"], Granularity.Day, [new CostFilter(Dimension("Tag:cost-center"), values["Tag:cost-center"].OrderBy(_ => r.Next()).Take(2).ToList())])),
            new("last 12 months, no group-by, by week, 3 filters", r => Make(last12Months, r, [], Granularity.Week, Filters(r, 3, 3))),
            new("last 30 days, by resource, no period, 0-2 filters", r => Make(last30, r, ["ResourceId"], Granularity.None, Filters(r, 0, 2))),
            new("last 90 days, one service's resources, by day", r =>
                Make(last90, r, ["ResourceId"], Granularity.Day, [new CostFilter(Dimension("ServiceName"), [Pick(r, values["ServiceName"])])])),
            new("13 months, 1-5 resources by service, by day", r => Make(all13Months, r, ["ServiceName"], Granularity.Day,
                [new CostFilter(Dimension("ResourceId"), values["ResourceId"].OrderBy(_ => r.Next()).Take(r.Next(1, 6)).ToList())])),
        ];
    }

    private static string Describe(CostQuery query) =>
        $"{query.Metric} {query.From}..{query.To} by [{string.Join(", ", query.GroupBy)}] {query.Granularity} where {string.Join(" and ", query.Filters.Select(f => $"{f.Dimension} in ({string.Join(", ", f.Values.Select(v => v ?? "<empty>"))})"))}";

    private sealed record DuckResult(int Rows, Dictionary<string, decimal> Totals);

    private static bool Matches(CostResult ours, DuckResult duck) =>
        ours.Rows.Count == duck.Rows
        && ours.Totals.Count == duck.Totals.Count
        && ours.Totals.All(t => duck.Totals.TryGetValue(t.BillingCurrency, out var cost) && cost == t.Cost);

    /// <summary>
    /// The same rows in DuckDB, loaded once from the dataset's CSVs: the columns the queries touch, money as exact
    /// DECIMAL(38,10), and the four tag keys extracted into columns at load time (in DuckDB's favour: no JSON at query time).
    /// </summary>
    private static async Task<DuckDBConnection> OpenDuckDbAsync(string directory)
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, DuckDbFile)}");
        await connection.OpenAsync();
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'items'";
            if (Convert.ToInt64(await check.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
            {
                return connection;
            }
        }

        var watch = Stopwatch.StartNew();
        static string Tag(string key, string column) => $"NULLIF(regexp_extract(Tags, '\"{key}\":\"([^\"]*)\"', 1), '') AS {column}";
        await using (var load = connection.CreateCommand())
        {
            load.CommandText = $"""
                CREATE TABLE items AS SELECT
                  CAST(BilledCost AS DECIMAL(38,10)) AS BilledCost, CAST(EffectiveCost AS DECIMAL(38,10)) AS EffectiveCost,
                  CAST(ListCost AS DECIMAL(38,10)) AS ListCost, CAST(ContractedCost AS DECIMAL(38,10)) AS ContractedCost,
                  CAST(replace(ChargePeriodStart, 'Z', '') AS TIMESTAMP) AS ChargePeriodStart,
                  BillingCurrency, BillingAccountId, SubAccountId, ProviderName, ServiceName, ServiceCategory, RegionId, ChargeCategory,
                  ResourceId, ResourceName,
                  {Tag("team", "tag_team")}, {Tag("env", "tag_env")}, {Tag("app", "tag_app")}, {Tag("cost-center", "tag_cost_center")}
                FROM read_csv('{Path.Combine(directory, "*.csv")}', header = true, all_varchar = true)
                """;
            await load.ExecuteNonQueryAsync();
        }

        Console.WriteLine(FormattableString.Invariant($"DuckDB: loaded the CSVs into a table in {watch.Elapsed.TotalSeconds:N1} s"));
        return connection;
    }

    private static string DuckColumn(CostDimension dimension) => dimension.IsTag
        ? "tag_" + dimension.TagKey!.Replace('-', '_')
        : dimension.Column!;

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task<DuckResult> DuckQueryAsync(DuckDBConnection connection, CostQuery query)
    {
        var bucket = query.Granularity switch
        {
            Granularity.Day => "CAST(ChargePeriodStart AS DATE)",
            Granularity.Week => "CAST(date_trunc('week', ChargePeriodStart) AS DATE)",
            Granularity.Month => "CAST(date_trunc('month', ChargePeriodStart) AS DATE)",
            _ => null,
        };
        var groups = query.GroupBy.Select(DuckColumn).ToList();
        if (bucket is not null)
        {
            groups.Add(bucket);
        }

        groups.Add("BillingCurrency");
        var where = new StringBuilder(FormattableString.Invariant(
            $"ChargePeriodStart >= TIMESTAMP '{query.From:yyyy-MM-dd}' AND ChargePeriodStart < TIMESTAMP '{query.To:yyyy-MM-dd}'"));
        foreach (var filter in query.Filters)
        {
            var column = DuckColumn(filter.Dimension);
            var parts = new List<string>();
            var named = filter.Values.Where(v => !string.IsNullOrEmpty(v)).Select(v => Literal(v!)).ToList();
            if (named.Count > 0)
            {
                parts.Add($"{column} IN ({string.Join(", ", named)})");
            }

            if (filter.Values.Any(string.IsNullOrEmpty))
            {
                parts.Add($"{column} IS NULL");
            }

            where.Append(" AND (").Append(string.Join(" OR ", parts)).Append(')');
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT BillingCurrency, SUM({query.Metric}) FROM items WHERE {where} GROUP BY {string.Join(", ", groups)}";
        var rows = 0;
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            var currency = reader.IsDBNull(0) ? "" : reader.GetString(0);
            var cost = reader.IsDBNull(1) ? 0m : reader.GetDecimal(1);
            totals[currency] = totals.GetValueOrDefault(currency) + cost;
        }

        return new DuckResult(rows, totals);
    }
}
