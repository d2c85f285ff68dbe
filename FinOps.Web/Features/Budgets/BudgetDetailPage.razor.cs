using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FinOps.Web.Features.Budgets;

/// <summary>
/// One budget: budget, actual and forecast (80 % interval) of the current period, its status and thresholds, the
/// cumulative chart, past periods, the next three months, and the history of changes. Live when costs or the budget change.
/// </summary>
public partial class BudgetDetailPage : IDisposable
{
    private Budget? _budget;
    private BudgetStatus? _status;
    private IReadOnlyList<BudgetChange> _history = [];
    private IReadOnlyList<BudgetThresholdFiring> _firings = [];
    private ApexChartOptions? _chart;
    private bool _missing;
    private bool _mayEdit;
    private string? _conflict;
    private string _moneyFormat = "N2";
    private LiveRefresh? _live;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter] public long Id { get; set; }

    [Inject] public required BudgetService Budgets { get; init; }
    [Inject] public required BudgetTracker Tracker { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required Notifier<BudgetsChanged> BudgetChanges { get; init; }
    [Inject] public required AuthenticationStateProvider AuthenticationState { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
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
        _budget = await Budgets.GetAsync(Id, CancellationToken.None);
        _history = await Budgets.HistoryAsync(Id, CancellationToken.None);
        _missing = _budget is null;
        if (_budget is null)
        {
            _status = null;
            _chart = null;
            return;
        }

        _status = await Tracker.StatusAsync(_budget, CancellationToken.None);
        _firings = await Budgets.FiringsAsync(Id, _status.Period.Start, CancellationToken.None);
        _chart = BudgetChart.Build(_status);
        _breadcrumbs = [new BreadcrumbItem("Budgets", "/budgets"), new BreadcrumbItem(_budget.Name, null, disabled: true)];
    }

    private string Money(decimal amount) => BudgetView.Money(amount, _budget?.Currency ?? "", _moneyFormat);

    private string Number(decimal amount) => amount.ToString(_moneyFormat, CultureInfo.InvariantCulture);

    private async Task EditAsync()
    {
        if (_budget is null)
        {
            return;
        }

        _conflict = null;
        var dialog = await Dialogs.ShowAsync<BudgetDialog>($"Edit {_budget.Name}", new DialogParameters<BudgetDialog> { { d => d.Existing, _budget } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (_budget is not { } budget)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete budget",
            $"Delete budget \"{budget.Name}\"? Its thresholds stop alerting. Its history is kept.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var user = (await AuthenticationState.GetAuthenticationStateAsync()).User;
        if (!BudgetView.MayEdit(user))
        {
            _conflict = "Only analysts and administrators delete budgets.";
            return;
        }

        var result = await Budgets.DeleteAsync(budget.Id, budget.Version, BudgetView.Actor(user), CancellationToken.None);
        if (result.Outcome == BudgetSaveOutcome.Conflict)
        {
            _conflict = BudgetView.ConflictText(result) + " It was not deleted.";
            await LoadAsync();
            return;
        }

        Snackbar.Add($"Budget \"{budget.Name}\" deleted.", Severity.Success);
        Navigation.NavigateTo("/budgets");
    }

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
