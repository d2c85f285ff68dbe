using System.Security.Claims;
using FinOps.Domain.Costs.Explorer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>Lists, saves and deletes the signed-in person's saved Cost Explorer views (<see cref="SavedViewService"/>).</summary>
public partial class SavedViewsPanel
{
    private bool _open;
    private string? _userId;
    private IReadOnlyList<ExplorerSavedView> _views = [];
    private string? _name;
    private string? _error;

    [Inject] public required SavedViewService SavedViews { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The current view's query string (<see cref="ExplorerUrl.Format"/>), saved by Save.</summary>
    [Parameter, EditorRequired] public required string CurrentQuery { get; set; }

    private async Task ToggleAsync()
    {
        _open = !_open;
        _error = null;
        if (_open)
        {
            _userId = await CurrentUserIdAsync();
            _views = _userId is null ? [] : await SavedViews.ListAsync(_userId, CancellationToken.None);
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
