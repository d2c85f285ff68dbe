using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Notifications;

/// <summary>
/// Deletes alerts older than <see cref="NotificationOptions.AlertRetentionDays"/> with their deliveries and attempts
/// (the database cascades), so the outbox and the delivery history do not grow forever. An alert with a delivery
/// still pending is kept whatever its age. Audited; idempotent: a second run deletes nothing.
/// Safe for deduplication: budget thresholds record their firings apart, and an anomaly is recorded once, so an old
/// alert that is gone is never queued again.
/// </summary>
public sealed class AlertRetention(IDbContextFactory<FinOpsDbContext> dbFactory, NotificationOptions options, AuditLog audit, TimeProvider time)
{
    public const string AuditAction = "alerts.purged";

    /// <summary>Applies the retention; returns how many alerts were deleted (0 when it is off).</summary>
    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        if (options.AlertRetentionDays <= 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-options.AlertRetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.Alerts
            .Where(a => a.CreatedAt < cutoff && !a.Deliveries.Any(d => d.Status == DeliveryStatus.Pending))
            .ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            await audit.WriteAsync("system", AuditAction, "Alerts", null, null, new { Deleted = deleted, Before = cutoff },
                $"Deleted {deleted:N0} alerts stored before {cutoff:yyyy-MM-dd HH:mm} UTC, with their deliveries", ct);
        }

        return deleted;
    }
}
