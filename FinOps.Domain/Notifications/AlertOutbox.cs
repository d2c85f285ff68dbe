namespace FinOps.Domain.Notifications;

/// <summary>What an alert is about.</summary>
public enum AlertKind
{
    Anomaly,
    Budget,
}

/// <summary>How urgent an alert is (channels use it for colour and routing).</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>
/// One alert to deliver to every configured channel (in-app, email, webhooks). <paramref name="DeduplicationKey"/> makes
/// enqueueing idempotent: the same key is delivered once, however often it is enqueued (a job re-run after a crash).
/// <paramref name="Link"/> is an app-relative URL (e.g. <c>/budgets/12</c>) that channels turn into an absolute one.
/// </summary>
public sealed record AlertMessage(
    AlertKind Kind,
    AlertSeverity Severity,
    string Title,
    string Body,
    string? Link,
    decimal? Amount,
    string? Currency,
    DateTimeOffset OccurredAt,
    string DeduplicationKey);

/// <summary>
/// The durable entry point of notifications: alerts are stored first and delivered to the channels afterwards (with
/// retries), so a failing channel or a restart loses nothing.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Stores the alert for delivery unless its deduplication key is already known; true when it was new.</summary>
    Task<bool> EnqueueAsync(AlertMessage message, CancellationToken ct);
}
