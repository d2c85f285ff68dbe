using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// Settings, one tab per concern. Everybody has "My API tokens"; administrators also get users, kiosk links,
/// application settings, notification channels and the audit log. Tabs a person may not use are not rendered, and every tab checks the role
/// again before each action. The open tab is in the URL (?tab=users) so it can be linked to.
/// </summary>
public partial class SettingsPage
{
    internal const string TokensTab = "tokens";
    internal const string UsersTabKey = "users";
    internal const string KioskTab = "kiosk";
    internal const string ApplicationTab = "application";
    internal const string NotificationsTabKey = "notifications";
    internal const string AuditTab = "audit";

    private static readonly SettingsTab[] AllTabs =
    [
        new(TokensTab, "My API tokens", Icons.Material.Filled.Key, AdminOnly: false),
        new(UsersTabKey, "Users", Icons.Material.Filled.People, AdminOnly: true),
        new(KioskTab, "Kiosk links", Icons.Material.Filled.Tv, AdminOnly: true),
        new(ApplicationTab, "Application", Icons.Material.Filled.Tune, AdminOnly: true),
        new(NotificationsTabKey, "Notifications", Icons.Material.Filled.NotificationsActive, AdminOnly: true),
        new(AuditTab, "Audit log", Icons.Material.Filled.History, AdminOnly: true),
    ];

    private IReadOnlyList<SettingsTab> _tabs = [];
    private int _activeIndex;

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? SettingsUser.Anonymous : SettingsUser.From((await AuthenticationState).User);
        _tabs = user.IsPerson ? AllTabs.Where(t => !t.AdminOnly || user.IsAdmin).ToList() : [];
        _activeIndex = Math.Max(0, _tabs.ToList().FindIndex(t => t.Key == Tab));
    }

    private void SelectTab(int index)
    {
        if (index == _activeIndex || index < 0 || index >= _tabs.Count)
        {
            return;
        }

        _activeIndex = index;
        var key = _tabs[index].Key;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", key == TokensTab ? null : key), replace: true);
    }

    private sealed record SettingsTab(string Key, string Title, string Icon, bool AdminOnly);
}
