using FinOps.Domain.Administration;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Domain.Notifications;

public sealed class AlertRetentionTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private AlertRetention Retention(int days) =>
        new(_store.Get<IDbContextFactory<FinOpsDbContext>>(), new NotificationOptions { AlertRetentionDays = days }, _store.Get<AuditLog>(), _store.Time);

    /// <summary>Queues an alert now and settles its one delivery (the built-in in-app channel) with one attempt, or leaves it pending.</summary>
    private async Task QueueAsync(string key, DeliveryStatus status)
    {
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget(key), CancellationToken.None);
        await using var db = await _store.NewDbAsync();
        var delivery = await db.AlertDeliveries.SingleAsync(d => d.Alert!.DeduplicationKey == key);
        delivery.Status = status;
        db.Set<AlertDeliveryAttempt>().Add(new AlertDeliveryAttempt { DeliveryId = delivery.Id, At = _store.Time.GetUtcNow(), Succeeded = status == DeliveryStatus.Delivered });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OldSettledAlerts_GoWithTheirDeliveriesAndAttempts_PendingAndRecentOnesStay_AndASecondRunDeletesNothing()
    {
        await QueueAsync("old-delivered", DeliveryStatus.Delivered);
        await QueueAsync("old-failed", DeliveryStatus.Failed);
        await QueueAsync("old-pending", DeliveryStatus.Pending);
        _store.Time.Advance(TimeSpan.FromDays(100));
        await QueueAsync("recent", DeliveryStatus.Delivered);
        _store.Time.Advance(TimeSpan.FromDays(81)); // the first three are now 181 days old, the last one 81

        Assert.Equal(0, await Retention(0).ApplyAsync(CancellationToken.None)); // 0 keeps everything
        Assert.Equal(2, await Retention(180).ApplyAsync(CancellationToken.None));
        Assert.Equal(0, await Retention(180).ApplyAsync(CancellationToken.None));

        await using var db = await _store.NewDbAsync();
        Assert.Equal(["old-pending", "recent"], await db.Alerts.OrderBy(a => a.DeduplicationKey).Select(a => a.DeduplicationKey).ToListAsync());
        Assert.Equal(2, await db.AlertDeliveries.CountAsync());
        Assert.Equal(2, await db.Set<AlertDeliveryAttempt>().CountAsync()); // the deleted deliveries' attempts went with them
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == AlertRetention.AuditAction);
        Assert.Contains("Deleted 2 alerts", audit.Summary, StringComparison.Ordinal);
    }
}
