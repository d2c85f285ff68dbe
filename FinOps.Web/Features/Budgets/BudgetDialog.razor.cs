using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FinOps.Web.Features.Budgets;

/// <summary>The values of the budget dialog as typed (text, nullable numbers), turned into a <see cref="BudgetDefinition"/> on save.</summary>
public sealed class BudgetForm
{
    private readonly Dictionary<DateOnly, decimal> _plan = [];

    public string? Name { get; set; }

    public string? Owner { get; set; }

    public string? Scope { get; set; }

    public CostMetric Metric { get; set; } = CostMetric.EffectiveCost;

    public string? Currency { get; set; } = "USD";

    public BudgetPeriodType PeriodType { get; set; } = BudgetPeriodType.Monthly;

    public decimal? Amount { get; set; }

    public DateTime? StartDate { get; set; }

    public DateTime? EndDate { get; set; }

    public string? Thresholds { get; set; } = BudgetValidation.FormatThresholds(BudgetDefinition.DefaultThresholds);

    /// <summary>The calendar year whose months the plan editor shows.</summary>
    public int PlanYear { get; private set; }

    public int PlanCount => _plan.Count;

    public static BudgetForm For(Budget? budget, DateOnly today)
    {
        var form = new BudgetForm { PlanYear = today.Year, StartDate = new DateTime(today.Year, today.Month, 1) };
        if (budget is null)
        {
            return form;
        }

        form.Name = budget.Name;
        form.Owner = budget.Owner;
        form.Scope = string.Join('\n', budget.Scope);
        form.Metric = budget.Metric;
        form.Currency = budget.Currency;
        form.PeriodType = budget.PeriodType;
        form.Amount = budget.Amount;
        form.StartDate = budget.StartDate.ToDateTime(TimeOnly.MinValue);
        form.EndDate = budget.EndDate?.ToDateTime(TimeOnly.MinValue);
        form.Thresholds = BudgetValidation.FormatThresholds(budget.Thresholds);
        foreach (var month in budget.Plan)
        {
            form._plan[month.Month] = month.Amount;
        }

        return form;
    }

    public IReadOnlyList<string> ScopeLines => (Scope ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void ShowPlanYear(int year) => PlanYear = Math.Clamp(year, 2000, 2100);

    public decimal? PlanMonth(int monthIndex) => _plan.TryGetValue(new DateOnly(PlanYear, monthIndex + 1, 1), out var amount) ? amount : null;

    public void SetPlanMonth(int monthIndex, decimal? amount)
    {
        var month = new DateOnly(PlanYear, monthIndex + 1, 1);
        if (amount is { } value)
        {
            _plan[month] = value;
        }
        else
        {
            _plan.Remove(month);
        }
    }

    /// <summary>The definition, or the errors of the fields that cannot be read or break the rules (by field).</summary>
    public bool TryToDefinition(out BudgetDefinition definition, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>();
        if (!BudgetValidation.TryParseThresholds(Thresholds, out var thresholds, out var thresholdError))
        {
            problems["thresholds"] = thresholdError;
        }

        if (Amount is null)
        {
            problems["amount"] = "Enter the amount per period.";
        }

        definition = new BudgetDefinition(Name ?? "", Owner ?? "", ScopeLines, Metric, Currency ?? "", PeriodType, Amount ?? 0m,
            _plan.Select(p => new BudgetPlanMonth(p.Key, p.Value)).ToList(), thresholds,
            StartDate is { } start ? DateOnly.FromDateTime(start) : default, EndDate is { } end ? DateOnly.FromDateTime(end) : null);
        foreach (var (field, message) in BudgetValidation.Validate(definition))
        {
            problems.TryAdd(field, message);
        }

        errors = problems;
        return problems.Count == 0;
    }
}

/// <summary>
/// Creates or edits a budget. While the scope is typed it shows what the scope matches (cost per currency over the last
/// 30 days); every field is validated with a message next to it; a save based on an outdated version is refused with
/// a message and the dialog reloads the current values.
/// </summary>
public partial class BudgetDialog
{
    private BudgetForm _form = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string? _preview;
    private string? _conflict;
    private bool _saving;
    private string _moneyFormat = "N2";
    private Budget? _current;

    [CascadingParameter] public required IMudDialogInstance MudDialog { get; set; }

    /// <summary>The budget to edit; null creates a new one.</summary>
    [Parameter] public Budget? Existing { get; set; }

    [Inject] public required BudgetService Budgets { get; init; }
    [Inject] public required BudgetTracker Tracker { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required AuthenticationStateProvider AuthenticationState { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        _current = Existing;
        _form = BudgetForm.For(Existing, await Tracker.TodayAsync(CancellationToken.None));
        await PreviewAsync();
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task ScopeChangedAsync(string? scope)
    {
        _form.Scope = scope;
        await PreviewAsync();
    }

    private async Task MetricChangedAsync(CostMetric metric)
    {
        _form.Metric = metric;
        await PreviewAsync();
    }

    /// <summary>What the scope matches over the last 30 days, per currency; a scope error is shown on the field.</summary>
    private async Task PreviewAsync()
    {
        var errors = _errors.Where(e => e.Key != "scope").ToDictionary(e => e.Key, e => e.Value);
        try
        {
            var totals = await Tracker.PreviewAsync(_form.ScopeLines, _form.Metric, CancellationToken.None);
            var currency = (_form.Currency ?? "").Trim().ToUpperInvariant();
            _preview = totals.Count == 0
                ? $"This scope matches no costs in the last {BudgetTracker.PreviewDays} days."
                : $"Matches {string.Join(", ", totals.Select(t => BudgetView.Money(t.Cost, t.BillingCurrency, _moneyFormat)))} " +
                  $"({BudgetView.MetricLabel(_form.Metric)}) in the last {BudgetTracker.PreviewDays} days." +
                  (totals.Any(t => t.BillingCurrency != currency) && currency.Length == 3
                      ? $" Only costs billed in {currency} count toward this budget; other currencies are never converted."
                      : "");
        }
        catch (ArgumentException ex)
        {
            errors["scope"] = $"Scope: {ex.Message.Split(" (Parameter", 2)[0]}.";
            _preview = null;
        }

        _errors = errors;
    }

    private void Cancel() => MudDialog.Cancel();

    private async Task SaveAsync()
    {
        _conflict = null;
        if (!_form.TryToDefinition(out var definition, out var errors))
        {
            _errors = errors;
            return;
        }

        var user = (await AuthenticationState.GetAuthenticationStateAsync()).User;
        if (!BudgetView.MayEdit(user))
        {
            _conflict = "Only analysts and administrators change budgets.";
            return;
        }

        _saving = true;
        try
        {
            var result = _current is null
                ? await Budgets.CreateAsync(definition, BudgetView.Actor(user), CancellationToken.None)
                : await Budgets.UpdateAsync(_current.Id, definition, _current.Version, BudgetView.Actor(user), CancellationToken.None);
            switch (result.Outcome)
            {
                case BudgetSaveOutcome.Saved:
                    Snackbar.Add($"Budget \"{definition.Name.Trim()}\" saved.", Severity.Success);
                    MudDialog.Close(DialogResult.Ok(result.Budget?.Id));
                    return;
                case BudgetSaveOutcome.Invalid:
                    _errors = result.Errors;
                    return;
                case BudgetSaveOutcome.Conflict:
                    _conflict = BudgetView.ConflictText(result);
                    _current = result.Budget;
                    _form = BudgetForm.For(_current, await Tracker.TodayAsync(CancellationToken.None));
                    _errors = new Dictionary<string, string>();
                    await PreviewAsync();
                    return;
                default:
                    _conflict = "This budget no longer exists (someone deleted it). Cancel to go back.";
                    return;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
