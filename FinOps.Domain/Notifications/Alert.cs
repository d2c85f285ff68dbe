namespace FinOps.Domain.Notifications;

/// <summary>Where one delivery of an alert to one channel stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet: waiting for its first attempt or for a retry (<see cref="AlertDelivery.NextAttemptAt"/>).</summary>
    Pending,

    Delivered,

    /// <summary>Every attempt failed (or the channel is gone or disabled); an administrator may retry it.</summary>
    Failed,
}

/// <summary>
/// A stored alert (the outbox): written once per <see cref="DeduplicationKey"/> (unique), then delivered to each
/// channel that wanted it through its <see cref="Deliveries"/>.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    public AlertKind Kind { get; set; }

    public AlertSeverity Severity { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>App-relative link (e.g. <c>/budgets/12</c>); channels make it absolute.</summary>
    public string? Link { get; set; }

    /// <summary>The amount the alert is about (exact; stored as text), in <see cref="Currency"/>.</summary>
    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string DeduplicationKey { get; set; }

    /// <summary>When the outbox stored it.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public List<AlertDelivery> Deliveries { get; set; } = [];

    public AlertMessage ToMessage() => new(Kind, Severity, Title, Body, Link, Amount, Currency, OccurredAt, DeduplicationKey);

    public static Alert From(AlertMessage message, DateTimeOffset createdAt) => new()
    {
        Kind = message.Kind,
        Severity = message.Severity,
        Title = message.Title.Trim(),
        Body = message.Body.Trim(),
        Link = string.IsNullOrWhiteSpace(message.Link) ? null : message.Link.Trim(),
        Amount = message.Amount,
        Currency = string.IsNullOrWhiteSpace(message.Currency) ? null : message.Currency.Trim().ToUpperInvariant(),
        OccurredAt = message.OccurredAt,
        DeduplicationKey = message.DeduplicationKey,
        CreatedAt = createdAt,
    };
}

/// <summary>
/// One alert to one channel: its status, attempts and the time of the next one. A worker claims a due delivery by
/// writing its <see cref="ClaimToken"/> and a lease (<see cref="ClaimedUntil"/>) in one UPDATE, so two workers never
/// send the same delivery; a worker that dies leaves a lease that expires and the delivery is picked up again.
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }

    public long AlertId { get; set; }

    public Alert? Alert { get; set; }

    public long ChannelId { get; set; }

    public NotificationChannel? Channel { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made since the delivery was created or last retried by hand.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When a pending delivery is due; null once delivered or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? ClaimToken { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public List<AlertDeliveryAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One attempt at a delivery, kept as its history.</summary>
public sealed class AlertDeliveryAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>Why it failed (status code and an excerpt of the answer, or the connection error).</summary>
    public string? Error { get; set; }
}
