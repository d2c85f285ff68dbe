using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Web.Components.Layout;

/// <summary>
/// The application shell. Light/dark follows the system until the user picks one with the toggle;
/// the pick is remembered in the browser's localStorage (wwwroot/js/theme.js).
/// </summary>
public partial class MainLayout : IAsyncDisposable
{
    internal const string ThemeModulePath = "./js/theme.js";

    private MudThemeProvider? _themeProvider;
    private IJSObjectReference? _themeModule;
    private bool _isDarkMode;
    private bool _followSystem = true;
    private bool _drawerOpen = true;
    private bool _circuitReady;

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>Cascaded to pages so components such as charts can follow the app's light/dark mode.</summary>
    private ThemeState CurrentTheme => _isDarkMode ? ThemeState.Dark : ThemeState.Light;

    private string ThemeToggleLabel => _isDarkMode ? "Switch to light mode" : "Switch to dark mode";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Set once the interactive circuit is up: browser tests wait for it before clicking.
        _circuitReady = true;

        _themeModule = await JS.InvokeAsync<IJSObjectReference>("import", ThemeModulePath);
        var stored = await _themeModule.InvokeAsync<string?>("getStoredScheme");
        if (ThemeState.TryParse(stored, out var storedTheme))
        {
            _followSystem = false;
            _isDarkMode = storedTheme.IsDarkMode;
        }
        else if (_themeProvider is not null)
        {
            _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
        }

        StateHasChanged();
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _followSystem = false;
        if (_themeModule is not null)
        {
            await _themeModule.InvokeVoidAsync("storeScheme", CurrentTheme.Scheme);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_themeModule is not null)
        {
            try
            {
                await _themeModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser already dropped the module.
            }
        }

        GC.SuppressFinalize(this);
    }
}
