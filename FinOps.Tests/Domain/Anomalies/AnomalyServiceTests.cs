using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Domain.Anomalies;

public sealed class AnomalyServiceTests : IAsyncLifetime
{
    // The store's clock stands at 2024-10-15 12:00 UTC: the last complete day is 2024-10-14.
    private static readonly DateOnly SpikeDay = new(2024, 10, 10);
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>60 days of about 100 a day (seeded noise) for one service, with <paramref name="spike"/> on 2024-10-10.</summary>
    private async Task ImportHistoryAsync(decimal spike = 1000m)
    {
        var csv = new FocusCsv();
        var random = new Random(7);
        for (var date = new DateOnly(2024, 8, 16); date <= new DateOnly(2024, 10, 14); date = date.AddDays(1))
        {
            var cost = date == SpikeDay ? spike : 100m + random.Next(-4, 5);
            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var month = new DateOnly(date.Year, date.Month, 1);
            csv.Row(("ChargePeriodStart", day + "T00:00:00Z"),
                ("ChargePeriodEnd", date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
                ("BillingPeriodStart", month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
                ("BillingPeriodEnd", month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
                ("BilledCost", cost.ToString(CultureInfo.InvariantCulture)), ("EffectiveCost", cost.ToString(CultureInfo.InvariantCulture)),
                ("Tags", "{\"team\": \"core\"}"));
        }

        Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);
    }

    private async Task<List<Anomaly>> StoredAsync()
    {
        await using var db = await _store.NewDbAsync();
        return await db.Anomalies.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Detect_RecordsTheSpikeOfTheServiceAndOfItsTeam_AndPublishesThem()
    {
        await ImportHistoryAsync();
        var published = new List<AnomaliesDetected>();
        using var subscription = _store.Get<Notifier<AnomaliesDetected>>().Subscribe(e =>
        {
            published.Add(e);
            return Task.CompletedTask;
        });

        var added = await _store.Get<AnomalyService>().DetectAsync(CancellationToken.None);

        var service = Assert.Single(added, a => a.Level == SeriesLevel.Service);
        Assert.Equal((SpikeDay, AnomalyKind.Spike, "Amazon Elastic Compute Cloud", "S1", "AWS"), (service.Date, service.Kind, service.ServiceName, service.SubAccountId, service.ProviderName));
        Assert.Equal(1000m, service.Actual);
        Assert.InRange(service.Expected, 90m, 110m);
        Assert.Equal(service.Actual - service.Expected, service.Impact);
        Assert.Equal(AnomalyStatus.Open, service.Status);
        Assert.Equal(AnomalySeverity.Medium, service.Severity); // impact about 900
        var team = Assert.Single(added, a => a.Level == SeriesLevel.Team);
        Assert.Equal(("core", SpikeDay), (team.Team, team.Date));
        Assert.Equal(2, added.Count);
        Assert.Equal(2, (await StoredAsync()).Count);
        Assert.Equal(added.Select(a => a.Id).Order(), Assert.Single(published).Anomalies.Select(a => a.Id).Order());
    }

    [Fact]
    public async Task Detect_RunTwiceOverTheSameData_RecordsEachAnomalyOnce_AndPublishesNothingTheSecondTime()
    {
        await ImportHistoryAsync();
        var anomalies = _store.Get<AnomalyService>();
        Assert.NotEmpty(await anomalies.DetectAsync(CancellationToken.None));
        var events = 0;
        using var subscription = _store.Get<Notifier<AnomaliesDetected>>().Subscribe(_ =>
        {
            events++;
            return Task.CompletedTask;
        });

        var second = await anomalies.DetectAsync(CancellationToken.None);

        Assert.Empty(second);
        Assert.Equal(0, events);
        Assert.Equal(2, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Detect_WithoutAnomalies_RecordsAndPublishesNothing()
    {
        await ImportHistoryAsync(spike: 101m);
        var events = 0;
        using var subscription = _store.Get<Notifier<AnomaliesDetected>>().Subscribe(_ =>
        {
            events++;
            return Task.CompletedTask;
        });

        Assert.Empty(await _store.Get<AnomalyService>().DetectAsync(CancellationToken.None));

        Assert.Equal(0, events);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task TheSameAnomalyTwice_IsRefusedByTheStore()
    {
        await ImportHistoryAsync();
        var recorded = (await _store.Get<AnomalyService>().DetectAsync(CancellationToken.None))[0];
        await using var db = await _store.NewDbAsync();
        var copy = Anomaly.From(new DetectedAnomaly(recorded.Series, recorded.Date, recorded.Kind, 1m, 2m, 1m, 5, "other", "", ""), DateTimeOffset.UnixEpoch);
        db.Anomalies.Add(copy);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Acknowledge_OpenAnomaly_ChangesItsStatus_RecordsWhoAndWhen_AndWritesAnAuditEntry()
    {
        await ImportHistoryAsync();
        var anomalies = _store.Get<AnomalyService>();
        var id = (await anomalies.DetectAsync(CancellationToken.None))[0].Id;
        _store.Time.Advance(TimeSpan.FromHours(1));

        Assert.True(await anomalies.AcknowledgeAsync(id, "analyst@example.com", CancellationToken.None));

        var stored = (await StoredAsync()).Single(a => a.Id == id);
        Assert.Equal(AnomalyStatus.Acknowledged, stored.Status);
        Assert.Equal("analyst@example.com", stored.AcknowledgedBy);
        Assert.Equal(_store.Time.GetUtcNow(), stored.AcknowledgedAt);
        var entry = Assert.Single(await _store.Get<AuditLog>().SearchAsync("anomaly.", null, null, 10, CancellationToken.None));
        Assert.Equal(("analyst@example.com", "anomaly.acknowledged", nameof(Anomaly), id.ToString(CultureInfo.InvariantCulture)),
            (entry.Actor, entry.Action, entry.EntityType, entry.EntityId));
        Assert.DoesNotContain(stored, await anomalies.ListAsync(AnomalyStatus.Open, 10, CancellationToken.None), new IdComparer());
    }

    [Fact]
    public async Task Acknowledge_AnAnomalyThatIsNotOpen_ChangesNothingAndIsNotAudited()
    {
        await ImportHistoryAsync();
        var anomalies = _store.Get<AnomalyService>();
        var id = (await anomalies.DetectAsync(CancellationToken.None))[0].Id;
        Assert.True(await anomalies.AcknowledgeAsync(id, "first@example.com", CancellationToken.None));

        Assert.False(await anomalies.AcknowledgeAsync(id, "second@example.com", CancellationToken.None));
        Assert.False(await anomalies.AcknowledgeAsync(999_999, "second@example.com", CancellationToken.None));

        Assert.Equal("first@example.com", (await StoredAsync()).Single(a => a.Id == id).AcknowledgedBy);
        Assert.Single(await _store.Get<AuditLog>().SearchAsync("anomaly.acknowledged", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Resolve_AcknowledgedAnomaly_IsResolvedAndAudited()
    {
        await ImportHistoryAsync();
        var anomalies = _store.Get<AnomalyService>();
        var id = (await anomalies.DetectAsync(CancellationToken.None))[0].Id;
        await anomalies.AcknowledgeAsync(id, "a@example.com", CancellationToken.None);

        Assert.True(await anomalies.ResolveAsync(id, "b@example.com", CancellationToken.None));

        var stored = (await StoredAsync()).Single(a => a.Id == id);
        Assert.Equal((AnomalyStatus.Resolved, "b@example.com"), (stored.Status, stored.ResolvedBy));
        Assert.Single(await _store.Get<AuditLog>().SearchAsync("anomaly.resolved", null, null, 10, CancellationToken.None));
        Assert.False(await anomalies.ResolveAsync(id, "b@example.com", CancellationToken.None));
    }

    [Theory]
    [InlineData("49.99", AnomalySeverity.Low)]
    [InlineData("-250", AnomalySeverity.Medium)]
    [InlineData("999.99", AnomalySeverity.Medium)]
    [InlineData("-1000", AnomalySeverity.High)]
    public void Severity_FollowsTheSizeOfTheImpactEitherWay(string impact, AnomalySeverity expected) =>
        Assert.Equal(expected, Anomaly.SeverityOf(decimal.Parse(impact, CultureInfo.InvariantCulture)));

    [Fact]
    public void SeriesId_TellsApartKeysThatDifferOnlyByANullField()
    {
        Assert.NotEqual(Anomaly.SeriesIdOf(SeriesKey.ForTeam(null, "USD")), Anomaly.SeriesIdOf(SeriesKey.ForTeam("null", "USD")));
        Assert.NotEqual(Anomaly.SeriesIdOf(SeriesKey.ForTeam(null, "USD")), Anomaly.SeriesIdOf(SeriesKey.ForTeam("", "USD")));
        Assert.Equal(Anomaly.SeriesIdOf(SeriesKey.ForService("AWS", "A", "S", "EC2", "USD")), Anomaly.SeriesIdOf(SeriesKey.ForService("AWS", "A", "S", "EC2", "USD")));
    }

    private sealed class IdComparer : IEqualityComparer<Anomaly>
    {
        public bool Equals(Anomaly? x, Anomaly? y) => x?.Id == y?.Id;

        public int GetHashCode(Anomaly obj) => obj.Id.GetHashCode();
    }
}
