using System.Globalization;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Domain.Notifications;

/// <summary>Anomaly detection queues an alert for each newly recorded anomaly, in the same transaction, once.</summary>
public sealed class AnomalyAlertOutboxTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>60 days of about 100 a day for one service (team core), with a spike of 1,500 on 2024-10-10.</summary>
    private async Task ImportHistoryWithASpikeAsync()
    {
        var csv = new FocusCsv();
        var random = new Random(7);
        for (var date = new DateOnly(2024, 8, 16); date <= new DateOnly(2024, 10, 14); date = date.AddDays(1))
        {
            var cost = date == new DateOnly(2024, 10, 10) ? 1500m : 100m + random.Next(-4, 5);
            var month = new DateOnly(date.Year, date.Month, 1);
            csv.Row(("ChargePeriodStart", Day(date) + "T00:00:00Z"), ("ChargePeriodEnd", Day(date.AddDays(1)) + "T00:00:00Z"),
                ("BillingPeriodStart", Day(month) + "T00:00:00Z"), ("BillingPeriodEnd", Day(month.AddMonths(1)) + "T00:00:00Z"),
                ("BilledCost", cost.ToString(CultureInfo.InvariantCulture)), ("EffectiveCost", cost.ToString(CultureInfo.InvariantCulture)),
                ("Tags", "{\"team\": \"core\"}"));
        }

        Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Detect_QueuesOneAlertPerNewAnomaly_ForTheInAppChannel_AndRequestsDelivery_OnlyOnce()
    {
        await ImportHistoryWithASpikeAsync();
        var requests = 0;
        using var _ = _store.Get<Notifier<AlertDeliveryRequested>>().Subscribe(_ =>
        {
            requests++;
            return Task.CompletedTask;
        });
        var anomalies = _store.Get<AnomalyService>();

        var recorded = await anomalies.DetectAsync(CancellationToken.None);
        await anomalies.DetectAsync(CancellationToken.None); // nothing new

        await using var db = await _store.NewDbAsync();
        var alerts = await db.Alerts.Include(a => a.Deliveries).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(recorded.Count, alerts.Count);
        Assert.Equal(2, alerts.Count); // the service series and the team series
        Assert.All(alerts, a => Assert.Equal((AlertKind.Anomaly, AlertSeverity.Critical), (a.Kind, a.Severity))); // impact about 1,400: High
        Assert.Equal(recorded.Select(AnomalyAlertMessages.DeduplicationKey).Order(), alerts.Select(a => a.DeduplicationKey).Order());
        var service = alerts.Single(a => a.Link!.Contains("ServiceName", StringComparison.Ordinal));
        Assert.StartsWith("/explorer?from=2024-09-11&to=2024-10-11&metric=EffectiveCost&granularity=Day&filter=ProviderName%3AAWS", service.Link, StringComparison.Ordinal);
        Assert.All(alerts, a => Assert.Equal(NotificationChannel.DefaultInAppChannelId, Assert.Single(a.Deliveries).ChannelId));
        Assert.Equal(1, requests);
    }
}
