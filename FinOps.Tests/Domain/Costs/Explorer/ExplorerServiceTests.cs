using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class ExplorerServiceTests : IAsyncLifetime
{
    private static readonly CostDimension Service = CostDimension.ForColumn("ServiceName");
    private static readonly CostDimension Category = CostDimension.ForColumn("ServiceCategory");
    private static readonly CostDimension Resource = CostDimension.ForColumn("ResourceId");

    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private ExplorerService Explorer => _store.Get<ExplorerService>();

    /// <summary>A range of 10 days (11-20 September) and its previous period (1-10 September).</summary>
    private static ExplorerState September(params CostDimension[] groupBy) => new()
    {
        Preset = null,
        From = new DateOnly(2024, 9, 11),
        To = new DateOnly(2024, 9, 21),
        Metric = CostMetric.BilledCost,
        GroupBy = groupBy.Length == 0 ? [Service] : groupBy,
        Granularity = Granularity.Day,
    };

    private static (string, string?)[] Row(int day, string cost, string service = "EC2", string category = "Compute", string currency = "USD",
        string resource = "i-1", string? resourceName = null, string tags = "") =>
    [
        .. FocusCsv.Day(day), ("BilledCost", cost), ("EffectiveCost", cost), ("ServiceName", service), ("ServiceCategory", category),
        ("BillingCurrency", currency), ("ResourceId", resource), ("ResourceName", resourceName ?? ""), ("Tags", tags),
    ];

    private async Task ImportAsync(FocusCsv csv) => Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);

    [Fact]
    public async Task Answer_WithComparison_GivesExactTotalsChangesAndShares_PerCurrency_NeverSummedAcross()
    {
        await ImportAsync(new FocusCsv()
            .Row(Row(12, "100.123456789012"))
            .Row(Row(13, "0.000000000001"))
            .Row(Row(12, "50", service: "S3", category: "Storage"))
            .Row(Row(3, "80"))                                         // previous period
            .Row(Row(4, "25", service: "Lambda"))                      // previous only: shows with cost 0
            .Row(Row(15, "99", service: "Blob", currency: "EUR")));   // another currency

        var answer = await Explorer.AnswerAsync(September() with { Compare = true }, CancellationToken.None);

        Assert.Equal(["USD", "EUR"], answer.Currencies.Select(c => c.Currency));
        Assert.Equal("EUR", answer.SelectCurrency("eur"));
        Assert.Equal("USD", answer.SelectCurrency("JPY"));
        Assert.True(answer.IsMissing("JPY"));
        var usd = answer.ForCurrency("USD");
        Assert.Equal(150.123456789013m, usd.Total);
        Assert.Equal(105m, usd.PreviousTotal);
        var ec2 = usd.Rows.Single(r => r.Group.Values[0] == "EC2");
        Assert.Equal(100.123456789013m, ec2.Cost);
        Assert.Equal(80m, ec2.PreviousCost);
        Assert.Equal(20.123456789013m, ec2.Change);
        Assert.Equal(ec2.Cost / usd.Total, ec2.Share);
        var lambda = usd.Rows.Single(r => r.Group.Values[0] == "Lambda");
        Assert.Equal((0m, 25m, -1m), (lambda.Cost, lambda.PreviousCost!.Value, lambda.ChangeRatio!.Value));
        Assert.Null(usd.Rows.Single(r => r.Group.Values[0] == "S3").ChangeRatio); // new: no previous cost
        Assert.DoesNotContain(usd.Rows, r => r.Group.Values[0] == "Blob");
        Assert.Equal(99m, answer.ForCurrency("EUR").Total);
    }

    [Fact]
    public async Task Answer_Series_HaveEveryBucketOfTheRange_ZeroWhereNoCost_AndSumToTheRows()
    {
        await ImportAsync(new FocusCsv().Row(Row(12, "10")).Row(Row(12, "5")).Row(Row(20, "7")).Row(Row(14, "3", service: "S3")));

        var usd = (await Explorer.AnswerAsync(September(), CancellationToken.None)).ForCurrency("USD");

        Assert.Equal(10, usd.Periods.Count);
        var ec2 = usd.Series.Single(s => s.Group.Values[0] == "EC2");
        Assert.Equal(10, ec2.Points.Count);
        Assert.Equal(15m, ec2.Points.Single(p => p.Period == new DateOnly(2024, 9, 12)).Cost);
        Assert.Equal(0m, ec2.Points.Single(p => p.Period == new DateOnly(2024, 9, 13)).Cost);
        Assert.Equal(usd.Rows.Single(r => r.Group.Values[0] == "EC2").Cost, ec2.Points.Sum(p => p.Cost));
        Assert.Null(usd.PreviousTotal); // not comparing: no second query
    }

    [Fact]
    public async Task FilterValues_ListValuesWithCost_UnderTheOtherFilters_ButNotTheirOwn()
    {
        await ImportAsync(new FocusCsv()
            .Row(Row(12, "10", service: "EC2", category: "Compute"))
            .Row(Row(12, "30", service: "Lambda", category: "Compute"))
            .Row(Row(12, "20", service: "S3", category: "Storage"))
            .Row(Row(1, "1000", service: "Old", category: "Compute"))); // outside the range
        var state = September().WithFilter(Category, ["Compute"]).WithFilter(Service, ["EC2"]);

        var services = await Explorer.FilterValuesAsync(state, Service, CancellationToken.None);
        var categories = await Explorer.FilterValuesAsync(state, Category, CancellationToken.None);

        Assert.Equal(["Lambda", "EC2"], services.Select(v => v.Value)); // the service filter itself is left out; the category applies
        Assert.Equal(30m, services[0].CostIn("USD"));
        Assert.Equal(["Compute"], categories.Select(v => v.Value)); // under the service filter (EC2) only Compute exists
    }

    [Fact]
    public async Task FilterValues_OfATag_IncludeUntagged_AsNull()
    {
        await ImportAsync(new FocusCsv()
            .Row(Row(12, "10", tags: "{\"team\": \"core\"}"))
            .Row(Row(12, "4")));

        var values = await Explorer.FilterValuesAsync(September(), CostDimension.ForTag("team"), CancellationToken.None);

        Assert.Equal([("core", 10m), (null, 4m)], values.Select(v => (v.Value, v.CostIn("USD"))));
        Assert.Equal(["team"], await Explorer.TagKeysAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SearchResources_MatchesIdOrName_CaseInsensitive_WithinTheRangeAndFilters_CostliestFirst_AtMost50()
    {
        var csv = new FocusCsv()
            .Row(Row(12, "5", resource: "i-web-1", resourceName: "web frontend"))             // matches by id and by name: listed once
            .Row(Row(12, "3", resource: "fn-7", service: "Webhooks"))                       // a service name matching is not a resource match
            .Row(Row(12, "9", resource: "vol-77", resourceName: "Web data disk"))
            .Row(Row(12, "8", resource: "i-web-2", service: "S3", category: "Storage"))  // filtered out by category
            .Row(Row(2, "50", resource: "i-web-old"))                                   // outside the range
            .Row(Row(12, "1", resource: "db-1", resourceName: "orders"));
        for (var i = 0; i < 60; i++)
        {
            csv.Row(Row(13, (i + 100).ToString(System.Globalization.CultureInfo.InvariantCulture), resource: $"many-{i:00}"));
        }

        await ImportAsync(csv);
        var state = September().WithFilter(Category, ["Compute"]).WithFilter(Resource, ["db-1"]);

        var web = await Explorer.SearchResourcesAsync(state, " WEB ", CancellationToken.None);
        var many = await Explorer.SearchResourcesAsync(state, "many-", CancellationToken.None);
        var percent = await Explorer.SearchResourcesAsync(state, "%", CancellationToken.None);

        Assert.Equal(["vol-77", "i-web-1"], web.Select(v => v.Value));
        Assert.Equal(ExplorerService.ResourceSearchLimit, many.Count);
        Assert.Equal("many-59", many[0].Value);
        Assert.Empty(percent); // a wildcard character is searched literally
    }
}
