using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Common;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Notifications;

/// <summary>What one delivery run did.</summary>
public sealed record DeliveryRunResult(int Delivered, int Retrying, int Failed)
{
    public int Attempted => Delivered + Retrying + Failed;
}

/// <summary>The outcome of a channel's test button: null error means the channel took the sample.</summary>
public sealed record ChannelTestResult(bool Succeeded, string? Error);

/// <summary>
/// Delivers pending deliveries whose attempt is due. Safe to run concurrently and again after a crash: each worker claims
/// rows in one UPDATE (a claim token and a lease), sends only what it claimed, and records the outcome only while its
/// claim still holds. A failure is retried on <see cref="DeliveryRetryPolicy"/>'s schedule, then marked Failed; every
/// attempt is kept.
/// </summary>
public sealed class AlertDispatcher(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    IEnumerable<IAlertChannelSender> senders,
    Notifier<AlertDeliveriesChanged> deliveriesChanged,
    Notifier<AlertDeliveryRequested> deliveryRequested,
    AuditLog audit,
    TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    /// <summary>How long a claim holds: longer than any send may take (SMTP and webhooks time out well before).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries claimed at a time.</summary>
    public const int BatchSize = 25;

    private readonly IReadOnlyList<IAlertChannelSender> _senders = senders.ToList();

    /// <summary>Delivers everything due now, batch by batch, until nothing due is left unclaimed.</summary>
    public async Task<DeliveryRunResult> DeliverDueAsync(CancellationToken ct)
    {
        var result = new DeliveryRunResult(0, 0, 0);
        try
        {
            while (true)
            {
                var token = Guid.NewGuid().ToString("N");
                var claimed = await ClaimDueAsync(token, BatchSize, ct);
                if (claimed.Count == 0)
                {
                    return result;
                }

                foreach (var id in claimed)
                {
                    var status = await DeliverClaimedAsync(id, token, ct);
                    result = status switch
                    {
                        DeliveryStatus.Delivered => result with { Delivered = result.Delivered + 1 },
                        DeliveryStatus.Failed => result with { Failed = result.Failed + 1 },
                        DeliveryStatus.Pending => result with { Retrying = result.Retrying + 1 },
                        _ => result,
                    };
                }
            }
        }
        finally
        {
            if (result.Attempted > 0)
            {
                logger.LogInformation("Alert deliveries: {Delivered} delivered, {Retrying} to retry, {Failed} failed", result.Delivered, result.Retrying, result.Failed);
                await deliveriesChanged.PublishAsync(new AlertDeliveriesChanged());
            }
        }
    }

    /// <summary>Claims up to <paramref name="max"/> due, unclaimed (or lease expired) pending deliveries for <paramref name="token"/>, in one UPDATE.</summary>
    internal async Task<IReadOnlyList<long>> ClaimDueAsync(string token, int max, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.AlertDeliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Take(max)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.ClaimedUntil, until), ct);
        return count == 0 ? [] : await db.AlertDeliveries.AsNoTracking().Where(d => d.ClaimToken == token).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
    }

    private async Task<DeliveryStatus?> DeliverClaimedAsync(long id, string token, CancellationToken ct)
    {
        AlertDelivery? delivery;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            delivery = await db.AlertDeliveries.AsNoTracking().Include(d => d.Alert).Include(d => d.Channel)
                .SingleOrDefaultAsync(d => d.Id == id && d.ClaimToken == token, ct);
        }

        if (delivery is null)
        {
            // Its channel was deleted (and the delivery with it) since we claimed it: nothing left to send.
            return null;
        }

        string? error;
        var final = false;
        if (delivery.Channel is not { Enabled: true } channel)
        {
            (error, final) = ("The channel was disabled before this alert was delivered.", true);
        }
        else
        {
            error = await TrySendAsync(channel, delivery.AlertId, delivery.Alert!.ToMessage(), isTest: false, ct);
        }

        return await RecordAsync(delivery, token, error, final, ct);
    }

    /// <summary>Sends through the channel's sender; the error to record, or null when the channel took it.</summary>
    private async Task<string?> TrySendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct)
    {
        var sender = _senders.FirstOrDefault(s => s.Handles(channel.Type));
        if (sender is null)
        {
            return $"No sender for {channel.Type} channels.";
        }

        try
        {
            await sender.SendAsync(channel, alertId, alert, isTest, ct);
            return null;
        }
        catch (AlertDeliveryException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Unexpected failure delivering alert {AlertId} to channel '{Channel}'", alertId, channel.Name);
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private async Task<DeliveryStatus?> RecordAsync(AlertDelivery delivery, string token, string? error, bool final, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var next = error is null || final ? null : DeliveryRetryPolicy.NextAttemptAfter(attempts, now);
        var status = error is null ? DeliveryStatus.Delivered : next is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.AlertDeliveries.Where(d => d.Id == delivery.Id && d.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.DeliveredAt, error is null ? now : null)
                .SetProperty(d => d.ClaimToken, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (updated == 0)
        {
            // Our lease ran out and another worker took the delivery over: its outcome is the one that counts.
            logger.LogWarning("Lost the claim on alert delivery {DeliveryId}; not recording this attempt", delivery.Id);
            return null;
        }

        db.AlertDeliveryAttempts.Add(new AlertDeliveryAttempt { DeliveryId = delivery.Id, At = now, Succeeded = error is null, Error = error });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (status == DeliveryStatus.Failed)
        {
            logger.LogWarning("Alert delivery {DeliveryId} to channel {ChannelId} failed for good after {Attempts} attempts: {Error}",
                delivery.Id, delivery.ChannelId, attempts, error);
        }

        return status;
    }

    /// <summary>
    /// Makes a failed or waiting delivery due now (a failed one gets a fresh set of attempts; its history is kept) and
    /// asks for a delivery run. False when there is no such delivery, or it was delivered already. Audited.
    /// </summary>
    public async Task<bool> RetryNowAsync(long deliveryId, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = time.GetUtcNow();
        int updated;
        DeliveryStatus? before;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            before = await db.AlertDeliveries.Where(d => d.Id == deliveryId).Select(d => (DeliveryStatus?)d.Status).SingleOrDefaultAsync(ct);
            updated = await db.AlertDeliveries
                .Where(d => d.Id == deliveryId && d.Status != DeliveryStatus.Delivered && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Attempts, d => d.Status == DeliveryStatus.Failed ? 0 : d.Attempts)
                    .SetProperty(d => d.Status, DeliveryStatus.Pending)
                    .SetProperty(d => d.NextAttemptAt, now), ct);
        }

        if (updated == 0)
        {
            return false;
        }

        await audit.WriteAsync(actor, "notification.retried", nameof(AlertDelivery), deliveryId.ToString(CultureInfo.InvariantCulture),
            new { Status = before.ToString() }, new { Status = nameof(DeliveryStatus.Pending) }, $"Alert delivery {deliveryId} retried by hand", ct);
        await deliveriesChanged.PublishAsync(new AlertDeliveriesChanged());
        await deliveryRequested.PublishAsync(new AlertDeliveryRequested());
        return true;
    }

    /// <summary>
    /// Sends a sample alert to a saved channel right now (enabled or not; nothing is stored in the outbox) and says
    /// whether the channel took it. Audited with the outcome.
    /// </summary>
    public async Task<ChannelTestResult> SendTestAsync(long channelId, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        NotificationChannel? channel;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId, ct);
        }

        if (channel is null)
        {
            return new ChannelTestResult(false, "The channel no longer exists.");
        }

        var error = await TrySendAsync(channel, 0, SampleAlert(channel, actor), isTest: true, ct);
        await audit.WriteAsync(actor, "notification.tested", nameof(NotificationChannel), channelId.ToString(CultureInfo.InvariantCulture), null,
            new { Succeeded = error is null, Error = error }, $"Test message to channel '{channel.Name}' {(error is null ? "delivered" : "failed")}", ct);
        return new ChannelTestResult(error is null, error);
    }

    /// <summary>The sample a test button sends: of a kind and severity the channel accepts, clearly marked as a test.</summary>
    public AlertMessage SampleAlert(NotificationChannel channel, string actor)
    {
        var now = time.GetUtcNow();
        var kind = channel.ReceivesBudgets || !channel.ReceivesAnomalies ? AlertKind.Budget : AlertKind.Anomaly;
        var severity = channel.MinimumSeverity > AlertSeverity.Warning ? channel.MinimumSeverity : AlertSeverity.Warning;
        return new AlertMessage(kind, severity, "Test alert from FinOps Cockpit",
            $"{actor} sent this sample from Settings → Notifications to check the channel '{channel.Name}'. No action is needed.",
            "/", 1234.56m, "USD", now, $"test:{channel.Id}:{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
    }
}
