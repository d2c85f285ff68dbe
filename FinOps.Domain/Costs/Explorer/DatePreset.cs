namespace FinOps.Domain.Costs.Explorer;

/// <summary>
/// A named date range that follows "today" (the application's time zone): a link with <c>preset=last-30-days</c>
/// shows the last 30 days whenever it is opened. Ranges end today inclusive (the end is exclusive, so tomorrow),
/// except "last month", which is the whole previous calendar month.
/// </summary>
public sealed class DatePreset
{
    private readonly Func<DateOnly, (DateOnly From, DateOnly To)> _resolve;

    private DatePreset(string key, string label, Func<DateOnly, (DateOnly From, DateOnly To)> resolve)
    {
        Key = key;
        Label = label;
        _resolve = resolve;
    }

    /// <summary>As written in the URL (<c>preset=...</c>).</summary>
    public string Key { get; }

    public string Label { get; }

    public static DatePreset ThisMonth { get; } = new("this-month", "This month", today => (MonthStart(today), today.AddDays(1)));

    public static DatePreset LastMonth { get; } = new("last-month", "Last month", today => (MonthStart(today).AddMonths(-1), MonthStart(today)));

    public static DatePreset Last30Days { get; } = new("last-30-days", "Last 30 days", today => (today.AddDays(-29), today.AddDays(1)));

    public static DatePreset Last90Days { get; } = new("last-90-days", "Last 90 days", today => (today.AddDays(-89), today.AddDays(1)));

    public static DatePreset ThisQuarter { get; } = new("this-quarter", "This quarter",
        today => (new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today.AddDays(1)));

    public static DatePreset YearToDate { get; } = new("year-to-date", "Year to date", today => (new DateOnly(today.Year, 1, 1), today.AddDays(1)));

    /// <summary>The current month and the 11 before it (12 calendar months, so a monthly chart has 12 bars).</summary>
    public static DatePreset Last12Months { get; } = new("last-12-months", "Last 12 months", today => (MonthStart(today).AddMonths(-11), today.AddDays(1)));

    public static IReadOnlyList<DatePreset> All { get; } = [ThisMonth, LastMonth, Last30Days, Last90Days, ThisQuarter, YearToDate, Last12Months];

    /// <summary>The range as of <paramref name="today"/>: From inclusive, To exclusive.</summary>
    public (DateOnly From, DateOnly To) Resolve(DateOnly today) => _resolve(today);

    public static bool TryFind(string? key, out DatePreset preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return preset is not null;
    }

    public override string ToString() => Key;

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);
}
