using FinOps.Domain.Anomalies;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace FinOps.Web.Realtime;

/// <summary>
/// <c>/hubs/alerts</c>: pushes newly recorded anomalies to connected clients (scripts, chat bridges, other
/// dashboards) as <see cref="AlertsHub.AnomaliesDetectedMethod"/>, and every alert delivered to the in-app channel
/// (budgets, anomalies, tests) as <see cref="AlertsHub.AlertRaisedMethod"/>. For people only: a person's cookie or an API token;
/// a kiosk link is refused. Clients only listen; the hub has no methods to call.
/// </summary>
[Authorize(Policy = Policies.PersonOrToken)]
public sealed class AlertsHub : Hub
{
    public const string Path = "/hubs/alerts";

    /// <summary>The client method that receives a list of <see cref="AnomalyAlert"/>.</summary>
    public const string AnomaliesDetectedMethod = "anomaliesDetected";

    /// <summary>The client method that receives one <see cref="AlertNotice"/> (any kind of alert).</summary>
    public const string AlertRaisedMethod = "alertRaised";
}

/// <summary>What the alerts hub sends for one alert of any kind (a stable contract; the link is app-relative).</summary>
public sealed record AlertNotice(
    long Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string Title,
    string Body,
    string? Link,
    decimal? Amount,
    string? Currency,
    DateTimeOffset OccurredAt,
    bool IsTest)
{
    public static AlertNotice From(AlertRaised e) => new(e.AlertId, e.Alert.Kind, e.Alert.Severity, e.Alert.Title, e.Alert.Body, e.Alert.Link,
        e.Alert.Amount, e.Alert.Currency, e.Alert.OccurredAt, e.IsTest);
}

/// <summary>What the alerts hub sends for one anomaly (a stable contract, not the entity).</summary>
public sealed record AnomalyAlert(
    long Id,
    string Series,
    SeriesLevel Level,
    string? ProviderName,
    string? SubAccountId,
    string? ServiceName,
    string? Team,
    DateOnly Date,
    AnomalyKind Kind,
    AnomalySeverity Severity,
    decimal Expected,
    decimal Actual,
    decimal Impact,
    string Currency,
    double? ZScore)
{
    public static AnomalyAlert From(Anomaly a) => new(a.Id, a.SeriesLabel, a.Level, a.ProviderName, a.SubAccountId, a.ServiceName, a.Team,
        a.Date, a.Kind, a.Severity, a.Expected, a.Actual, a.Impact, a.Currency, a.ZScore);
}

/// <summary>
/// The singleton that forwards <see cref="AnomaliesDetected"/> and <see cref="AlertRaised"/> to every client of the
/// <see cref="AlertsHub"/>. A failed send is logged and never reaches the publisher (the detection or delivery run).
/// </summary>
public sealed class AlertsBroadcaster(Notifier<AnomaliesDetected> detected, Notifier<AlertRaised> raised, IHubContext<AlertsHub> hub,
    ILogger<AlertsBroadcaster> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;
    private IDisposable? _alertSubscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = detected.Subscribe(SendAsync);
        _alertSubscription = raised.Subscribe(SendAlertAsync);
        return Task.CompletedTask;
    }

    private async Task SendAlertAsync(AlertRaised e)
    {
        try
        {
            await hub.Clients.All.SendAsync(AlertsHub.AlertRaisedMethod, AlertNotice.From(e));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push alert {AlertId} to the alerts hub", e.AlertId);
        }
    }

    private async Task SendAsync(AnomaliesDetected e)
    {
        try
        {
            await hub.Clients.All.SendAsync(AlertsHub.AnomaliesDetectedMethod, e.Anomalies.Select(AnomalyAlert.From).ToList());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push {Count} anomalies to the alerts hub", e.Anomalies.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        _alertSubscription?.Dispose();
        _alertSubscription = null;
    }
}
