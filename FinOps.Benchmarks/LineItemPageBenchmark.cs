using System.Diagnostics;
using System.Globalization;
using FinOps.Domain;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.LineItems;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>
/// Issue 4 ("a line-item page in p95 under 300 ms"): times the pages the explorer's line-item mode asks
/// <see cref="LineItemQueryService"/> for on the explorer dataset (after <c>ingest-explorer</c>): the default order
/// (newest first) over the presets, with the filters a drill-down leaves, further pages, a resource search, and the
/// orders a click on a column header gives. Each request runs once to warm up, then <c>runs</c> timed runs.
/// </summary>
internal static class LineItemPageBenchmark
{
    private sealed record PageClass(string Name, Func<Random, LineItemRequest> Create);

    public static async Task<int> RunAsync(string directory, int perClass, int runs)
    {
        var end = DateOnly.ParseExact(File.ReadAllText(Path.Combine(directory, ExplorerDataset.EndFile)).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = Path.Combine(directory, "store") });
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CostQueryEngine>();
        var pages = provider.GetRequiredService<LineItemQueryService>();

        var values = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var dimension in new[] { "ServiceName", "SubAccountId", "Tag:team", "ResourceId" })
        {
            var all = await engine.QueryAsync(new CostQuery(end.AddMonths(-13), end, GroupBy: [Dimension(dimension)]), CancellationToken.None);
            values[dimension] = [.. all.Rows.Select(r => r.Keys[dimension]).Where(v => v is not null).Distinct().Order(StringComparer.Ordinal)];
        }

        var last30 = (From: end.AddDays(-30), To: end);
        var thisMonth = (From: new DateOnly(end.AddDays(-1).Year, end.AddDays(-1).Month, 1), To: end);
        var all13Months = (From: new DateOnly(end.Year, end.Month, 1).AddMonths(end.Day == 1 ? -13 : -12), To: end);
        T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];
        CostFilter Filter(string dimension, params string?[] chosen) => new(Dimension(dimension), chosen);
        LineItemRequest Request((DateOnly From, DateOnly To) range, List<CostFilter> filters, LineItemSort? sort = null, int page = 0, string? search = null) =>
            new(new CostQuery(range.From, range.To, Filters: filters), sort, page, 50, search);

        var classes = new List<PageClass>
        {
            new("last 30 days, newest first, no filter, page 1", _ => Request(last30, [])),
            new("13 months, newest first, no filter, page 1", _ => Request(all13Months, [])),
            new("this month, newest first, one service, page 1", r => Request(thisMonth, [Filter("ServiceName", Pick(r, values["ServiceName"]))])),
            new("last 30 days, newest first, service + team tag, pages 2-10", r =>
                Request(last30, [Filter("ServiceName", Pick(r, values["ServiceName"])), Filter("Tag:team", Pick(r, values["Tag:team"]))], page: r.Next(1, 10))),
            new("13 months, newest first, one resource, page 1", r => Request(all13Months, [Filter("ResourceId", Pick(r, values["ResourceId"]))])),
            new("last 30 days, newest first, resource search, page 1", r =>
            {
                var resource = Pick(r, values["ResourceId"])!;
                return Request(last30, [], search: resource.Substring(r.Next(0, resource.Length - 6), 5));
            }),
            new("last 30 days, one sub-account, by BilledCost desc", r =>
                Request(last30, [Filter("SubAccountId", Pick(r, values["SubAccountId"]))], LineItemSort.By("BilledCost", descending: true))),
            new("last 30 days, no filter, by EffectiveCost desc", _ => Request(last30, [], LineItemSort.By("EffectiveCost", descending: true))),
            new("13 months, no filter, by EffectiveCost desc", _ => Request(all13Months, [], LineItemSort.By("EffectiveCost", descending: true))),
            new("this month, one service, by ResourceId asc", r =>
                Request(thisMonth, [Filter("ServiceName", Pick(r, values["ServiceName"]))], LineItemSort.By("ResourceId", descending: false))),
        };

        var random = new Random(20261128);
        Console.WriteLine(FormattableString.Invariant($"{perClass} requests per class, each run {runs} times after one warm-up run; milliseconds (GetPageAsync: capped count + page + decoding)"));
        Console.WriteLine("| page class | rows on page | count | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var everything = new List<double>();
        foreach (var pageClass in classes)
        {
            var timings = new List<double>();
            var rowsOnPage = 0;
            var count = "";
            for (var q = 0; q < perClass; q++)
            {
                var request = pageClass.Create(random);
                var first = await pages.GetPageAsync(request, CancellationToken.None);
                rowsOnPage = first.Rows.Count;
                count = first.TotalIsLowerBound ? $"{first.TotalCount:N0}+" : first.TotalCount.ToString("N0", CultureInfo.InvariantCulture);
                for (var r = 0; r < runs; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await pages.GetPageAsync(request, CancellationToken.None);
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            everything.AddRange(timings);
            Console.WriteLine(FormattableString.Invariant(
                $"| {pageClass.Name} | {rowsOnPage} | {count} | {P(timings, 50):N1} | {P(timings, 95):N1} | {timings.Max():N1} |"));
        }

        Console.WriteLine(FormattableString.Invariant($"| **all** | | | {P(everything, 50):N1} | {P(everything, 95):N1} | {everything.Max():N1} |"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    private static CostDimension Dimension(string name) => CostDimension.TryParse(name, out var d, out var error) ? d : throw new ArgumentException(error);

    private static double P(List<double> samples, int percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
