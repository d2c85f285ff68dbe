using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FinOps.Web.Features.Dashboard;

/// <summary>
/// The open anomalies, newest first, with a toast for each one detected while the page is open. Analysts and
/// administrators acknowledge them (the role is checked again on the server when the button is used). Below them, the
/// latest budget alerts; alerts delivered to the in-app channel while the page is open (budgets, test messages) toast.
/// </summary>
public partial class AlertsPanel : IDisposable
{
    /// <summary>How many open anomalies the panel lists.</summary>
    public const int Take = 50;

    /// <summary>How many budget alerts the panel lists.</summary>
    public const int BudgetAlertsTake = 10;

    private readonly ConcurrentQueue<Anomaly> _arrived = new();
    private readonly ConcurrentQueue<AlertRaised> _raised = new();
    private IReadOnlyList<Anomaly> _open = [];
    private IReadOnlyList<Alert> _budgetAlerts = [];
    private bool _loaded;
    private bool _canAcknowledge;
    private bool _busy;
    private string _moneyFormat = "N2";
    private LiveRefresh? _live;

    [Inject] public required AnomalyService Anomalies { get; init; }
    [Inject] public required Notifier<AnomaliesDetected> Detected { get; init; }
    [Inject] public required AlertHistory Alerts { get; init; }
    [Inject] public required Notifier<AlertRaised> Raised { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required AuthenticationStateProvider AuthenticationState { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _canAcknowledge = MayAcknowledge(await UserAsync());
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = new LiveRefresh(InvokeAsync, DispatchExceptionAsync, async () =>
            {
                while (_arrived.TryDequeue(out var anomaly))
                {
                    Snackbar.Add($"New {anomaly.Severity.ToString().ToLowerInvariant()} anomaly: {anomaly.Kind.ToString().ToLowerInvariant()} of {anomaly.SeriesLabel} on " +
                        $"{anomaly.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({Money(anomaly.Impact, anomaly.Currency, signed: true)})",
                        anomaly.Severity == AnomalySeverity.High ? Severity.Error : Severity.Warning);
                }

                while (_raised.TryDequeue(out var raised))
                {
                    var alert = raised.Alert;
                    var amount = alert.Amount is { } a ? $" ({Money(a, alert.Currency ?? "")})" : "";
                    Snackbar.Add($"{(raised.IsTest ? "Test: " : "")}{alert.Title}{amount}", alert.Severity switch
                    {
                        AlertSeverity.Critical => Severity.Error,
                        AlertSeverity.Warning => Severity.Warning,
                        _ => Severity.Info,
                    });
                }

                await LoadAsync();
                StateHasChanged();
            }, TimeSpan.FromMilliseconds(200));
            // Anomalies toast above (from their own event, with their details); here the other kinds.
            _live.Watch(Raised, e =>
            {
                if (e.Alert.Kind != AlertKind.Anomaly)
                {
                    _raised.Enqueue(e);
                }
            });
            _live.Watch(Detected, e =>
            {
                foreach (var anomaly in e.Anomalies)
                {
                    _arrived.Enqueue(anomaly);
                }
            });
        }
    }

    private async Task LoadAsync()
    {
        _open = await Anomalies.ListAsync(AnomalyStatus.Open, Take, CancellationToken.None);
        _budgetAlerts = await Alerts.ListAlertsAsync(AlertKind.Budget, BudgetAlertsTake, CancellationToken.None);
        _loaded = true;
    }

    private async Task AcknowledgeAsync(long id)
    {
        var user = await UserAsync();
        if (!MayAcknowledge(user))
        {
            Snackbar.Add("Only analysts and administrators acknowledge anomalies.", Severity.Error);
            return;
        }

        _busy = true;
        try
        {
            if (!await Anomalies.AcknowledgeAsync(id, user.Identity!.Name ?? "unknown", CancellationToken.None))
            {
                Snackbar.Add("That anomaly is no longer open.", Severity.Info);
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState.GetAuthenticationStateAsync()).User;

    private static bool MayAcknowledge(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst));

    private static Color SeverityColor(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.High => Color.Error,
        AnomalySeverity.Medium => Color.Warning,
        _ => Color.Info,
    };

    private static Color AlertColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    private string Money(decimal amount, string currency, bool signed = false) =>
        $"{(signed && amount > 0 ? "+" : "")}{amount.ToString(_moneyFormat, CultureInfo.InvariantCulture)} {currency}";

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
