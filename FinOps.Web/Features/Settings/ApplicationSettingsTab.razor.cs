using System.Globalization;
using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// Administrators edit <see cref="ApplicationSettings"/>. The service validates and saves (audited with old and new
/// values); its errors are shown on the fields they belong to and nothing is saved while any remain.
/// </summary>
public partial class ApplicationSettingsTab
{
    private bool _isAdmin;
    private bool _loaded;
    private string _currencyFormat = "";
    private int _fiscalYearStartMonth = 1;
    private string _timeZone = "";
    private int _retentionMonths;
    private int _defaultStalenessHours;
    private List<OverrideRow> _overrides = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();

    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    private string CurrencyPreview
    {
        get
        {
            try
            {
                return $"A .NET number format: 1234567.891 shows as {1234567.891m.ToString(_currencyFormat, CultureInfo.InvariantCulture)}";
            }
            catch (FormatException)
            {
                return "A .NET number format such as N2 or N0";
            }
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        if (_isAdmin && !_loaded)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var settings = await Settings.GetAsync(CancellationToken.None);
        _currencyFormat = settings.CurrencyFormat;
        _fiscalYearStartMonth = settings.FiscalYearStartMonth;
        _timeZone = settings.TimeZone;
        _retentionMonths = settings.LineItemRetentionMonths;
        _defaultStalenessHours = settings.DefaultStalenessHours;
        _overrides = settings.StalenessHoursByProvider.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => new OverrideRow { Provider = p.Key, Hours = p.Value }).ToList();
        _errors = new Dictionary<string, string>();
        _loaded = true;
    }

    private void AddOverride() => _overrides.Add(new OverrideRow { Hours = _defaultStalenessHours });

    private async Task SaveAsync()
    {
        if (await AdministratorAsync() is not { } admin)
        {
            Snackbar.Add(AdministratorsOnly, Severity.Error);
            return;
        }

        if (!CheckOverrides())
        {
            _errors = new Dictionary<string, string> { ["StalenessHoursByProvider"] = "Provider overrides need a unique name." };
            return;
        }

        var settings = new ApplicationSettings
        {
            CurrencyFormat = _currencyFormat.Trim(),
            FiscalYearStartMonth = _fiscalYearStartMonth,
            TimeZone = _timeZone.Trim(),
            LineItemRetentionMonths = _retentionMonths,
            DefaultStalenessHours = _defaultStalenessHours,
            StalenessHoursByProvider = _overrides.ToDictionary(o => o.Provider!.Trim(), o => o.Hours, StringComparer.OrdinalIgnoreCase),
        };
        _errors = await Settings.SaveAsync(settings, admin.Name, CancellationToken.None);
        if (_errors.Count == 0)
        {
            Snackbar.Add("Settings saved.", Severity.Success);
        }
    }

    /// <summary>Each override names a provider, once (the service stores them as a dictionary).</summary>
    private bool CheckOverrides()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in _overrides)
        {
            row.Error = string.IsNullOrWhiteSpace(row.Provider) ? "Name the provider."
                : !seen.Add(row.Provider.Trim()) ? "This provider is listed twice."
                : null;
        }

        return _overrides.All(o => o.Error is null);
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    private sealed class OverrideRow
    {
        public string? Provider { get; set; }

        public int Hours { get; set; }

        public string? Error { get; set; }
    }
}
