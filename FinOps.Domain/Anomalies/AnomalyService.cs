using FinOps.Domain.Administration;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Anomalies;

/// <summary>New anomalies were recorded (each one only once): alert panels and the alerts hub pass them on.</summary>
public sealed record AnomaliesDetected(IReadOnlyList<Anomaly> Anomalies);

/// <summary>
/// Runs the <see cref="AnomalyDetector"/> over the stored costs and keeps its findings: each anomaly (series, date,
/// kind) is recorded once, however often detection runs, and new ones are published to
/// <see cref="Notifier{AnomaliesDetected}"/>. Each new anomaly is also queued in the alert outbox in the same
/// transaction (so a crash loses neither) and goes out to the notification channels. People acknowledge and resolve
/// them (audited).
/// </summary>
public sealed class AnomalyService(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    SeriesBuilder series,
    CostOverviewService overview,
    Notifier<AnomaliesDetected> detected,
    AlertOutboxService outbox,
    AuditLog audit,
    TimeProvider time,
    ILogger<AnomalyService> logger)
{
    /// <summary>Days of history the series are built from (the detector needs weeks of it for its baseline).</summary>
    public const int HistoryDays = 120;

    /// <summary>Days, ending yesterday, whose anomalies are recorded on each run.</summary>
    public const int WindowDays = 14;

    private readonly AnomalyDetector _detector = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Judges the last <see cref="WindowDays"/> complete days (today is partial, so it is left out) of every service
    /// and team series, records the anomalies not recorded before and publishes them (nothing new: no event).
    /// Idempotent: a second run over the same data records and publishes nothing.
    /// </summary>
    public async Task<IReadOnlyList<Anomaly>> DetectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        List<Anomaly> added;
        try
        {
            var to = await overview.TodayAsync(ct);
            var from = to.AddDays(-WindowDays);
            var all = await series.BuildAllAsync(to.AddDays(-HistoryDays), to, CostMetric.EffectiveCost, ct);
            var found = _detector.Detect(all, from, to);

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var known = (await db.Anomalies.AsNoTracking().Where(a => a.Date >= from)
                    .Select(a => new { a.SeriesId, a.Date, a.Kind }).ToListAsync(ct))
                .Select(a => (a.SeriesId, a.Date, a.Kind)).ToHashSet();
            var now = time.GetUtcNow();
            added = found.Select(d => Anomaly.From(d, now)).Where(a => known.Add((a.SeriesId, a.Date, a.Kind))).ToList();
            if (added.Count == 0)
            {
                return [];
            }

            db.Anomalies.AddRange(added);
            await outbox.StageAsync(db, added.Select(AnomalyAlertMessages.From).ToList(), ct);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Recorded {Count} new cost anomalies between {From} and {To}", added.Count, from, to.AddDays(-1));
        }
        finally
        {
            _gate.Release();
        }

        await detected.PublishAsync(new AnomaliesDetected(added));
        await outbox.RequestDeliveryAsync();
        return added;
    }

    /// <summary>The anomalies with a status (all when null), newest day first, then most recently detected.</summary>
    public async Task<IReadOnlyList<Anomaly>> ListAsync(AnomalyStatus? status, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Anomalies.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        return await query.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<int> CountAsync(AnomalyStatus status, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Anomalies.CountAsync(a => a.Status == status, ct);
    }

    /// <summary>Open → Acknowledged, by <paramref name="actor"/> (audited). False when there is no such open anomaly.</summary>
    public Task<bool> AcknowledgeAsync(long id, string actor, CancellationToken ct) =>
        ChangeAsync(id, actor, AnomalyStatus.Acknowledged, "anomaly.acknowledged", a => a.Status == AnomalyStatus.Open, (a, now) =>
        {
            a.AcknowledgedBy = actor;
            a.AcknowledgedAt = now;
        }, ct);

    /// <summary>Open or Acknowledged → Resolved, by <paramref name="actor"/> (audited). False when there is no such unresolved anomaly.</summary>
    public Task<bool> ResolveAsync(long id, string actor, CancellationToken ct) =>
        ChangeAsync(id, actor, AnomalyStatus.Resolved, "anomaly.resolved", a => a.Status != AnomalyStatus.Resolved, (a, now) =>
        {
            a.ResolvedBy = actor;
            a.ResolvedAt = now;
        }, ct);

    private async Task<bool> ChangeAsync(long id, string actor, AnomalyStatus to, string action, Func<Anomaly, bool> allowed,
        Action<Anomaly, DateTimeOffset> stamp, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var anomaly = await db.Anomalies.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (anomaly is null || !allowed(anomaly))
        {
            return false;
        }

        var from = anomaly.Status;
        anomaly.Status = to;
        stamp(anomaly, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, action, nameof(Anomaly), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { Status = from.ToString() }, new { Status = to.ToString() }, anomaly.ToString(), ct);
        return true;
    }
}
