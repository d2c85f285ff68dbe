using FinOps.Domain.Api;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// The signed-in person's own API tokens: create (the secret is shown once), list, revoke. Viewers get read-only tokens
/// only, and the service call passes the person's own user id so nobody revokes someone else's token from here.
/// </summary>
public partial class ApiTokensTab
{
    private IReadOnlyList<ApiToken> _tokens = [];
    private SettingsUser _user = SettingsUser.Anonymous;
    private CreatedApiToken? _created;
    private string? _name;
    private bool _canWrite;
    private DateTime? _expires;
    private string? _error;

    [Inject] public required ApiTokenService Tokens { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required TimeProvider Time { get; init; }

    private DateTime Today => Time.GetUtcNow().UtcDateTime.Date;

    protected override async Task OnParametersSetAsync()
    {
        _user = await CurrentUserAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        _tokens = _user.IsPerson ? await Tokens.ListAsync(_user.UserId, CancellationToken.None) : [];

    private async Task CreateAsync()
    {
        _error = null;
        _created = null;
        var user = await CurrentUserAsync();
        if (!user.IsPerson)
        {
            _error = "Sign in to create API tokens.";
            return;
        }

        if (_canWrite && !user.MayCreateReadWriteTokens)
        {
            _error = "Your role (Viewer) allows read-only tokens only.";
            return;
        }

        try
        {
            _created = await Tokens.CreateAsync(user.UserId!, user.Name, _name ?? "", _canWrite, SettingsFormat.EndOfDay(_expires), user.Name,
                CancellationToken.None);
            (_name, _canWrite, _expires) = (null, false, null);
        }
        catch (ArgumentException ex)
        {
            _error = ex.Message.Split(" (Parameter", 2)[0];
        }

        _user = user;
        await LoadAsync();
    }

    private async Task RevokeAsync(ApiToken token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke API token",
            $"Revoke '{token.Name}' ({token.Prefix}…)? Scripts using it stop working at once. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var user = await CurrentUserAsync();
        if (!user.IsPerson)
        {
            _error = "Sign in to revoke API tokens.";
            return;
        }

        // Always the owner's id here: this tab never revokes another person's token, whatever the role.
        if (await Tokens.RevokeAsync(token.Id, user.UserId, user.Name, CancellationToken.None))
        {
            Snackbar.Add($"Token '{token.Name}' revoked.", Severity.Success);
        }
        else
        {
            _error = $"Token '{token.Name}' was not revoked: it is not yours or is already revoked.";
        }

        await LoadAsync();
    }

    private string CurlExample(string token)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var from = new DateOnly(today.Year, today.Month, 1);
        return $"curl -H \"Authorization: Bearer {token}\" \"{Navigation.BaseUri}api/v1/costs?from={from:yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}\"";
    }
}
