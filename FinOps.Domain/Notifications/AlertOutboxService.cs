using FinOps.Domain.Common;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Notifications;

/// <summary>
/// The <see cref="IAlertOutbox"/>: stores each alert once (a unique index on its deduplication key decides, so two
/// concurrent enqueues of the same key store one) with one pending delivery per enabled channel that accepts it, in one
/// transaction, then asks for a delivery run (<see cref="AlertDeliveryRequested"/>).
/// </summary>
public sealed class AlertOutboxService(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    Notifier<AlertDeliveryRequested> deliveryRequested,
    TimeProvider time,
    ILogger<AlertOutboxService> logger) : IAlertOutbox
{
    /// <summary>The longest deduplication key (it is indexed).</summary>
    public const int MaxDeduplicationKeyLength = 200;

    public async Task<bool> EnqueueAsync(AlertMessage message, CancellationToken ct)
    {
        Validate(message);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.Alerts.AnyAsync(a => a.DeduplicationKey == message.DeduplicationKey, ct))
            {
                return false;
            }

            var channels = await db.NotificationChannels.AsNoTracking().Where(c => c.Enabled).ToListAsync(ct);
            var alert = NewAlert(message, channels);
            db.Alerts.Add(alert);
            try
            {
                // One SaveChanges: the alert and its deliveries commit together, or not at all.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 } && attempt < 3)
            {
                // A constraint said no: either another writer stored the same key between our check and our insert (the
                // unique index kept theirs), or a channel was deleted meanwhile (its foreign key). The loop tells which.
                continue;
            }

            logger.LogInformation("Alert '{Title}' ({Kind}, {Severity}) queued for {Count} channels", message.Title, message.Kind, message.Severity,
                alert.Deliveries.Count);
            await deliveryRequested.PublishAsync(new AlertDeliveryRequested());
            return true;
        }
    }

    /// <summary>
    /// Adds the alerts whose keys are not stored yet, with their deliveries, to <paramref name="db"/> without saving: the
    /// caller commits them in the same transaction as what they are about (so a crash loses neither), then calls
    /// <see cref="RequestDeliveryAsync"/>. Returns how many were added.
    /// </summary>
    public async Task<int> StageAsync(FinOpsDbContext db, IReadOnlyCollection<AlertMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            Validate(message);
        }

        var keys = messages.Select(m => m.DeduplicationKey).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return 0;
        }

        var known = (await db.Alerts.AsNoTracking().Where(a => keys.Contains(a.DeduplicationKey)).Select(a => a.DeduplicationKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => c.Enabled).ToListAsync(ct);
        var added = 0;
        foreach (var message in messages)
        {
            if (known.Add(message.DeduplicationKey))
            {
                db.Alerts.Add(NewAlert(message, channels));
                added++;
            }
        }

        return added;
    }

    /// <summary>Asks for a delivery run now (after <see cref="StageAsync"/>'s caller committed).</summary>
    public Task RequestDeliveryAsync() => deliveryRequested.PublishAsync(new AlertDeliveryRequested());

    private Alert NewAlert(AlertMessage message, IEnumerable<NotificationChannel> enabledChannels)
    {
        var now = time.GetUtcNow();
        var alert = Alert.From(message, now);
        foreach (var channel in enabledChannels.Where(c => c.Accepts(message.Kind, message.Severity)))
        {
            alert.Deliveries.Add(new AlertDelivery { ChannelId = channel.Id, Status = DeliveryStatus.Pending, NextAttemptAt = now });
        }

        return alert;
    }

    private static void Validate(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.DeduplicationKey) || message.DeduplicationKey.Length > MaxDeduplicationKeyLength)
        {
            throw new ArgumentException($"An alert needs a deduplication key of 1 to {MaxDeduplicationKeyLength} characters.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Title))
        {
            throw new ArgumentException("An alert needs a title.", nameof(message));
        }

        if (message.Amount is not null && string.IsNullOrWhiteSpace(message.Currency))
        {
            throw new ArgumentException($"Alert '{message.Title}' has an amount but no currency.", nameof(message));
        }

        if (message.Link is { Length: > 0 } link && !link.StartsWith('/'))
        {
            throw new ArgumentException($"Alert '{message.Title}': the link must be app-relative (start with /), not '{link}'.", nameof(message));
        }
    }
}
