using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Domain.Notifications;

public sealed class AlertDispatcherTests : IAsyncLifetime
{
    private readonly ScriptedSender _email = new(ChannelType.Email);
    private readonly ScriptedSender _inApp = new(ChannelType.InApp);
    private TestStore _store = null!;
    private AlertDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _dispatcher = NewDispatcher();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private AlertDispatcher NewDispatcher() => new(_store.Get<IDbContextFactory<FinOpsDbContext>>(), [_email, _inApp],
        _store.Get<Notifier<AlertDeliveriesChanged>>(), _store.Get<Notifier<AlertDeliveryRequested>>(), _store.Get<AuditLog>(), _store.Time,
        NullLogger<AlertDispatcher>.Instance);

    private async Task<AlertDelivery> DeliveryToAsync(long channelId)
    {
        await using var db = await _store.NewDbAsync();
        return await db.AlertDeliveries.AsNoTracking().Include(d => d.AttemptLog).SingleAsync(d => d.ChannelId == channelId);
    }

    [Fact]
    public async Task DeliverDue_SendsEachPendingDeliveryOnce_AndMarksItDelivered()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);

        var result = await _dispatcher.DeliverDueAsync(CancellationToken.None);
        var again = await _dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal((2, 0, 0), (result.Delivered, result.Retrying, result.Failed));
        Assert.Equal(0, again.Attempted);
        var sent = Assert.Single(_email.Sent);
        Assert.Equal(("Budget 'Platform' reached 80%", false), (sent.Alert.Title, sent.IsTest));
        Assert.Single(_inApp.Sent);
        var delivery = await DeliveryToAsync(email.Id);
        Assert.Equal((DeliveryStatus.Delivered, 1, _store.Time.GetUtcNow(), null, null), (delivery.Status, delivery.Attempts, delivery.DeliveredAt!.Value, delivery.NextAttemptAt, delivery.ClaimToken));
        Assert.True(Assert.Single(delivery.AttemptLog).Succeeded);
    }

    [Fact]
    public async Task AFailingChannel_IsRetriedAfter1_5_30And120Minutes_ThenFailed_WithEveryAttemptRecorded()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);
        _email.FailWith = "SMTP mail.example.com:587: connection refused";
        var start = _store.Time.GetUtcNow();

        await _dispatcher.DeliverDueAsync(CancellationToken.None);
        var expectedNext = start;
        foreach (var wait in new[] { 1, 5, 30, 120 })
        {
            expectedNext += TimeSpan.FromMinutes(wait);
            var pending = await DeliveryToAsync(email.Id);
            Assert.Equal((DeliveryStatus.Pending, expectedNext), (pending.Status, pending.NextAttemptAt!.Value));
            Assert.Equal("SMTP mail.example.com:587: connection refused", pending.LastError);

            _store.Time.SetUtcNow(expectedNext - TimeSpan.FromSeconds(1));
            Assert.Equal(0, (await _dispatcher.DeliverDueAsync(CancellationToken.None)).Attempted); // not due yet
            _store.Time.SetUtcNow(expectedNext);
            Assert.Equal(1, (await _dispatcher.DeliverDueAsync(CancellationToken.None)).Attempted);
        }

        var failed = await DeliveryToAsync(email.Id);
        Assert.Equal((DeliveryStatus.Failed, DeliveryRetryPolicy.MaxAttempts, null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Equal(5, failed.AttemptLog.Count);
        Assert.All(failed.AttemptLog, a => Assert.False(a.Succeeded));
        _store.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await _dispatcher.DeliverDueAsync(CancellationToken.None)).Attempted);
        Assert.Empty(_email.Sent);
    }

    [Fact]
    public async Task RetryNow_GivesAFailedDeliveryNewAttempts_AndItIsDeliveredWhenTheChannelWorksAgain()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);
        _email.FailWith = "down";
        for (var attempt = 0; attempt < DeliveryRetryPolicy.MaxAttempts; attempt++)
        {
            await _dispatcher.DeliverDueAsync(CancellationToken.None);
            _store.Time.Advance(TimeSpan.FromHours(3));
        }

        var failed = await DeliveryToAsync(email.Id);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        _email.FailWith = null;

        Assert.True(await _dispatcher.RetryNowAsync(failed.Id, "admin@example.com", CancellationToken.None));
        await _dispatcher.DeliverDueAsync(CancellationToken.None);

        var delivered = await DeliveryToAsync(email.Id);
        Assert.Equal((DeliveryStatus.Delivered, 1), (delivered.Status, delivered.Attempts));
        Assert.Equal(6, delivered.AttemptLog.Count);
        Assert.False(await _dispatcher.RetryNowAsync(failed.Id, "admin@example.com", CancellationToken.None)); // delivered: nothing to retry
        Assert.Single(await _store.Get<AuditLog>().SearchAsync("notification.retried", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_TwoWorkers_NeverGetTheSameDelivery_AndAnExpiredLeaseIsTakenOver()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.Get<IAlertOutbox>().EnqueueAsync(Budget($"b{i}"), CancellationToken.None);
        }

        var start = _store.Time.GetUtcNow();
        var first = await _dispatcher.ClaimDueAsync("worker-1", 3, CancellationToken.None);
        _store.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await _dispatcher.ClaimDueAsync("worker-2", 10, CancellationToken.None);
        var third = await _dispatcher.ClaimDueAsync("worker-3", 10, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Empty(third);

        _store.Time.SetUtcNow(start + AlertDispatcher.ClaimLease + TimeSpan.FromSeconds(1)); // worker 1 died holding its claims; worker 2's still hold
        var takenOver = await _dispatcher.ClaimDueAsync("worker-4", 10, CancellationToken.None);
        Assert.Equal(first.Order(), takenOver.Order());
    }

    [Fact]
    public async Task ConcurrentRuns_DeliverEveryAlertExactlyOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            await _store.Get<IAlertOutbox>().EnqueueAsync(Budget($"b{i}"), CancellationToken.None);
        }

        var other = NewDispatcher();
        var results = await Task.WhenAll(Task.Run(() => _dispatcher.DeliverDueAsync(CancellationToken.None)),
            Task.Run(() => other.DeliverDueAsync(CancellationToken.None)));

        Assert.Equal(30, results.Sum(r => r.Delivered));
        Assert.Equal(30, _inApp.Sent.Count);
        Assert.Equal(30, _inApp.Sent.Select(s => s.AlertId).Distinct().Count());
    }

    [Fact]
    public async Task ADeliveryToAChannelDisabledMeanwhile_FailsSayingSo_WithoutSending()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);
        await _store.Get<NotificationChannelService>().SaveAsync(ChannelDraft.From(email) with { Enabled = false }, "admin@example.com", CancellationToken.None);

        await _dispatcher.DeliverDueAsync(CancellationToken.None);

        var delivery = await DeliveryToAsync(email.Id);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Contains("disabled", delivery.LastError, StringComparison.Ordinal);
        Assert.Empty(_email.Sent);
    }

    [Fact]
    public async Task AChannelDeletedDuringARun_IsSkipped_AndTheRestIsDelivered()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b2"), CancellationToken.None);
        // The first in-app send deletes the email channel, whose two deliveries are already claimed.
        _inApp.During = async () =>
        {
            _inApp.During = null;
            await _store.Get<NotificationChannelService>().DeleteAsync(email.Id, "admin@example.com", CancellationToken.None);
        };

        var result = await _dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, result.Delivered);
        Assert.Equal(2, _inApp.Sent.Count);
        Assert.Empty(_email.Sent);
    }

    [Fact]
    public async Task SendTest_DeliversAMarkedSampleAtOnce_AndReportsAFailureWithItsReason()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com", anomalies: false);

        var ok = await _dispatcher.SendTestAsync(email.Id, "admin@example.com", CancellationToken.None);
        _email.FailWith = "HTTP 500 InternalServerError: boom";
        var failed = await _dispatcher.SendTestAsync(email.Id, "admin@example.com", CancellationToken.None);

        Assert.Equal(new ChannelTestResult(true, null), ok);
        Assert.Equal(new ChannelTestResult(false, "HTTP 500 InternalServerError: boom"), failed);
        var sample = Assert.Single(_email.Sent);
        Assert.True(sample.IsTest);
        Assert.Equal((AlertKind.Budget, "Test alert from FinOps Cockpit"), (sample.Alert.Kind, sample.Alert.Title));
        await using var db = await _store.NewDbAsync();
        Assert.Equal(0, await db.Alerts.CountAsync()); // a test is not an alert
        Assert.Equal(2, (await _store.Get<AuditLog>().SearchAsync("notification.tested", null, null, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public void RetrySchedule_Is1_5_30_120Minutes_ThenGivesUpAtTheFifthFailure()
    {
        var now = new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddMinutes(1), DeliveryRetryPolicy.NextAttemptAfter(1, now));
        Assert.Equal(now.AddMinutes(5), DeliveryRetryPolicy.NextAttemptAfter(2, now));
        Assert.Equal(now.AddMinutes(30), DeliveryRetryPolicy.NextAttemptAfter(3, now));
        Assert.Equal(now.AddHours(2), DeliveryRetryPolicy.NextAttemptAfter(4, now));
        Assert.Null(DeliveryRetryPolicy.NextAttemptAfter(5, now));
        Assert.Equal(5, DeliveryRetryPolicy.MaxAttempts);
    }
}
