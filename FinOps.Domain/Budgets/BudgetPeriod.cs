using System.Globalization;

namespace FinOps.Domain.Budgets;

/// <summary>One budget period: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, always whole months.</summary>
public sealed record BudgetPeriod(BudgetPeriodType Type, DateOnly Start, DateOnly End, string Label)
{
    public int Days => End.DayNumber - Start.DayNumber;

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>The first day of each month of the period.</summary>
    public IEnumerable<DateOnly> Months()
    {
        for (var m = Start; m < End; m = m.AddMonths(1))
        {
            yield return m;
        }
    }

    /// <summary>
    /// The period of <paramref name="type"/> that contains <paramref name="day"/>. Quarters and years start in
    /// <paramref name="fiscalYearStartMonth"/>; a fiscal year is named after the calendar year it ends in (FY2026 runs
    /// April 2025 to March 2026 when the fiscal year starts in April).
    /// </summary>
    public static BudgetPeriod Containing(DateOnly day, BudgetPeriodType type, int fiscalYearStartMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYearStartMonth, 12);
        var month = new DateOnly(day.Year, day.Month, 1);
        var monthsIntoYear = (day.Month - fiscalYearStartMonth + 12) % 12;
        var yearStart = month.AddMonths(-monthsIntoYear);
        var fiscalYear = yearStart.AddMonths(11).Year;
        switch (type)
        {
            case BudgetPeriodType.Monthly:
                return new BudgetPeriod(type, month, month.AddMonths(1), month.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
            case BudgetPeriodType.Quarterly:
                var quarter = monthsIntoYear / 3;
                var start = yearStart.AddMonths(3 * quarter);
                var end = start.AddMonths(3);
                var label = fiscalYearStartMonth == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"Q{quarter + 1} {fiscalYear}")
                    : string.Create(CultureInfo.InvariantCulture, $"Q{quarter + 1} FY{fiscalYear} ({start:MMM yyyy}–{end.AddMonths(-1):MMM yyyy})");
                return new BudgetPeriod(type, start, end, label);
            case BudgetPeriodType.Yearly:
                var yearLabel = fiscalYearStartMonth == 1
                    ? fiscalYear.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"FY{fiscalYear} ({yearStart:MMM yyyy}–{yearStart.AddMonths(11):MMM yyyy})");
                return new BudgetPeriod(type, yearStart, yearStart.AddMonths(12), yearLabel);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown period type");
        }
    }

    public static int MonthsIn(BudgetPeriodType type) => type switch
    {
        BudgetPeriodType.Monthly => 1,
        BudgetPeriodType.Quarterly => 3,
        _ => 12,
    };
}

/// <summary>What a budget allows in a period or a month: the plan's amount where there is one, else a share of the period amount.</summary>
public static class BudgetAmounts
{
    /// <summary>
    /// The budget of <paramref name="period"/>: each month with a plan entry counts its planned amount, each other month
    /// its share of <see cref="Budget.Amount"/> (amount x unplanned months / months per period, exact: no rounding when
    /// no month is planned).
    /// </summary>
    public static decimal ForPeriod(Budget budget, BudgetPeriod period)
    {
        var planned = 0m;
        var unplanned = 0;
        foreach (var month in period.Months())
        {
            if (budget.Plan.FirstOrDefault(p => p.Month == month) is { } entry)
            {
                planned += entry.Amount;
            }
            else
            {
                unplanned++;
            }
        }

        return planned + budget.Amount * unplanned / BudgetPeriod.MonthsIn(budget.PeriodType);
    }

    /// <summary>The budget of one calendar month (<paramref name="month"/> is its first day).</summary>
    public static decimal ForMonth(Budget budget, DateOnly month) =>
        budget.Plan.FirstOrDefault(p => p.Month == month)?.Amount ?? budget.Amount / BudgetPeriod.MonthsIn(budget.PeriodType);
}
