using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;

namespace FinOps.Tests.Domain.Budgets;

/// <summary>Periods on the fiscal year, amounts with a monthly plan, validation and threshold parsing (no storage).</summary>
public sealed class BudgetRulesTests
{
    internal static BudgetDefinition Definition(decimal amount = 3000m, BudgetPeriodType period = BudgetPeriodType.Monthly, params string[] scope) =>
        new("Platform", "ana@example.com", scope, CostMetric.EffectiveCost, "USD", period, amount, [], BudgetDefinition.DefaultThresholds,
            new DateOnly(2024, 1, 1), null);

    private static Budget Stored(BudgetDefinition definition)
    {
        var budget = new Budget { Name = "", Owner = "", Currency = "", CreatedBy = "t", UpdatedBy = "t" };
        budget.Apply(definition);
        return budget;
    }

    [Theory]
    [InlineData("2025-11-17", BudgetPeriodType.Monthly, 1, "2025-11-01", "2025-12-01", "November 2025")]
    [InlineData("2025-11-17", BudgetPeriodType.Quarterly, 1, "2025-10-01", "2026-01-01", "Q4 2025")]
    [InlineData("2025-11-17", BudgetPeriodType.Yearly, 1, "2025-01-01", "2026-01-01", "2025")]
    [InlineData("2025-11-17", BudgetPeriodType.Quarterly, 4, "2025-10-01", "2026-01-01", "Q3 FY2026 (Oct 2025–Dec 2025)")]
    [InlineData("2025-03-31", BudgetPeriodType.Quarterly, 4, "2025-01-01", "2025-04-01", "Q4 FY2025 (Jan 2025–Mar 2025)")]
    [InlineData("2025-04-01", BudgetPeriodType.Yearly, 4, "2025-04-01", "2026-04-01", "FY2026 (Apr 2025–Mar 2026)")]
    [InlineData("2025-02-10", BudgetPeriodType.Quarterly, 11, "2025-02-01", "2025-05-01", "Q2 FY2025 (Feb 2025–Apr 2025)")]
    public void Period_FollowsTheFiscalYearStartMonth(string day, BudgetPeriodType type, int fiscalStart, string start, string end, string label)
    {
        var period = BudgetPeriod.Containing(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), type, fiscalStart);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(label, period.Label);
    }

    [Fact]
    public void Amount_PlanOverridesTheMonthsItNames_OthersGetTheirShareOfThePeriodAmount()
    {
        var budget = Stored(Definition(amount: 9000m, period: BudgetPeriodType.Quarterly) with
        {
            Plan = [new BudgetPlanMonth(new DateOnly(2025, 11, 1), 5000m)],
        });
        var q4 = BudgetPeriod.Containing(new DateOnly(2025, 11, 5), BudgetPeriodType.Quarterly, 1);
        var q1 = BudgetPeriod.Containing(new DateOnly(2026, 2, 5), BudgetPeriodType.Quarterly, 1);

        Assert.Equal(11000m, BudgetAmounts.ForPeriod(budget, q4)); // October 3000 + November 5000 (plan) + December 3000
        Assert.Equal(9000m, BudgetAmounts.ForPeriod(budget, q1));
        Assert.Equal(5000m, BudgetAmounts.ForMonth(budget, new DateOnly(2025, 11, 1)));
        Assert.Equal(3000m, BudgetAmounts.ForMonth(budget, new DateOnly(2025, 12, 1)));
    }

    [Fact]
    public void Amount_MonthlyPlan_GivesEachMonthItsOwnAmount_AndAnUnplannedQuarterIsExact()
    {
        var monthly = Stored(Definition(amount: 1000m) with
        {
            Plan = [new BudgetPlanMonth(new DateOnly(2025, 1, 1), 800m), new BudgetPlanMonth(new DateOnly(2025, 12, 1), 1500m)],
        });
        var quarterly = Stored(Definition(amount: 1000m, period: BudgetPeriodType.Quarterly));

        Assert.Equal(800m, BudgetAmounts.ForPeriod(monthly, BudgetPeriod.Containing(new DateOnly(2025, 1, 20), BudgetPeriodType.Monthly, 1)));
        Assert.Equal(1000m, BudgetAmounts.ForPeriod(monthly, BudgetPeriod.Containing(new DateOnly(2025, 6, 20), BudgetPeriodType.Monthly, 1)));
        Assert.Equal(1500m, BudgetAmounts.ForPeriod(monthly, BudgetPeriod.Containing(new DateOnly(2025, 12, 31), BudgetPeriodType.Monthly, 1)));
        Assert.Equal(1000m, BudgetAmounts.ForPeriod(quarterly, BudgetPeriod.Containing(new DateOnly(2025, 5, 1), BudgetPeriodType.Quarterly, 1)));
    }

    [Fact]
    public void Validate_ValidBudget_HasNoErrors()
    {
        Assert.Empty(BudgetValidation.Validate(Definition(scope: ["ProviderName:AWS", "Tag:team=platform", "Tag:team="])));
    }

    [Fact]
    public void Validate_EveryBadField_IsNamedWithWhatIsWrong()
    {
        var errors = BudgetValidation.Validate(new BudgetDefinition(" ", "", ["Provider:AWS"], CostMetric.ListCost, "dollars",
            BudgetPeriodType.Monthly, 0m, [new BudgetPlanMonth(new DateOnly(2025, 1, 15), 10m)],
            [new BudgetThreshold(ThresholdBasis.Actual, 80), new BudgetThreshold(ThresholdBasis.Actual, 80)],
            new DateOnly(2025, 6, 1), new DateOnly(2025, 5, 31)));

        Assert.Equal("A budget needs a name.", errors["name"]);
        Assert.Contains("owner", errors["owner"], StringComparison.Ordinal);
        Assert.Contains("'Provider' is not a FOCUS column", errors["scope"], StringComparison.Ordinal);
        Assert.Contains("EffectiveCost (amortized) or BilledCost, not ListCost", errors["metric"], StringComparison.Ordinal);
        Assert.Contains("'dollars'", errors["currency"], StringComparison.Ordinal);
        Assert.Contains("more than 0", errors["amount"], StringComparison.Ordinal);
        Assert.Contains("2025-01-15 must be the first day of a month", errors["plan"], StringComparison.Ordinal);
        Assert.Contains("actual 80% appears twice", errors["thresholds"], StringComparison.Ordinal);
        Assert.Contains("2025-05-31 is before the start date 2025-06-01", errors["endDate"], StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_ParseAsPeopleWriteThem_AndFormatBackTheSame()
    {
        Assert.True(BudgetValidation.TryParseThresholds("actual 50, 80%, 100; forecast 100", out var thresholds, out _));
        Assert.Equal(
            [new(ThresholdBasis.Actual, 50), new(ThresholdBasis.Actual, 80), new(ThresholdBasis.Actual, 100), new BudgetThreshold(ThresholdBasis.Forecast, 100)],
            thresholds);
        Assert.Equal("actual 50, 80, 100; forecast 100", BudgetValidation.FormatThresholds(thresholds));

        Assert.False(BudgetValidation.TryParseThresholds("actual fifty", out _, out var error));
        Assert.Contains("'actual fifty' is not a threshold", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ListsOnlyTheChangedFields()
    {
        var before = Definition();
        var after = before with { Amount = 3500m, Owner = "bo@example.com" };

        Assert.Equal("owner ana@example.com → bo@example.com; amount 3000 → 3500", BudgetService.Describe(before, after));
        Assert.Equal("", BudgetService.Describe(before, before with { }));
    }

    [Fact]
    public void ExplorerLink_CarriesTheScopeAsFilters()
    {
        var budget = Stored(Definition(scope: ["ProviderName:AWS", "Tag:team=platform"]));

        Assert.Equal("/explorer?from=2025-11-01&to=2025-12-01&metric=EffectiveCost&granularity=Day&filter=ProviderName%3AAWS&filter=Tag%3Ateam%3Dplatform",
            BudgetScope.ExplorerLink(budget, new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 1)));
    }
}
