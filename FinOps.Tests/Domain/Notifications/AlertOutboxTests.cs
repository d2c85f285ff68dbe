using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Domain.Notifications;

public sealed class AlertOutboxTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private IAlertOutbox Outbox => _store.Get<IAlertOutbox>();

    [Fact]
    public async Task Enqueue_StoresTheAlert_WithOnePendingDeliveryPerEnabledChannelThatAcceptsIt_AndRequestsDelivery()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await AddChannelAsync(_store, ChannelType.Slack, "Slack (off)", "https://hooks.example.com/a", enabled: false);
        await AddChannelAsync(_store, ChannelType.Teams, "Teams anomalies only", "https://hooks.example.com/b", budgets: false);
        await AddChannelAsync(_store, ChannelType.Webhook, "Critical only", "https://hooks.example.com/c", minimum: AlertSeverity.Critical);
        var requests = 0;
        using var _ = _store.Get<Notifier<AlertDeliveryRequested>>().Subscribe(_ =>
        {
            requests++;
            return Task.CompletedTask;
        });

        Assert.True(await Outbox.EnqueueAsync(Budget("budget:12:2024-11:80"), CancellationToken.None));

        await using var db = await _store.NewDbAsync();
        var alert = await db.Alerts.Include(a => a.Deliveries).SingleAsync();
        Assert.Equal(("Budget 'Platform' reached 80%", 8_250.50m, "USD", "/budgets/12"), (alert.Title, alert.Amount, alert.Currency, alert.Link));
        Assert.Equal([NotificationChannel.DefaultInAppChannelId, email.Id], alert.Deliveries.Select(d => d.ChannelId).Order());
        Assert.All(alert.Deliveries, d => Assert.Equal((DeliveryStatus.Pending, 0, _store.Time.GetUtcNow()), (d.Status, d.Attempts, d.NextAttemptAt!.Value)));
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Enqueue_TheSameKeyAgain_IsIgnored_AndReturnsFalse()
    {
        Assert.True(await Outbox.EnqueueAsync(Budget("budget:12:2024-11:80"), CancellationToken.None));

        Assert.False(await Outbox.EnqueueAsync(Budget("budget:12:2024-11:80", AlertSeverity.Critical), CancellationToken.None));

        await using var db = await _store.NewDbAsync();
        var alert = await db.Alerts.SingleAsync();
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal(1, await db.AlertDeliveries.CountAsync());
    }

    [Fact]
    public async Task Enqueue_SameKeyConcurrently_StoresOneAlert_AndExactlyOneCallerGetsTrue()
    {
        await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        var start = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Outbox.EnqueueAsync(Budget("budget:7:2024-11:100"), CancellationToken.None);
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Single(results, r => r);
        await using var db = await _store.NewDbAsync();
        Assert.Equal(1, await db.Alerts.CountAsync());
        Assert.Equal(2, await db.AlertDeliveries.CountAsync()); // in-app and email, once
    }

    [Theory]
    [InlineData("", "Budget", "/budgets/1", "deduplication key")]
    [InlineData("k", "", "/budgets/1", "title")]
    [InlineData("k", "Budget", "https://elsewhere.example.com/", "app-relative")]
    public async Task Enqueue_AnInvalidAlert_IsRefusedWithTheReason_AndStoresNothing(string key, string title, string link, string reason)
    {
        var message = Budget(key) with { Title = title, Link = link };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Outbox.EnqueueAsync(message, CancellationToken.None));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        await using var db = await _store.NewDbAsync();
        Assert.Equal(0, await db.Alerts.CountAsync());
    }

    [Fact]
    public async Task Enqueue_AnAmountWithoutCurrency_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Outbox.EnqueueAsync(Budget("k") with { Currency = null }, CancellationToken.None));

        Assert.Contains("no currency", error.Message, StringComparison.Ordinal);
    }
}
