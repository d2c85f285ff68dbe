namespace FinOps.Domain.Notifications;

/// <summary>Deliveries became due (alerts were enqueued, or one was retried by hand): the delivery job should run now.</summary>
public sealed record AlertDeliveryRequested;

/// <summary>
/// An alert delivered to the in-app channel: open dashboards show it (a toast, the alerts panel) and the alerts hub
/// forwards it. <paramref name="IsTest"/> marks the sample sent by a channel's test button.
/// </summary>
public sealed record AlertRaised(long AlertId, AlertMessage Alert, bool IsTest);

/// <summary>Delivery statuses changed (a delivery run finished, a retry was requested): delivery lists reload.</summary>
public sealed record AlertDeliveriesChanged;
