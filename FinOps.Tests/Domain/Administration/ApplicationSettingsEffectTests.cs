using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Persistence;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Domain.Administration;

/// <summary>The application settings change what the app does: staleness, retention, what "today" is.</summary>
public sealed class ApplicationSettingsEffectTests : IAsyncLifetime
{
    private TestStore _store = null!; // the fake clock stands at 2024-10-15 12:00 UTC

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task SaveAsync(ApplicationSettings settings) => _store.Get<ApplicationSettingsService>().SaveAsync(settings, "test", CancellationToken.None);

    [Fact]
    public async Task Freshness_IsStaleAfterTheThreshold_AndAProviderOverrideChangesIt()
    {
        await _store.ImportAsync(new FocusCsv().Row([.. FocusCsv.Day(30)]).ToCsv()); // data through 2024-10-01, 14.5 days ago

        Assert.True(Assert.Single(await _store.Get<ImportLedger>().FreshnessAsync(CancellationToken.None)).IsStale);

        await SaveAsync(new ApplicationSettings { StalenessHoursByProvider = new Dictionary<string, int> { ["AWS"] = 24 * 20 } });

        Assert.False(Assert.Single(await _store.Get<ImportLedger>().FreshnessAsync(CancellationToken.None)).IsStale);
    }

    [Fact]
    public async Task Retention_DeletesOldLineItems_KeepsTheirRollups_AndIsAudited()
    {
        var csv = new FocusCsv()
            .Row(("BilledCost", "5"), ("ChargePeriodStart", "2024-08-10T00:00:00Z"), ("ChargePeriodEnd", "2024-08-11T00:00:00Z"),
                ("BillingPeriodStart", "2024-08-01T00:00:00Z"), ("BillingPeriodEnd", "2024-09-01T00:00:00Z"))
            .Row(("BilledCost", "7"), ("ChargePeriodStart", "2024-10-02T00:00:00Z"), ("ChargePeriodEnd", "2024-10-03T00:00:00Z"),
                ("BillingPeriodStart", "2024-10-01T00:00:00Z"), ("BillingPeriodEnd", "2024-11-01T00:00:00Z"));
        await _store.ImportAsync(csv.ToCsv());
        var retention = _store.Get<LineItemRetention>();
        Assert.Equal(0, await retention.ApplyAsync(CancellationToken.None)); // off by default

        await SaveAsync(new ApplicationSettings { LineItemRetentionMonths = 1 }); // keep September (last month) onwards

        Assert.Equal(1, await retention.ApplyAsync(CancellationToken.None));
        Assert.Equal(0, await retention.ApplyAsync(CancellationToken.None));
        var range = (From: new DateOnly(2024, 8, 1), To: new DateOnly(2024, 11, 1));
        var bySku = await _store.Costs.QueryAsync(new CostQuery(range.From, range.To, GroupBy: [CostDimension.ForColumn("SkuId")]), CancellationToken.None);
        var byService = await _store.Costs.QueryAsync(new CostQuery(range.From, range.To, GroupBy: [CostDimension.ForColumn("ServiceName")]), CancellationToken.None);
        Assert.Equal(7m, bySku.Totals.Single().Cost); // line items (SkuId is not in the rollup): August is gone
        Assert.Equal(12m, byService.Totals.Single().Cost); // rollups: August is kept
        var listed = await _store.Get<FinOps.Domain.Costs.LineItems.LineItemQueryService>().GetPageAsync(
            new FinOps.Domain.Costs.LineItems.LineItemRequest(new CostQuery(range.From, range.To)), CancellationToken.None);
        Assert.Equal(1, listed.TotalCount); // counted in SQL before the cutoff, not from the rollup that still holds August
        Assert.False(listed.TotalIsLowerBound);
        Assert.Equal(7m, Assert.Single(listed.Rows)["BilledCost"]);
        await using var db = await _store.NewDbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "retention.applied"));
    }

    [Fact]
    public async Task Today_FollowsTheConfiguredTimeZone()
    {
        var overview = _store.Get<CostOverviewService>();
        Assert.Equal(new DateOnly(2024, 10, 15), await overview.TodayAsync(CancellationToken.None));

        await SaveAsync(new ApplicationSettings { TimeZone = "Pacific/Kiritimati" }); // UTC+14: already the 16th

        Assert.Equal(new DateOnly(2024, 10, 16), await overview.TodayAsync(CancellationToken.None));
    }
}
