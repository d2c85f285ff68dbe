using System.Globalization;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Web.Hosting;
using FinOps.Web.Jobs;
using FinOps.Domain.Administration;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace FinOps.Web.Features.Ingestion;

/// <summary>
/// The import ledger, live: status changes and progress of running imports re-render the page (throttled), uploads
/// stream to disk through the circuit with a progress bar, and "data as of" shows how current each account is.
/// </summary>
public partial class IngestionPage : IDisposable
{
    private List<ImportRecord> _imports = [];
    private IReadOnlyList<DataFreshness> _freshness = [];
    private ImportRecord? _selected;
    private bool _uploading;
    private string? _uploadName;
    private long _uploadedBytes;
    private long _uploadTotal;
    private string? _uploadMessage;
    private Severity _uploadSeverity = Severity.Info;
    private LiveRefresh? _live;
    private bool _canImport;
    private string _moneyFormat = "N2";

    [CascadingParameter] public required Task<AuthenticationState> Authentication { get; set; }

    [Inject] public required ImportLedger Ledger { get; init; }
    [Inject] public required ImportService Imports { get; init; }
    [Inject] public required ImportScheduler Scheduler { get; init; }
    [Inject] public required ImportProgressTracker Progress { get; init; }
    [Inject] public required FinOpsOptions Options { get; init; }
    [Inject] public required FinOpsPaths Paths { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<ImportChanged> ImportChanges { get; init; }
    [Inject] public required Notifier<ImportProgress> ProgressChanges { get; init; }

    private double UploadPercent => _uploadTotal == 0 ? 0 : 100.0 * _uploadedBytes / _uploadTotal;

    protected override async Task OnInitializedAsync()
    {
        _canImport = await CanImportAsync();
        await LoadAsync();
    }

    /// <summary>Importing changes data: Analysts and Admins only, checked again on every upload (not just by hiding the button).</summary>
    private async Task<bool> CanImportAsync()
    {
        var user = (await Authentication).User;
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadAsync, StateHasChanged, TimeSpan.FromMilliseconds(250));
            _live.Watch(ImportChanges);
            _live.Watch(ProgressChanges);
        }
    }

    private async Task LoadAsync()
    {
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        _imports = (await Ledger.ListAsync(200, CancellationToken.None)).ToList();
        _freshness = await Ledger.FreshnessAsync(CancellationToken.None);
        if (_selected is not null)
        {
            _selected = await Ledger.GetAsync(_selected.Id, CancellationToken.None);
        }
    }

    private async Task SelectAsync(ImportRecord import) =>
        _selected = _selected?.Id == import.Id ? null : await Ledger.GetAsync(import.Id, CancellationToken.None);

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (!await CanImportAsync())
        {
            (_uploadSeverity, _uploadMessage) = (Severity.Error, "Your role may not import billing files.");
            return;
        }

        var user = (await Authentication).User.Identity?.Name ?? "browser";

        _uploading = true;
        _uploadName = file.Name;
        _uploadTotal = file.Size;
        _uploadedBytes = 0;
        _uploadMessage = null;
        if (file.Size > Options.Ingestion.MaxUploadBytes)
        {
            (_uploading, _uploadSeverity) = (false, Severity.Error);
            _uploadMessage = $"{file.Name} is {FormatBytes(file.Size)}: larger than the limit of {FormatBytes(Options.Ingestion.MaxUploadBytes)}.";
            return;
        }

        try
        {
            await using var browserStream = file.OpenReadStream(Options.Ingestion.MaxUploadBytes);
            await using var counting = new UploadStream(browserStream, Options.Ingestion.MaxUploadBytes, read =>
            {
                _uploadedBytes = read;
                _ = InvokeAsync(StateHasChanged);
            });
            var record = await Imports.SubmitAsync(counting, file.Name, ImportSource.Upload, user, CancellationToken.None);
            Scheduler.Schedule(record.Id);
            (_uploadSeverity, _uploadMessage) = (Severity.Success, $"{file.Name} uploaded: import #{record.Id} is queued.");
        }
        catch (IOException ex)
        {
            (_uploadSeverity, _uploadMessage) = (Severity.Error, $"The upload of {file.Name} failed: {ex.Message}");
        }
        finally
        {
            _uploading = false;
        }

        await LoadAsync();
    }

    private static Color StatusColor(ImportStatus status) => status switch
    {
        ImportStatus.Succeeded => Color.Success,
        ImportStatus.Failed => Color.Error,
        ImportStatus.Running => Color.Info,
        ImportStatus.Duplicate => Color.Default,
        _ => Color.Warning,
    };

    private string FormatMoney(decimal amount, string currency) =>
        $"{amount.ToString(_moneyFormat, CultureInfo.InvariantCulture)} {currency}";

    internal static string FormatTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KB",
        _ => $"{bytes} bytes",
    };

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
