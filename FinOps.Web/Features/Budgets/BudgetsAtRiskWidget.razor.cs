using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;

namespace FinOps.Web.Features.Budgets;

/// <summary>
/// The "budgets at risk" KPI (over or forecast to exceed their budget, of the active ones) and a compact list of the
/// riskiest budgets, for the dashboard. Live when costs or budgets change.
/// </summary>
public partial class BudgetsAtRiskWidget : IDisposable
{
    private IReadOnlyList<BudgetStatus>? _statuses;
    private LiveRefresh? _live;

    /// <summary>How many budgets the list shows.</summary>
    [Parameter] public int Take { get; set; } = 5;

    [Inject] public required BudgetService Budgets { get; init; }
    [Inject] public required BudgetTracker Tracker { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required Notifier<BudgetsChanged> BudgetChanges { get; init; }

    private IReadOnlyList<BudgetStatus> Active => _statuses?.Where(s => s.Health != BudgetHealth.Inactive).ToList() ?? [];

    private IReadOnlyList<BudgetStatus> AtRisk => _statuses?.Where(s => s.Health is BudgetHealth.AtRisk or BudgetHealth.Over).ToList() ?? [];

    private IReadOnlyList<BudgetStatus> Over => _statuses?.Where(s => s.Health == BudgetHealth.Over).ToList() ?? [];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadAsync, StateHasChanged, TimeSpan.FromMilliseconds(200));
            _live.Watch(CostDataChanges);
            _live.Watch(BudgetChanges);
        }
    }

    private async Task LoadAsync() =>
        _statuses = await Tracker.StatusesAsync(await Budgets.ListAsync(CancellationToken.None), CancellationToken.None);

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
