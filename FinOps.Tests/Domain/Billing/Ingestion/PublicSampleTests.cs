using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Billing.Ingestion;

/// <summary>The FinOps Foundation's public 1k sample reconciles with the reference totals in shared/data/README.md.</summary>
public sealed class PublicSampleTests
{
    [SkippableFact]
    public async Task PublicSample_Imports_AndReconcilesWithTheReferenceTotalsPerProvider()
    {
        var sample = SharedData.Find("focus-1.0-sample.csv");
        Skip.If(sample is null, "shared/data/focus-1.0-sample.csv is not present next to the repository; nothing to reconcile.");
        await using var store = await TestStore.CreateAsync();

        var record = await store.ImportAsync(sample, "focus-1.0-sample.csv", isPath: true);

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Equal(1000, record.RowCount);
        Assert.Equal(20.52022672899m, Assert.Single(record.Totals).BilledCost);
        // The 7 Oracle rows have ContractedCost = NULL: warnings with their line, values unknown.
        Assert.Equal(7, record.Issues.Count(i => i is { Column: "ContractedCost", Severity: ImportIssueSeverity.Warning }));
        Assert.All(record.Issues.Where(i => i.Column == "ContractedCost"), i => Assert.True(i.Line > 1));

        var query = new CostQuery(new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 1), GroupBy: [CostDimension.ForColumn("ProviderName")]);
        var billed = await store.Costs.QueryAsync(query, CancellationToken.None);
        var effective = await store.Costs.QueryAsync(query with { Metric = CostMetric.EffectiveCost }, CancellationToken.None);
        Assert.Equal(18.00663861840m, billed.Rows.Single(r => r.Keys["ProviderName"] == "AWS").Cost);
        Assert.Equal(1.97651418586m, billed.Rows.Single(r => r.Keys["ProviderName"] == "Microsoft").Cost);
        Assert.Equal(0.53707392473m, billed.Rows.Single(r => r.Keys["ProviderName"] == "Oracle").Cost);
        Assert.Equal(13.00000000000m, effective.Rows.Single(r => r.Keys["ProviderName"] == "AWS").Cost);
        Assert.Equal(1.97651418586m, effective.Rows.Single(r => r.Keys["ProviderName"] == "Microsoft").Cost);
        Assert.Equal(0m, effective.Rows.Single(r => r.Keys["ProviderName"] == "Oracle").Cost);
    }
}
