using System.Globalization;
using FinOps.Domain.Costs;

namespace FinOps.Domain.Budgets;

/// <summary>Parses a budget's scope: the cost filters of <c>GET /api/v1/costs</c>, validated by <see cref="CostQuery.TryParse"/>.</summary>
public static class BudgetScope
{
    /// <summary>
    /// The filters of <paramref name="scope"/> (blank lines ignored). On failure <paramref name="error"/> names the
    /// offending filter and says what is wrong.
    /// </summary>
    public static bool TryParse(IEnumerable<string> scope, out IReadOnlyList<CostFilter> filters, out string error)
    {
        filters = [];
        var lines = scope.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        foreach (var line in lines)
        {
            if (!CostQuery.TryParse("2000-01-01", "2000-01-02", null, null, null, [line], out _, out _, out var why))
            {
                error = why;
                return false;
            }
        }

        CostQuery.TryParse("2000-01-01", "2000-01-02", null, null, null, lines, out var query, out _, out _);
        filters = query.Filters;
        error = "";
        return true;
    }

    /// <summary>A Cost Explorer link showing the scope's costs between two days (to exclusive) in the budget's metric.</summary>
    public static string ExplorerLink(Budget budget, DateOnly from, DateOnly to)
        => new Costs.Explorer.ExplorerLink(from, to, budget.Metric) { Filters = [.. budget.Scope] };
}

/// <summary>The rules a budget must follow; every message says what is wrong and where.</summary>
public static class BudgetValidation
{
    public const int MaxNameLength = 200;
    public const int MaxThresholds = 12;
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const decimal MaxThresholdPercent = 1000m;

    /// <summary>The metrics a budget can track: amortized (effective) or billed cost.</summary>
    public static readonly IReadOnlyList<CostMetric> Metrics = [CostMetric.EffectiveCost, CostMetric.BilledCost];

    /// <summary>Field name (camelCase, as in the API) → message; empty when the definition is valid.</summary>
    public static IReadOnlyDictionary<string, string> Validate(BudgetDefinition budget)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(budget.Name))
        {
            errors["name"] = "A budget needs a name.";
        }
        else if (budget.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = $"The name is {budget.Name.Trim().Length} characters long; at most {MaxNameLength}.";
        }

        if (string.IsNullOrWhiteSpace(budget.Owner))
        {
            errors["owner"] = "A budget needs an owner (a person or team who answers for it).";
        }
        else if (budget.Owner.Trim().Length > MaxNameLength)
        {
            errors["owner"] = $"The owner is {budget.Owner.Trim().Length} characters long; at most {MaxNameLength}.";
        }

        if (!BudgetScope.TryParse(budget.Scope, out _, out var scopeError))
        {
            errors["scope"] = $"Scope: {scopeError}.";
        }

        if (!Metrics.Contains(budget.Metric))
        {
            errors["metric"] = $"A budget tracks EffectiveCost (amortized) or BilledCost, not {budget.Metric}.";
        }

        var currency = budget.Currency?.Trim() ?? "";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            errors["currency"] = $"The currency is an ISO 4217 code of three letters (e.g. USD, EUR), not '{budget.Currency}'.";
        }

        if (!Enum.IsDefined(budget.PeriodType))
        {
            errors["periodType"] = "The period is Monthly, Quarterly or Yearly.";
        }

        if (budget.Amount <= 0)
        {
            errors["amount"] = "The amount per period must be more than 0.";
        }
        else if (budget.Amount > MaxAmount)
        {
            errors["amount"] = $"The amount per period is at most {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}.";
        }

        if (budget.Plan.FirstOrDefault(p => p.Month.Day != 1) is { } notFirst)
        {
            errors["plan"] = $"Plan month {notFirst.Month:yyyy-MM-dd} must be the first day of a month.";
        }
        else if (budget.Plan.GroupBy(p => p.Month).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors["plan"] = $"The plan has {twice.Key:yyyy-MM} twice.";
        }
        else if (budget.Plan.FirstOrDefault(p => p.Amount < 0 || p.Amount > MaxAmount) is { } bad)
        {
            errors["plan"] = $"The plan amount of {bad.Month:yyyy-MM} must be from 0 to {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}.";
        }

        if (budget.Thresholds.Count > MaxThresholds)
        {
            errors["thresholds"] = $"At most {MaxThresholds} thresholds.";
        }
        else if (budget.Thresholds.FirstOrDefault(t => t.Percent <= 0 || t.Percent > MaxThresholdPercent || decimal.Round(t.Percent, 2) != t.Percent) is { } badPercent)
        {
            errors["thresholds"] = $"Threshold {badPercent}: a percent from 0.01 to {MaxThresholdPercent:0} with at most 2 decimals.";
        }
        else if (budget.Thresholds.FirstOrDefault(t => !Enum.IsDefined(t.Basis)) is not null)
        {
            errors["thresholds"] = "A threshold is on the actual or on the forecast.";
        }
        else if (budget.Thresholds.GroupBy(t => t.Key).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            errors["thresholds"] = $"Threshold {repeated.First()} appears twice.";
        }

        if (budget.StartDate == default)
        {
            errors["startDate"] = "A budget needs a start date.";
        }

        if (budget.EndDate is { } end && end < budget.StartDate)
        {
            errors["endDate"] = $"The end date {end:yyyy-MM-dd} is before the start date {budget.StartDate:yyyy-MM-dd}.";
        }

        return errors;
    }

    /// <summary>
    /// Parses thresholds written as people type them: <c>actual 50, 80, 100; forecast 100</c> or <c>50%, 80%, forecast 100%</c>
    /// (a number without a basis is on the actual; a basis applies to the numbers after it until the next basis).
    /// </summary>
    public static bool TryParseThresholds(string? text, out IReadOnlyList<BudgetThreshold> thresholds, out string error)
    {
        var result = new List<BudgetThreshold>();
        thresholds = result;
        error = "";
        var basis = ThresholdBasis.Actual;
        foreach (var raw in (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = raw;
            foreach (var name in Enum.GetValues<ThresholdBasis>())
            {
                var word = name.ToString();
                if (token.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                {
                    basis = name;
                    token = token[word.Length..].Trim();
                    break;
                }
            }

            token = token.TrimEnd('%').Trim();
            if (token.Length == 0)
            {
                continue;
            }

            if (!decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent))
            {
                error = $"'{raw}' is not a threshold: write e.g. \"actual 50, 80, 100; forecast 100\".";
                return false;
            }

            result.Add(new BudgetThreshold(basis, percent));
        }

        return true;
    }

    /// <summary>The thresholds as <see cref="TryParseThresholds"/> reads them: <c>actual 50, 80, 100; forecast 100</c>.</summary>
    public static string FormatThresholds(IEnumerable<BudgetThreshold> thresholds) =>
        string.Join("; ", thresholds.GroupBy(t => t.Basis).OrderBy(g => g.Key).Select(g =>
            $"{g.Key.ToString().ToLowerInvariant()} {string.Join(", ", g.OrderBy(t => t.Percent).Select(t => t.Percent.ToString("0.##", CultureInfo.InvariantCulture)))}"));
}
