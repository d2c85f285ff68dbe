using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// Base of the Settings tabs: the current user comes from the cascaded authentication state, read again before each
/// action (<see cref="CurrentUserAsync"/>), never cached from the first render.
/// </summary>
public abstract class SettingsTabBase : ComponentBase
{
    /// <summary>Shown when an action is refused because the user's role does not allow it.</summary>
    protected const string AdministratorsOnly = "Only administrators can do this.";

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<SettingsUser> CurrentUserAsync() =>
        AuthenticationState is null ? SettingsUser.Anonymous : SettingsUser.From((await AuthenticationState).User);

    /// <summary>The current user when they are an administrator; null otherwise (the caller refuses the action).</summary>
    protected async Task<SettingsUser?> AdministratorAsync()
    {
        var user = await CurrentUserAsync();
        return user.IsAdmin ? user : null;
    }
}
