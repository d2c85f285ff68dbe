using System.Globalization;
using System.Security.Claims;
using FinOps.Domain.Administration;
using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;
using MudBlazor;

namespace FinOps.Web.Features.Budgets;

/// <summary>How budget figures are written and coloured on every budget view.</summary>
public static class BudgetView
{
    public static string HealthLabel(BudgetHealth health) => health switch
    {
        BudgetHealth.OnTrack => "On track",
        BudgetHealth.AtRisk => "At risk",
        BudgetHealth.Over => "Over",
        _ => "Inactive",
    };

    public static Color HealthColor(BudgetHealth health) => health switch
    {
        BudgetHealth.OnTrack => Color.Success,
        BudgetHealth.AtRisk => Color.Warning,
        BudgetHealth.Over => Color.Error,
        _ => Color.Default,
    };

    public static string Money(decimal amount, string currency, string format) =>
        $"{amount.ToString(format, CultureInfo.InvariantCulture)} {currency}";

    public static string Percent(decimal? ratio) => ratio is { } r ? r.ToString("0%", CultureInfo.InvariantCulture) : "n/a";

    public static string MetricLabel(CostMetric metric) => metric == CostMetric.BilledCost ? "billed" : "amortized";

    public static string Scope(Budget budget) => budget.Scope.Count == 0 ? "all costs" : string.Join(" · ", budget.Scope);

    /// <summary>Analysts and administrators change budgets.</summary>
    public static bool MayEdit(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst));

    /// <summary>The name recorded as the author of a change.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>What a person is told after a conflicting save.</summary>
    public static string ConflictText(BudgetSaveResult result) => $"{result.ConflictMessage} The budget has been reloaded with their values.";
}
