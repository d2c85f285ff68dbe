using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// Administrators configure the notification channels (in-app, email, webhooks for Slack, Teams or any JSON consumer),
/// send a test message to each, and follow every delivery with its attempts and last error (retry by hand). Webhook
/// URLs carry credentials: they are stored encrypted, once saved they are shown masked, and editing keeps them unless a new
/// one is entered; a stored URL that can no longer be decrypted is marked on its channel and must be entered again.
/// </summary>
public partial class NotificationsTab : IDisposable
{
    /// <summary>How many deliveries the history lists.</summary>
    public const int HistoryTake = 100;

    private const string AllStatuses = "All";

    private bool _isAdmin;
    private bool _busy;
    private IReadOnlyList<ChannelSummary> _channels = [];
    private IReadOnlyList<DeliveryView> _deliveries = [];
    private readonly Dictionary<long, ChannelTestResult> _testResults = [];
    private DraftModel? _draft;
    private string _editingName = "";
    private NotificationChannel? _editing;
    private string _editingDisplayTarget = "";
    private string? _editingTargetError;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string _statusFilter = AllStatuses;
    private long? _expanded;
    private IReadOnlyList<AlertDeliveryAttempt> _attempts = [];
    private LiveRefresh? _live;

    [Inject] public required NotificationChannelService Channels { get; init; }
    [Inject] public required AlertDispatcher Dispatcher { get; init; }
    [Inject] public required AlertHistory History { get; init; }
    [Inject] public required NotificationOptions Options { get; init; }
    [Inject] public required Notifier<AlertDeliveriesChanged> DeliveriesChanged { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    private string TargetLabel => _draft?.Type == ChannelType.Email ? "Recipients" : "Webhook URL";

    private string TargetHelp => _draft?.Type switch
    {
        ChannelType.Email => "Email addresses separated by commas",
        ChannelType.Slack => KeepHint("Slack: Apps → Incoming Webhooks → the https://hooks.slack.com/services/... URL"),
        ChannelType.Teams => KeepHint("Teams: a Workflows 'Post to a channel when a webhook request is received' URL, or an incoming webhook"),
        _ => KeepHint("Receives a POST with the alert as JSON"),
    };

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _isAdmin)
        {
            _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadDeliveriesAsync, StateHasChanged, TimeSpan.FromMilliseconds(500));
            _live.Watch(DeliveriesChanged);
        }
    }

    private async Task LoadAsync()
    {
        _channels = _isAdmin ? await Channels.ListAsync(CancellationToken.None) : [];
        await LoadDeliveriesAsync();
    }

    private async Task LoadDeliveriesAsync()
    {
        _deliveries = _isAdmin
            ? await History.ListDeliveriesAsync(Enum.TryParse<DeliveryStatus>(_statusFilter, out var status) ? status : null, HistoryTake, CancellationToken.None)
            : [];
        if (_expanded is { } id)
        {
            _attempts = await History.AttemptsAsync(id, CancellationToken.None);
        }
    }

    /// <summary>Shows (or hides) every attempt of one delivery: when, and what went wrong.</summary>
    private async Task ToggleAttemptsAsync(long deliveryId)
    {
        _expanded = _expanded == deliveryId ? null : deliveryId;
        _attempts = _expanded is { } id ? await History.AttemptsAsync(id, CancellationToken.None) : [];
    }

    private async Task FilterAsync(string? status)
    {
        _statusFilter = status ?? AllStatuses;
        await LoadDeliveriesAsync();
    }

    private void NewChannel()
    {
        _editing = null;
        _editingName = "";
        _draft = DraftModel.From(new ChannelDraft());
        _errors = new Dictionary<string, string>();
    }

    private void Edit(NotificationChannel channel, string displayTarget, string? targetError)
    {
        _editing = channel;
        _editingName = channel.Name;
        _editingDisplayTarget = displayTarget;
        _editingTargetError = targetError;
        _draft = DraftModel.From(ChannelDraft.From(channel));
        _errors = new Dictionary<string, string>();
    }

    private void CancelEdit()
    {
        _draft = null;
        _editing = null;
        _errors = new Dictionary<string, string>();
    }

    private async Task SaveAsync()
    {
        if (_draft is null)
        {
            return;
        }

        if (await AdministratorAsync() is not { } admin)
        {
            Snackbar.Add(AdministratorsOnly, Severity.Error);
            return;
        }

        var result = await Channels.SaveAsync(_draft.ToDraft(), admin.Name, CancellationToken.None);
        _errors = result.Errors;
        if (!result.Succeeded)
        {
            return;
        }

        Snackbar.Add($"Channel '{result.Channel!.Name}' saved.", Severity.Success);
        _testResults.Remove(result.Channel.Id);
        CancelEdit();
        await LoadAsync();
    }

    private async Task DeleteAsync(NotificationChannel channel)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete channel",
            $"Delete '{channel.Name}' and its delivery history? Alerts not yet delivered to it will not be.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        if (await AdministratorAsync() is not { } admin)
        {
            Snackbar.Add(AdministratorsOnly, Severity.Error);
            return;
        }

        if (await Channels.DeleteAsync(channel.Id, admin.Name, CancellationToken.None))
        {
            Snackbar.Add($"Channel '{channel.Name}' deleted.", Severity.Success);
        }

        if (_editing?.Id == channel.Id)
        {
            CancelEdit();
        }

        await LoadAsync();
    }

    private async Task SendTestAsync(NotificationChannel channel)
    {
        if (await AdministratorAsync() is not { } admin)
        {
            Snackbar.Add(AdministratorsOnly, Severity.Error);
            return;
        }

        _busy = true;
        try
        {
            _testResults[channel.Id] = await Dispatcher.SendTestAsync(channel.Id, admin.Name, CancellationToken.None);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAsync(DeliveryView delivery)
    {
        if (await AdministratorAsync() is not { } admin)
        {
            Snackbar.Add(AdministratorsOnly, Severity.Error);
            return;
        }

        Snackbar.Add(await Dispatcher.RetryNowAsync(delivery.Id, admin.Name, CancellationToken.None)
            ? $"Delivery of '{delivery.AlertTitle}' to '{delivery.ChannelName}' will be tried again now."
            : "That delivery is being sent or was delivered meanwhile.", Severity.Info);
        await LoadDeliveriesAsync();
    }

    /// <summary>On a saved webhook channel with the field empty: the saved URL is kept (shown masked), or it cannot be read and must be entered again.</summary>
    private string KeepHint(string help) =>
        _editing is not { IsWebhook: true } saved || _draft?.Type != saved.Type || !string.IsNullOrEmpty(_draft.Target)
            ? help
            : _editingTargetError is { } unreadable
                ? $"{unreadable} {help}"
                : $"Leave empty to keep the saved URL ({_editingDisplayTarget}). {help}";

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    internal static string TypeName(ChannelType type) => type switch
    {
        ChannelType.InApp => "In-app",
        ChannelType.Email => "Email",
        ChannelType.Webhook => "Webhook (JSON)",
        ChannelType.Slack => "Slack",
        ChannelType.Teams => "Microsoft Teams",
        _ => type.ToString(),
    };

    private static string Receives(NotificationChannel channel)
    {
        var kinds = new[] { channel.ReceivesBudgets ? "budgets" : null, channel.ReceivesAnomalies ? "anomalies" : null }.OfType<string>();
        return $"{string.Join(", ", kinds)}; {channel.MinimumSeverity} and above";
    }

    private static string When(DeliveryView d) => d.Status switch
    {
        DeliveryStatus.Delivered => $"delivered {SettingsFormat.Time(d.DeliveredAt)}",
        DeliveryStatus.Pending when d.Attempts > 0 => $"next try {SettingsFormat.Time(d.NextAttemptAt)}",
        DeliveryStatus.Pending => $"queued {SettingsFormat.Time(d.CreatedAt)}",
        _ => $"gave up {SettingsFormat.Time(d.LastAttemptAt)}",
    };

    private static Color StatusColor(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => Color.Success,
        DeliveryStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static Color SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The editor's mutable copy of a <see cref="ChannelDraft"/> (MudBlazor binds to settable properties).</summary>
    private sealed class DraftModel
    {
        public long Id { get; init; }

        public string Name { get; set; } = "";

        public ChannelType Type { get; set; }

        public bool Enabled { get; set; }

        public string? Target { get; set; }

        public bool ReceivesAnomalies { get; set; }

        public bool ReceivesBudgets { get; set; }

        public AlertSeverity MinimumSeverity { get; set; }

        public static DraftModel From(ChannelDraft d) => new()
        {
            Id = d.Id,
            Name = d.Name,
            Type = d.Type,
            Enabled = d.Enabled,
            Target = d.Target,
            ReceivesAnomalies = d.ReceivesAnomalies,
            ReceivesBudgets = d.ReceivesBudgets,
            MinimumSeverity = d.MinimumSeverity,
        };

        public ChannelDraft ToDraft() => new()
        {
            Id = Id,
            Name = Name,
            Type = Type,
            Enabled = Enabled,
            Target = Target,
            ReceivesAnomalies = ReceivesAnomalies,
            ReceivesBudgets = ReceivesBudgets,
            MinimumSeverity = MinimumSeverity,
        };
    }
}
