using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FinOps.Web.Features.Budgets;

/// <summary>
/// One row of the budgets grid: the stored budget, its status, and the values edited in place. A row keeps its
/// identity across reloads (<see cref="Refresh"/>): the grid's cells hold on to their row, so a second edit in the
/// same cell must see the version the first one saved.
/// </summary>
public sealed class BudgetRow
{
    public BudgetRow(Budget budget, BudgetStatus status) => Refresh(budget, status);

    public Budget Budget { get; private set; } = null!;

    public BudgetStatus Status { get; private set; } = null!;

    public long Id => Budget.Id;

    public string Name => Budget.Name;

    public string Currency => Budget.Currency;

    public string Scope => BudgetView.Scope(Budget);

    public string Owner { get; set; } = "";

    public decimal Amount { get; set; }

    public string Thresholds { get; set; } = "";

    /// <summary>Shows the stored values again (after a save, a refused save or someone else's change).</summary>
    public void Refresh(Budget budget, BudgetStatus status)
    {
        Budget = budget;
        Status = status;
        Owner = budget.Owner;
        Amount = budget.Amount;
        Thresholds = BudgetValidation.FormatThresholds(budget.Thresholds);
    }
}

/// <summary>
/// Every budget, highest risk first, with its current period's actual, forecast and status. Analysts and
/// administrators edit owner, amount and thresholds in place (each change saved at once against the version shown:
/// a conflicting save is refused with a message and the grid reloads), and create, edit or delete budgets.
/// Updates live when costs or budgets change.
/// </summary>
public partial class BudgetsPage : IDisposable
{
    private List<BudgetRow>? _rows;
    private bool _mayEdit;
    private string _moneyFormat = "N2";
    private DateOnly _today;
    private string? _conflict;
    private string? _error;
    private LiveRefresh? _live;

    [Inject] public required BudgetService Budgets { get; init; }
    [Inject] public required BudgetTracker Tracker { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required Notifier<BudgetsChanged> BudgetChanges { get; init; }
    [Inject] public required AuthenticationStateProvider AuthenticationState { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _mayEdit = BudgetView.MayEdit((await AuthenticationState.GetAuthenticationStateAsync()).User);
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadAsync, StateHasChanged, TimeSpan.FromMilliseconds(200));
            _live.Watch(CostDataChanges);
            _live.Watch(BudgetChanges);
        }
    }

    private async Task LoadAsync()
    {
        var statuses = await Tracker.StatusesAsync(await Budgets.ListAsync(CancellationToken.None), CancellationToken.None);
        _today = statuses.Count > 0 ? statuses[0].Today : await Tracker.TodayAsync(CancellationToken.None);
        var existing = _rows?.ToDictionary(r => r.Id) ?? [];
        _rows = statuses.Select(s =>
        {
            if (existing.TryGetValue(s.Budget.Id, out var row))
            {
                row.Refresh(s.Budget, s);
                return row;
            }

            return new BudgetRow(s.Budget, s);
        }).ToList();
    }

    private string Money(decimal amount, string currency) => BudgetView.Money(amount, currency, _moneyFormat);

    /// <summary>Saves owner or amount edited in the grid (the grid shows the reloaded rows afterwards).</summary>
    private async Task<DataGridEditFormAction> CommitAsync(BudgetRow row)
    {
        await SaveRowAsync(row);
        return DataGridEditFormAction.Close;
    }

    private async Task CommitThresholdsAsync(BudgetRow row, string? text)
    {
        row.Thresholds = text ?? "";
        await SaveRowAsync(row);
    }

    private async Task SaveRowAsync(BudgetRow row)
    {
        _error = null;
        _conflict = null;
        var user = (await AuthenticationState.GetAuthenticationStateAsync()).User;
        if (!BudgetView.MayEdit(user))
        {
            _error = "Only analysts and administrators change budgets.";
            return;
        }

        if (!BudgetValidation.TryParseThresholds(row.Thresholds, out var thresholds, out var parseError))
        {
            _error = $"{row.Name}: {parseError} Nothing was saved.";
            await LoadAsync();
            return;
        }

        var definition = row.Budget.ToDefinition() with { Owner = row.Owner ?? "", Amount = row.Amount, Thresholds = thresholds };
        var result = await Budgets.UpdateAsync(row.Id, definition, row.Budget.Version, BudgetView.Actor(user), CancellationToken.None);
        switch (result.Outcome)
        {
            case BudgetSaveOutcome.Saved:
                Snackbar.Add($"Budget \"{row.Name}\" saved.", Severity.Success);
                break;
            case BudgetSaveOutcome.Invalid:
                _error = $"{row.Name}: {string.Join(" ", result.Errors.Values)} Nothing was saved.";
                break;
            case BudgetSaveOutcome.Conflict:
                _conflict = BudgetView.ConflictText(result);
                break;
            default:
                _error = $"Budget \"{row.Name}\" no longer exists (someone deleted it).";
                break;
        }

        await LoadAsync();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<BudgetDialog>("New budget", new DialogParameters<BudgetDialog>(),
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync(BudgetRow row)
    {
        var dialog = await Dialogs.ShowAsync<BudgetDialog>($"Edit {row.Name}", new DialogParameters<BudgetDialog> { { d => d.Existing, row.Budget } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await LoadAsync();
    }

    private async Task DeleteAsync(BudgetRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete budget",
            $"Delete budget \"{row.Name}\" ({Money(row.Budget.Amount, row.Currency)} per {row.Budget.PeriodType.ToString().ToLowerInvariant()[..^2]})? Its thresholds stop alerting. Its history is kept.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var user = (await AuthenticationState.GetAuthenticationStateAsync()).User;
        if (!BudgetView.MayEdit(user))
        {
            _error = "Only analysts and administrators delete budgets.";
            return;
        }

        var result = await Budgets.DeleteAsync(row.Id, row.Budget.Version, BudgetView.Actor(user), CancellationToken.None);
        if (result.Outcome == BudgetSaveOutcome.Conflict)
        {
            _conflict = BudgetView.ConflictText(result) + " It was not deleted.";
        }
        else
        {
            Snackbar.Add($"Budget \"{row.Name}\" deleted.", Severity.Success);
        }

        await LoadAsync();
    }

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
