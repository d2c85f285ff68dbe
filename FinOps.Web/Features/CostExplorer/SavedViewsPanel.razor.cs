using System.Security.Claims;
using FinOps.Domain.Costs.Explorer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>
/// Lists, saves and deletes the signed-in person's saved Cost Explorer views (<see cref="SavedViewService"/>), in a
/// popover under its button: opening moves the focus into the panel; a click outside it (on MudOverlay) or Escape closes
/// it and gives the focus back to the button, so it works from the keyboard alone.
/// </summary>
public partial class SavedViewsPanel
{
    private const string PanelId = "explorer-saved-views-panel";

    private bool _open;
    private bool _focusPanel;
    private MudButton? _button;
    private ElementReference _panel;
    private string? _userId;
    private IReadOnlyList<ExplorerSavedView> _views = [];
    private string? _name;
    private string? _error;

    [Inject] public required SavedViewService SavedViews { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The current view's query string (<see cref="ExplorerUrl.Format"/>), saved by Save.</summary>
    [Parameter, EditorRequired] public required string CurrentQuery { get; set; }

    private string CurrentUrl => ExplorerUrl.Path + "?" + CurrentQuery;

    private async Task ToggleAsync()
    {
        if (_open)
        {
            await CloseAsync();
            return;
        }

        _error = null;
        _userId = await CurrentUserIdAsync();
        _views = _userId is null ? [] : await SavedViews.ListAsync(_userId, CancellationToken.None);
        _open = true;
        _focusPanel = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPanel && _open)
        {
            _focusPanel = false;
            await FocusAsync(() => _panel.FocusAsync());
        }
    }

    /// <summary>Closes the panel and gives the focus back to its button.</summary>
    private async Task CloseAsync()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        _error = null;
        if (_button is not null)
        {
            await FocusAsync(_button.FocusAsync);
        }
    }

    private async Task OnOverlayVisibleChanged(bool visible)
    {
        if (!visible)
        {
            await CloseAsync();
        }
    }

    private async Task OnPanelKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            await CloseAsync();
        }
    }

    private Task OnButtonKeyDown(KeyboardEventArgs e) => e.Key == "Escape" ? CloseAsync() : Task.CompletedTask;

    private static async Task FocusAsync(Func<ValueTask> focus)
    {
        try
        {
            await focus();
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone: nothing to focus.
        }
        catch (JSException)
        {
            // The element left the page meanwhile (e.g. a saved view was opened): nothing to focus.
        }
    }

    private async Task OnNameKeyUp(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        _error = null;
        var userId = await CurrentUserIdAsync();
        if (userId is null)
        {
            _error = "Sign in as a person to save views.";
            return;
        }

        try
        {
            var saved = await SavedViews.SaveAsync(userId, _name, CurrentQuery, CancellationToken.None);
            _views = await SavedViews.ListAsync(userId, CancellationToken.None);
            _name = null;
            Snackbar.Add($"Saved the view \"{saved.Name}\".", Severity.Success);
        }
        catch (SavedViewException e)
        {
            _error = e.Message;
        }
    }

    private async Task DeleteAsync(ExplorerSavedView view)
    {
        var userId = await CurrentUserIdAsync();
        if (userId is null)
        {
            return;
        }

        if (await SavedViews.DeleteAsync(userId, view.Id, CancellationToken.None))
        {
            Snackbar.Add($"Deleted the view \"{view.Name}\".", Severity.Info);
        }

        _views = await SavedViews.ListAsync(userId, CancellationToken.None);
    }

    private async Task<string?> CurrentUserIdAsync()
    {
        if (AuthenticationState is null)
        {
            return null;
        }

        var user = (await AuthenticationState).User;
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }
}
