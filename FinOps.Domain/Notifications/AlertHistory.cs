using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Notifications;

/// <summary>One delivery as the history lists it.</summary>
public sealed record DeliveryView(
    long Id,
    long AlertId,
    string AlertTitle,
    AlertKind Kind,
    AlertSeverity Severity,
    DateTimeOffset CreatedAt,
    long ChannelId,
    string ChannelName,
    ChannelType ChannelType,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <summary>Reads the outbox: recent alerts (for the dashboard) and deliveries with their attempts (for Settings).</summary>
public sealed class AlertHistory(IDbContextFactory<FinOpsDbContext> dbFactory)
{
    /// <summary>Alerts of a kind (all when null), newest first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(AlertKind? kind, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Alerts.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        return await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>Deliveries with a status (all when null), newest alert first.</summary>
    public async Task<IReadOnlyList<DeliveryView>> ListDeliveriesAsync(DeliveryStatus? status, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AlertDeliveries.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        return await query.OrderByDescending(d => d.AlertId).ThenBy(d => d.ChannelId).Take(Math.Clamp(take, 1, 1000))
            .Select(d => new DeliveryView(d.Id, d.AlertId, d.Alert!.Title, d.Alert.Kind, d.Alert.Severity, d.Alert.CreatedAt, d.ChannelId,
                d.Channel!.Name, d.Channel.Type, d.Status, d.Attempts, d.LastError, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
    }

    /// <summary>Every attempt at one delivery, oldest first.</summary>
    public async Task<IReadOnlyList<AlertDeliveryAttempt>> AttemptsAsync(long deliveryId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertDeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToListAsync(ct);
    }

    public async Task<int> CountAsync(DeliveryStatus status, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertDeliveries.CountAsync(d => d.Status == status, ct);
    }
}
