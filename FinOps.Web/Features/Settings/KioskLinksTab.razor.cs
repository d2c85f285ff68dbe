using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>Administrators create wall-screen links (the full URL is shown once), see when each screen was last seen, and revoke them.</summary>
public partial class KioskLinksTab
{
    private IReadOnlyList<KioskLink> _links = [];
    private bool _isAdmin;
    private CreatedKioskLink? _created;
    private string? _name;
    private DateTime? _expires;
    private string? _error;

    [Inject] public required KioskLinkService Kiosks { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required TimeProvider Time { get; init; }

    private DateTime Today => Time.GetUtcNow().UtcDateTime.Date;

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        await LoadAsync();
    }

    private async Task LoadAsync() => _links = _isAdmin ? await Kiosks.ListAsync(CancellationToken.None) : [];

    /// <summary>The address a wall screen opens: the app's base address, "kiosk/" and the token.</summary>
    private string KioskUrl(string token) => $"{Navigation.BaseUri}kiosk/{token}";

    private async Task CreateAsync()
    {
        _error = null;
        _created = null;
        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        try
        {
            _created = await Kiosks.CreateAsync(_name ?? "", SettingsFormat.EndOfDay(_expires), admin.Name, CancellationToken.None);
            (_name, _expires) = (null, null);
        }
        catch (ArgumentException ex)
        {
            _error = ex.Message.Split(" (Parameter", 2)[0];
        }

        await LoadAsync();
    }

    private async Task RevokeAsync(KioskLink link)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke kiosk link",
            $"Revoke the link of '{link.Name}'? The screen is signed out at its next check. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        if (await Kiosks.RevokeAsync(link.Id, admin.Name, CancellationToken.None))
        {
            Snackbar.Add($"Kiosk link '{link.Name}' revoked.", Severity.Success);
        }
        else
        {
            _error = $"The link of '{link.Name}' was already revoked.";
        }

        await LoadAsync();
    }
}
