using System.Net;
using System.Text.Json;
using FinOps.Tests.Support;

namespace FinOps.Tests.Integration;

/// <summary>GET /api/v1/costs over a small known data set imported through the API: sums are exact to the last digit.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CostsApiTests(CostsApiTests.KnownCosts data) : IClassFixture<CostsApiTests.KnownCosts>
{
    private const string Ec2 = "Amazon Elastic Compute Cloud";
    private const string S3 = "Amazon Simple Storage Service";
    private const string Vm = "Virtual Machines";
    private const string September = "from=2024-09-01&to=2024-10-01";

    /// <summary>The app with five rows in September 2024: four AWS rows in USD, one Microsoft row in EUR.</summary>
    public sealed class KnownCosts : IAsyncLifetime
    {
        public FinOpsAppFactory App { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = App.CreateApiClient();
            var csv = new FocusCsv()
                .Row([.. FocusCsv.Day(1), ("BillingAccountId", "C1"), ("ServiceName", Ec2), ("ServiceCategory", "Compute"),
                    ("BilledCost", "1.10"), ("EffectiveCost", "1.00"), ("Tags", """{"team":"web"}""")])
                .Row([.. FocusCsv.Day(1), ("BillingAccountId", "C1"), ("ServiceName", S3), ("ServiceCategory", "Storage"),
                    ("BilledCost", "2.25"), ("EffectiveCost", "2.00"), ("Tags", """{"team":"data"}""")])
                .Row([.. FocusCsv.Day(2), ("BillingAccountId", "C1"), ("ServiceName", Ec2), ("ServiceCategory", "Compute"),
                    ("BilledCost", "0.000001"), ("EffectiveCost", "0.000001"), ("Tags", "")])
                .Row([.. FocusCsv.Day(8), ("BillingAccountId", "C1"), ("ServiceName", Ec2), ("ServiceCategory", "Compute"),
                    ("BilledCost", "3.00"), ("EffectiveCost", "2.50"), ("Tags", """{"team":"web"}""")])
                .Row([.. FocusCsv.Day(2), ("BillingAccountId", "C2"), ("ProviderName", "Microsoft"), ("PublisherName", "Microsoft"),
                    ("InvoiceIssuerName", "Microsoft"), ("ServiceName", Vm), ("ServiceCategory", "Compute"), ("BillingCurrency", "EUR"),
                    ("RegionId", "westeurope"), ("BilledCost", "5.5"), ("EffectiveCost", "5.0"), ("Tags", """{"team":"web"}""")]);
            var import = await Client.ImportAsync("known-costs.csv", csv.ToCsv());
            Assert.True(import.GetProperty("status").GetString() == "Succeeded", $"the known data set did not import: {import}");
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }
    }

    [Fact]
    public async Task Costs_GroupedByService_AreExactPerServiceAndCurrency()
    {
        var costs = await data.Client.GetCostsAsync($"{September}&groupBy=ServiceName");

        Assert.Equal("BilledCost", costs.GetProperty("metric").GetString());
        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [(Ec2, null, "USD")] = 4.100001m,
            [(S3, null, "USD")] = 2.25m,
            [(Vm, null, "EUR")] = 5.5m,
        }, costs.Rows("ServiceName"));
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 6.350001m, ["EUR"] = 5.5m }, costs.Totals());
    }

    [Fact]
    public async Task Costs_FilteredByProvider_ByDay_KeepOnlyThatProviderPerDay()
    {
        var costs = await data.Client.GetCostsAsync($"{September}&groupBy=ServiceCategory&filter=ProviderName:AWS&granularity=Day");

        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("Compute", "2024-09-01", "USD")] = 1.10m,
            [("Storage", "2024-09-01", "USD")] = 2.25m,
            [("Compute", "2024-09-02", "USD")] = 0.000001m,
            [("Compute", "2024-09-08", "USD")] = 3.00m,
        }, costs.Rows("ServiceCategory"));
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 6.350001m }, costs.Totals());
    }

    [Fact]
    public async Task Costs_EffectiveCostByWeek_BucketsFromMonday()
    {
        // 2024-09-01 is a Sunday: it belongs to the week of Monday 2024-08-26; the 2nd and the 8th share a week.
        var costs = await data.Client.GetCostsAsync($"{September}&filter=ServiceCategory:Compute&granularity=Week&metric=EffectiveCost");

        Assert.Equal("EffectiveCost", costs.GetProperty("metric").GetString());
        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("", "2024-08-26", "USD")] = 1.00m,
            [("", "2024-09-02", "USD")] = 2.500001m,
            [("", "2024-09-02", "EUR")] = 5.0m,
        }, costs.Rows());
    }

    [Fact]
    public async Task Costs_ByMonth_SumEverythingInTheMonth()
    {
        var costs = await data.Client.GetCostsAsync($"{September}&groupBy=BillingAccountId&granularity=Month");

        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("C1", "2024-09-01", "USD")] = 6.350001m,
            [("C2", "2024-09-01", "EUR")] = 5.5m,
        }, costs.Rows("BillingAccountId"));
    }

    [Fact]
    public async Task Costs_GroupedByTag_WithinDateRange_IncludeUntaggedAsNull_AndExcludeTheEndDate()
    {
        // to is exclusive: the row of 2024-09-08 is left out. Two values of one filter column are alternatives.
        var costs = await data.Client.GetCostsAsync(
            "from=2024-09-01&to=2024-09-08&groupBy=Tag:team&filter=ProviderName:AWS&filter=ProviderName:Microsoft");

        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("web", null, "USD")] = 1.10m,
            [("data", null, "USD")] = 2.25m,
            [("<none>", null, "USD")] = 0.000001m,
            [("web", null, "EUR")] = 5.5m,
        }, costs.Rows("Tag:team"));
    }

    [Fact]
    public async Task Costs_FilteredOnUntagged_KeepOnlyRowsWithoutTheTag()
    {
        var costs = await data.Client.GetCostsAsync($"{September}&filter=Tag:team=");

        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 0.000001m }, costs.Totals());
    }

    [Fact]
    public async Task Costs_WithFiltersOnTwoColumns_KeepRowsMatchingBoth()
    {
        var costs = await data.Client.GetCostsAsync($"{September}&filter=ServiceCategory:Compute&filter=BillingAccountId:C1");

        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 4.100001m }, costs.Totals());
    }

    [Theory]
    [InlineData("groupBy=NoSuchColumn", "groupBy")]
    [InlineData("groupBy=ServiceName,NoSuchColumn", "groupBy")]
    [InlineData("groupBy=BilledCost", "groupBy")]
    [InlineData("granularity=Hour", "granularity")]
    [InlineData("metric=Profit", "metric")]
    [InlineData("filter=NoSuchColumn:x", "filter")]
    public async Task Costs_WithInvalidParameter_Answer400NamingIt(string parameter, string name)
    {
        using var response = await data.Client.GetAsync(new Uri($"/api/v1/costs?{September}&{parameter}", UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(name, problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains(name, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2024-09-xx&to=2024-10-01", "from")]
    [InlineData("to=2024-10-01", "from")]
    [InlineData("from=2024-10-01&to=2024-09-01", "to")]
    public async Task Costs_WithInvalidDates_Answer400NamingTheDate(string query, string name)
    {
        using var response = await data.Client.GetAsync(new Uri($"/api/v1/costs?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(name, problem.RootElement.GetProperty("parameter").GetString());
    }
}
