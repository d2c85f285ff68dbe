using System.Globalization;
using System.Text.Json.Serialization;
using FinOps.Domain.Costs;

namespace FinOps.Domain.Budgets;

/// <summary>How long one budget period is. Quarters and years follow the fiscal year start month (Settings).</summary>
public enum BudgetPeriodType
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>What a threshold compares with the budget: the spend so far, or the forecast at period end.</summary>
public enum ThresholdBasis
{
    Actual,
    Forecast,
}

/// <summary>Where a budget stands in its current period.</summary>
public enum BudgetHealth
{
    /// <summary>Neither the actual nor the forecast at period end exceeds the budget.</summary>
    OnTrack,

    /// <summary>The forecast at period end exceeds the budget.</summary>
    AtRisk,

    /// <summary>The actual already exceeds the budget.</summary>
    Over,

    /// <summary>The budget has not started yet or has ended.</summary>
    Inactive,
}

/// <summary>A percent of the budget that raises an alert when the actual (or the forecast) reaches it.</summary>
public sealed record BudgetThreshold(ThresholdBasis Basis, decimal Percent)
{
    /// <summary>Stable identity within a budget, e.g. <c>actual-80</c> (part of the alert's deduplication key).</summary>
    [JsonIgnore]
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Basis.ToString().ToLowerInvariant()}-{Percent:0.##}");

    /// <summary>E.g. <c>actual 80%</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Basis.ToString().ToLowerInvariant()} {Percent:0.##}%");
}

/// <summary>A planned amount for one calendar month (<see cref="Month"/> is its first day).</summary>
public sealed record BudgetPlanMonth(DateOnly Month, decimal Amount);

/// <summary>
/// What a person sets on a budget. The scope is a list of cost filters in the query-string syntax of
/// <c>GET /api/v1/costs</c> (<c>ProviderName:AWS</c>, <c>Tag:team=platform</c>, <c>Tag:team=</c> for untagged):
/// values of one column are alternatives, different columns must all match. <see cref="Amount"/> is per period;
/// <see cref="Plan"/> overrides it month by month.
/// </summary>
public sealed record BudgetDefinition(
    string Name,
    string Owner,
    IReadOnlyList<string> Scope,
    CostMetric Metric,
    string Currency,
    BudgetPeriodType PeriodType,
    decimal Amount,
    IReadOnlyList<BudgetPlanMonth> Plan,
    IReadOnlyList<BudgetThreshold> Thresholds,
    DateOnly StartDate,
    DateOnly? EndDate)
{
    /// <summary>Actual 50 %, 80 %, 100 % and forecast 100 %: what a new budget starts with.</summary>
    public static readonly IReadOnlyList<BudgetThreshold> DefaultThresholds =
    [
        new(ThresholdBasis.Actual, 50), new(ThresholdBasis.Actual, 80), new(ThresholdBasis.Actual, 100), new(ThresholdBasis.Forecast, 100),
    ];
}

/// <summary>A budget as stored. <see cref="Version"/> is the optimistic concurrency token: every save increments it.</summary>
public sealed class Budget
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Owner { get; set; }

    public List<string> Scope { get; set; } = [];

    public CostMetric Metric { get; set; } = CostMetric.EffectiveCost;

    public required string Currency { get; set; }

    public BudgetPeriodType PeriodType { get; set; }

    /// <summary>The amount of each period (stored as exact decimal text).</summary>
    public decimal Amount { get; set; }

    public List<BudgetPlanMonth> Plan { get; set; } = [];

    public List<BudgetThreshold> Thresholds { get; set; } = [];

    public DateOnly StartDate { get; set; }

    /// <summary>The last day of the budget (inclusive); null runs on.</summary>
    public DateOnly? EndDate { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public BudgetDefinition ToDefinition() =>
        new(Name, Owner, [.. Scope], Metric, Currency, PeriodType, Amount, [.. Plan], [.. Thresholds], StartDate, EndDate);

    public void Apply(BudgetDefinition definition)
    {
        Name = definition.Name.Trim();
        Owner = definition.Owner.Trim();
        Scope = definition.Scope.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        Metric = definition.Metric;
        Currency = definition.Currency.Trim().ToUpperInvariant();
        PeriodType = definition.PeriodType;
        Amount = definition.Amount;
        Plan = definition.Plan.OrderBy(p => p.Month).ToList();
        Thresholds = definition.Thresholds.OrderBy(t => t.Basis).ThenBy(t => t.Percent).ToList();
        StartDate = definition.StartDate;
        EndDate = definition.EndDate;
    }

    /// <summary>True when some day of [<paramref name="from"/>, <paramref name="to"/>) is within the budget's dates.</summary>
    public bool IsActiveWithin(DateOnly from, DateOnly to) => StartDate < to && (EndDate is not { } end || end >= from);
}

/// <summary>One change of a budget, kept for its history page: who, when, and the values before and after (JSON).</summary>
public sealed class BudgetChange
{
    public long Id { get; set; }

    public long BudgetId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary>created, updated or deleted.</summary>
    public required string Action { get; set; }

    /// <summary>What changed, for people, e.g. <c>amount 1000 → 1200; owner ana → bo</c>.</summary>
    public required string Summary { get; set; }

    public string? OldValues { get; set; }

    public string? NewValues { get; set; }
}

/// <summary>
/// A threshold that fired in one period: recorded after its alert went to the outbox, so that it fires once per
/// budget, period and threshold, across runs and restarts. A new period has no rows: its thresholds can fire again.
/// </summary>
public sealed class BudgetThresholdFiring
{
    public long Id { get; set; }

    public long BudgetId { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary><see cref="BudgetThreshold.Key"/>.</summary>
    public required string ThresholdKey { get; set; }

    public DateTimeOffset FiredAt { get; set; }

    /// <summary>The actual or forecast that reached the threshold.</summary>
    public decimal Value { get; set; }

    public decimal BudgetAmount { get; set; }
}
