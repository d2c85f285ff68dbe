using FinOps.Tests.Support;

namespace FinOps.Tests.Integration;

/// <summary>The FinOps Foundation's public 1k sample, through the API, reconciles with shared/data/README.md.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PublicSampleApiTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    [SkippableFact]
    public async Task PublicSample_ImportedThroughTheApi_ReconcilesPerProviderWithTheReferenceTotals()
    {
        var sample = SharedData.Find("focus-1.0-sample.csv");
        Skip.If(sample is null, "shared/data/focus-1.0-sample.csv is not present next to the repository; nothing to reconcile.");
        using var client = app.CreateApiClient();

        var id = await client.SubmitImportAsync("focus-1.0-sample.csv", await File.ReadAllTextAsync(sample));
        var import = await client.WaitForImportAsync(id, TimeSpan.FromSeconds(120));

        Assert.True(import.GetProperty("status").GetString() == "Succeeded", $"the sample did not import: {import}");
        Assert.Equal(1000, import.GetProperty("rowCount").GetInt64());
        var total = Assert.Single(import.GetProperty("totals").EnumerateArray());
        Assert.Equal("USD", total.GetProperty("billingCurrency").GetString());
        Assert.Equal(20.52022672899m, total.GetProperty("billedCost").GetDecimal());
        // The 7 Oracle rows have ContractedCost = NULL: conformance warnings with line and column, not errors.
        var warnings = import.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("column").GetString() == "ContractedCost").ToList();
        Assert.Equal(7, warnings.Count);
        Assert.All(warnings, w => Assert.True(w.GetProperty("line").GetInt64() > 1));

        var billed = await client.GetCostsAsync("from=2024-01-01&to=2026-01-01&groupBy=ProviderName");
        var effective = await client.GetCostsAsync("from=2024-01-01&to=2026-01-01&groupBy=ProviderName&metric=EffectiveCost");

        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("AWS", null, "USD")] = 18.00663861840m,
            [("Microsoft", null, "USD")] = 1.97651418586m,
            [("Oracle", null, "USD")] = 0.53707392473m,
        }, billed.Rows("ProviderName"));
        Assert.Equal(new Dictionary<(string, string?, string), decimal>
        {
            [("AWS", null, "USD")] = 13.00000000000m,
            [("Microsoft", null, "USD")] = 1.97651418586m,
            [("Oracle", null, "USD")] = 0m,
        }, effective.Rows("ProviderName"));
        Assert.Equal(20.52022672899m, billed.Totals()["USD"]);
    }
}
