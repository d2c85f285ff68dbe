using System.Globalization;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs;

public sealed class CostQueryEngineTests : IAsyncLifetime
{
    private static readonly string[] Services = ["Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "AWS Lambda", "Virtual Machines"];
    private static readonly string[] Categories = ["Compute", "Storage", "Databases"];
    private static readonly string[] Accounts = ["A1", "A2", "B7"];
    private static readonly string[] Currencies = ["USD", "EUR"];
    private static readonly string[] Teams = ["core", "data", "web"];
    private static readonly string[] Resources = ["i-1", "i-2", "vol-3", "db-4", "fn-5"];

    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private sealed record SourceRow(string Account, string Currency, string Service, string Category, string Resource, string? Team,
        DateOnly Day, decimal Billed, decimal Effective);

    /// <summary>Random rows with many decimal places, negatives, mixed currencies, some untagged; imported through the real pipeline.</summary>
    private async Task<List<SourceRow>> ImportRandomRowsAsync(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SourceRow>();
        var csv = new FocusCsv();
        for (var i = 0; i < count; i++)
        {
            var day = new DateOnly(2024, 9, 1).AddDays(random.Next(0, 30));
            var billed = Math.Round((decimal)(random.NextDouble() * 2000 - 200), random.Next(0, 13));
            var effective = Math.Round(billed * (decimal)random.NextDouble(), 11);
            var team = random.Next(4) == 0 ? null : Teams[random.Next(Teams.Length)];
            var row = new SourceRow(Accounts[random.Next(Accounts.Length)], Currencies[random.Next(Currencies.Length)],
                Services[random.Next(Services.Length)], Categories[random.Next(Categories.Length)], Resources[random.Next(Resources.Length)],
                team, day, billed, effective);
            rows.Add(row);
            csv.Row(("BillingAccountId", row.Account), ("BillingCurrency", row.Currency), ("ServiceName", row.Service),
                ("ServiceCategory", row.Category), ("ResourceId", row.Resource),
                ("Tags", team is null ? "" : $"{{\"team\": \"{team}\", \"env\": \"prod\"}}"),
                ("ChargePeriodStart", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
                ("ChargePeriodEnd", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
                ("BilledCost", row.Billed.ToString(CultureInfo.InvariantCulture)),
                ("EffectiveCost", row.Effective.ToString(CultureInfo.InvariantCulture)));
        }

        var record = await _store.ImportAsync(csv.ToCsv());
        Assert.Equal(ImportStatus.Succeeded, record.Status);
        return rows;
    }

    private static string? Value(SourceRow row, string dimension) => dimension switch
    {
        "BillingAccountId" => row.Account,
        "ServiceName" => row.Service,
        "ServiceCategory" => row.Category,
        "ResourceId" => row.Resource,
        "Tag:team" => row.Team,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    [Fact]
    public async Task Query_RandomFiltersAndGroupings_EqualExactDecimalSumsOfTheSourceRows()
    {
        var rows = await ImportRandomRowsAsync(600, seed: 7);
        var random = new Random(11);
        string[] dimensions = ["BillingAccountId", "ServiceName", "ServiceCategory", "ResourceId", "Tag:team"];
        for (var trial = 0; trial < 40; trial++)
        {
            var groupBy = dimensions.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToList();
            var filterDimension = dimensions[random.Next(dimensions.Length)];
            var candidates = rows.Select(r => Value(r, filterDimension)).Distinct().ToList();
            var filterValues = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
            var from = new DateOnly(2024, 9, 1).AddDays(random.Next(0, 10));
            var to = from.AddDays(random.Next(1, 25));
            var metric = random.Next(2) == 0 ? CostMetric.BilledCost : CostMetric.EffectiveCost;
            var granularity = (Granularity)random.Next(0, 4);
            var filter = new CostFilter(Parse(filterDimension), filterValues);
            var query = new CostQuery(from, to, metric, groupBy.Select(Parse).ToList(), granularity, [filter]);

            var result = await _store.Costs.QueryAsync(query, CancellationToken.None);

            var expected = rows
                .Where(r => r.Day >= from && r.Day < to)
                .Where(r => filterValues.Contains(Value(r, filterDimension)))
                .GroupBy(r => (Keys: string.Join("|", groupBy.Select(g => Value(r, g) ?? "<null>")),
                    Period: granularity == Granularity.None ? (DateOnly?)null : CostQueryEngine.Bucket(r.Day, granularity), r.Currency))
                .ToDictionary(g => g.Key, g => g.Sum(r => metric == CostMetric.BilledCost ? r.Billed : r.Effective));
            var actual = result.Rows.ToDictionary(
                r => (Keys: string.Join("|", groupBy.Select(g => r.Keys[g] ?? "<null>")), r.Period, Currency: r.BillingCurrency),
                r => r.Cost);
            Assert.Equal(expected.OrderBy(e => e.Key.ToString()), actual.OrderBy(a => a.Key.ToString()));
            foreach (var total in result.Totals)
            {
                Assert.Equal(expected.Where(e => e.Key.Currency == total.BillingCurrency).Sum(e => e.Value), total.Cost);
            }
        }
    }

    [Fact]
    public async Task Query_GroupByResource_AndByService_AreAnsweredFromTheRollup_ButBySku_FromLineItems()
    {
        await ImportRandomRowsAsync(50, seed: 3);
        var september = (From: new DateOnly(2024, 9, 1), To: new DateOnly(2024, 10, 1));

        var byResource = await _store.Costs.QueryAsync(new CostQuery(september.From, september.To, GroupBy: [Parse("ResourceId")]), CancellationToken.None);
        var byService = await _store.Costs.QueryAsync(new CostQuery(september.From, september.To, GroupBy: [Parse("ServiceName")]), CancellationToken.None);
        var bySku = await _store.Costs.QueryAsync(new CostQuery(september.From, september.To, GroupBy: [Parse("SkuId")]), CancellationToken.None);

        Assert.True(byResource.AnsweredFromRollup);
        Assert.True(byService.AnsweredFromRollup);
        Assert.False(bySku.AnsweredFromRollup);
        Assert.Equal(byResource.Totals, byService.Totals);
        Assert.Equal(byResource.Totals, bySku.Totals);
    }

    [Fact]
    public async Task Query_UntaggedFilter_ReturnsRowsWithoutTheTagKey()
    {
        var rows = await ImportRandomRowsAsync(200, seed: 5);
        var query = new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1), Filters: [new CostFilter(Parse("Tag:team"), [null])]);

        var result = await _store.Costs.QueryAsync(query, CancellationToken.None);

        foreach (var currency in Currencies)
        {
            Assert.Equal(rows.Where(r => r.Team is null && r.Currency == currency).Sum(r => r.Billed),
                result.Totals.SingleOrDefault(t => t.BillingCurrency == currency)?.Cost ?? 0m);
        }
    }

    [Fact]
    public async Task Query_NearTheBillionLimit_StaysExactToTheLastDecimal()
    {
        var csv = new FocusCsv();
        var expected = 0m;
        for (var i = 0; i < 200; i++)
        {
            var amount = 5_000_001.123456789123m + i * 0.000000000001m;
            expected += amount;
            csv.Row(("BilledCost", amount.ToString(CultureInfo.InvariantCulture)), ("ResourceId", $"r{i % 7}"));
        }

        await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(expected, (await _store.TotalsAsync())["USD"]);
        Assert.True(expected > 999_999_999m);
    }

    [Theory]
    [InlineData("2024-01-01", "2024-02-01", "Bogus", null, null, "metric")]
    [InlineData("2024-01-01", "2024-02-01", null, "NoSuchColumn", null, "groupBy")]
    [InlineData("2024-01-01", "2024-02-01", null, "BilledCost", null, "groupBy")]
    [InlineData("01/01/2024", "2024-02-01", null, null, null, "from")]
    [InlineData("2024-01-01", "2023-02-01", null, null, null, "to")]
    [InlineData("2024-01-01", "2024-02-01", null, null, "Hourly", "granularity")]
    public void Parse_BadParameter_NamesIt(string from, string to, string? metric, string? groupBy, string? granularity, string expected)
    {
        var ok = CostQuery.TryParse(from, to, metric, groupBy, granularity, [], out _, out var parameter, out var error);

        Assert.False(ok);
        Assert.Equal(expected, parameter);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FiltersOnTheSameColumn_AreAlternatives_AndTagFiltersParse()
    {
        var ok = CostQuery.TryParse("2024-01-01", "2024-02-01", "effectivecost", "ServiceName,Tag:team", "week",
            ["ProviderName:AWS", "providername:Microsoft", "Tag:team=", "Tag:team=core"], out var query, out _, out _);

        Assert.True(ok);
        Assert.Equal(CostMetric.EffectiveCost, query.Metric);
        Assert.Equal(Granularity.Week, query.Granularity);
        Assert.Equal(["ServiceName", "Tag:team"], query.GroupBy.Select(g => g.Name));
        Assert.Equal(2, query.Filters.Count);
        Assert.Equal(["AWS", "Microsoft"], query.Filters.Single(f => f.Dimension.Name == "ProviderName").Values);
        Assert.Equal(["", "core"], query.Filters.Single(f => f.Dimension.IsTag).Values);
    }

    private static CostDimension Parse(string name) => CostDimension.TryParse(name, out var d, out var e) ? d : throw new ArgumentException(e);

    [Fact]
    public async Task Query_WhenTheRollupWasWrittenInManySmallChunks_StillEqualsTheSourceSums()
    {
        var previous = FinOps.Domain.Billing.Ingestion.ImportProcessor.MaxRollupEntries;
        FinOps.Domain.Billing.Ingestion.ImportProcessor.MaxRollupEntries = 7;
        try
        {
            var rows = await ImportRandomRowsAsync(400, seed: 99);
            var query = new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1), GroupBy: [Parse("ServiceName")], Granularity: Granularity.Week);

            var result = await _store.Costs.QueryAsync(query, CancellationToken.None);

            Assert.True(result.AnsweredFromRollup);
            foreach (var row in result.Rows)
            {
                Assert.Equal(rows.Where(r => r.Service == row.Keys["ServiceName"] && r.Currency == row.BillingCurrency
                    && CostQueryEngine.Bucket(r.Day, Granularity.Week) == row.Period).Sum(r => r.Billed), row.Cost);
            }

            Assert.NotEmpty(result.Rows);
            foreach (var total in result.Totals)
            {
                Assert.Equal(rows.Where(r => r.Currency == total.BillingCurrency).Sum(r => r.Billed), total.Cost);
            }
        }
        finally
        {
            FinOps.Domain.Billing.Ingestion.ImportProcessor.MaxRollupEntries = previous;
        }
    }
}
