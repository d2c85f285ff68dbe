using FinOps.Domain.Administration;
using FinOps.Domain.Api;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// Administrators manage people (add, change role, disable, reset password) and see and revoke everybody's API tokens.
/// The domain service keeps its rules (the last administrator stays); its refusals are shown as they are.
/// </summary>
public partial class UsersTab
{
    /// <summary>The password policy configured for Identity in FinOps.Web/Security/SecuritySetup.cs.</summary>
    internal const string PasswordPolicy = FinOps.Domain.Administration.PasswordPolicy.Description;

    private IReadOnlyList<UserSummary> _users = [];
    private IReadOnlyList<ApiToken> _tokens = [];
    private bool _isAdmin;
    private int _loads; // part of the role selects' keys: a refused change must not leave the select showing the refused role
    private string? _error;
    private string? _newEmail;
    private string? _newDisplayName;
    private string _newRole = Roles.Viewer;
    private string? _newPassword;
    private UserSummary? _resetting;
    private string? _resetPassword;

    [Inject] public required UserAdministration Users { get; init; }
    [Inject] public required ApiTokenService Tokens { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required TimeProvider Time { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (!_isAdmin)
        {
            (_users, _tokens) = ([], []);
            return;
        }

        _users = await Users.ListAsync(CancellationToken.None);
        _loads++;
        _tokens = await Tokens.ListAsync(null, CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        var email = _newEmail ?? "";
        var result = await Users.CreateAsync(email, _newDisplayName, _newRole, _newPassword ?? "", admin.Name, CancellationToken.None);
        _newPassword = null;
        if (Report(result, $"{email.Trim()} added as {_newRole}."))
        {
            (_newEmail, _newDisplayName, _newRole) = (null, null, Roles.Viewer);
        }

        await LoadAsync();
    }

    private async Task ChangeRoleAsync(UserSummary user, string role)
    {
        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        Report(await Users.ChangeRoleAsync(user.Id, role, admin.Name, CancellationToken.None), $"{user.Email} is now {role}.");
        await LoadAsync(); // a refused change shows the stored role again
    }

    private async Task SetDisabledAsync(UserSummary user, bool disabled)
    {
        if (disabled)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Disable user",
                $"Disable {user.Email}? They are signed out everywhere and their API tokens stop working until enabled again.",
                yesText: "Disable", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        Report(await Users.SetDisabledAsync(user.Id, disabled, admin.Name, CancellationToken.None),
            $"{user.Email} {(disabled ? "disabled" : "enabled")}.");
        await LoadAsync();
    }

    private void StartReset(UserSummary user) => (_resetting, _resetPassword) = (user, null);

    private async Task ResetPasswordAsync()
    {
        if (_resetting is not { } user)
        {
            return;
        }

        if (await AdministratorAsync() is not { } admin)
        {
            _error = AdministratorsOnly;
            return;
        }

        var result = await Users.ResetPasswordAsync(user.Id, _resetPassword ?? "", admin.Name, CancellationToken.None);
        _resetPassword = null;
        if (Report(result, $"Password of {user.Email} set; any lockout is cleared."))
        {
            _resetting = null;
        }

        await LoadAsync();
    }

    private async Task RevokeTokenAsync(ApiToken token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke API token",
            $"Revoke '{token.Name}' of {token.Owner} ({token.Prefix}…)? Scripts using it stop working at once. This cannot be undone.",
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

        // Administrators may revoke anybody's token: no owner restriction (null).
        if (await Tokens.RevokeAsync(token.Id, null, admin.Name, CancellationToken.None))
        {
            Snackbar.Add($"Token '{token.Name}' of {token.Owner} revoked.", Severity.Success);
        }
        else
        {
            _error = $"Token '{token.Name}' was already revoked.";
        }

        await LoadAsync();
    }

    /// <summary>Shows a success in the snackbar, or the service's refusal in the alert above the table; true when it succeeded.</summary>
    private bool Report(AdminResult result, string success)
    {
        if (result.Succeeded)
        {
            _error = null;
            Snackbar.Add(success, Severity.Success);
            return true;
        }

        _error = result.Error ?? "The change was refused.";
        return false;
    }
}
