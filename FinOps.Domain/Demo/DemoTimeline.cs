using System.Globalization;

namespace FinOps.Domain.Demo;

/// <summary>An injected anomaly on one (billing account, sub-account, service) group, in window days.</summary>
internal sealed record AnomalyPlan(string GroupKey, DemoAnomalyKind Kind, int StartDay, int Days, double UsageMultiplier)
{
    public bool Covers(int day) => day >= StartDay && day < StartDay + Days;
}

/// <summary>
/// The history window for one "now": the <c>Months</c> calendar months up to and including the month of now (UTC).
/// Everything generated depends on now only through the month of now and through which days are complete
/// (the days before today), so every call in the same month agrees on the rows of earlier days.
/// </summary>
internal sealed class DemoTimeline
{
    private readonly string[] timestamps;
    private readonly Dictionary<string, List<AnomalyPlan>> anomaliesByGroup = new(StringComparer.Ordinal);

    public DemoTimeline(DateTimeOffset now, int months)
    {
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        CurrentMonth = new DateOnly(Today.Year, Today.Month, 1);
        WindowStart = CurrentMonth.AddMonths(-(months - 1));
        Months = months;
        CompleteDays = Day(Today);
        // Today so far, in whole quarter-hours: the live feed re-delivers the month with a growing partial day.
        var quarterHours = (int)(now.UtcDateTime.TimeOfDay.TotalMinutes / 15);
        PartialDayFraction = quarterHours / 96m;
        PartialDayEnd = Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(quarterHours * 15)
            .ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var windowDays = Day(CurrentMonth.AddMonths(1));
        timestamps = new string[windowDays + 1];
        for (var day = 0; day <= windowDays; day++)
        {
            timestamps[day] = Date(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        }
    }

    public DateOnly Today { get; }
    public DateOnly CurrentMonth { get; }
    public DateOnly WindowStart { get; }
    public int Months { get; }

    /// <summary>Days of the window that are complete (before today): day indexes 0 .. CompleteDays - 1.</summary>
    public int CompleteDays { get; }

    /// <summary>The share of today that has passed, in whole quarter-hours (0 just after midnight).</summary>
    public decimal PartialDayFraction { get; }

    /// <summary>The end of today's partial charge period ("yyyy-MM-ddTHH:mm:ssZ").</summary>
    public string PartialDayEnd { get; }

    /// <summary>The window day of today when part of it has passed (usage rows cover it so far), else -1.</summary>
    public int PartialDay => PartialDayFraction > 0m ? CompleteDays : -1;

    public IReadOnlyList<AnomalyPlan> Anomalies { get; private set; } = [];

    public int Day(DateOnly date) => date.DayNumber - WindowStart.DayNumber;

    public DateOnly Date(int day) => WindowStart.AddDays(day);

    public DateOnly MonthStart(int monthIndex) => WindowStart.AddMonths(monthIndex);

    /// <summary>The "yyyy-MM-ddT00:00:00Z" text of a window day (day = window length gives the end of the window).</summary>
    public string Timestamp(int day) => timestamps[day];

    public bool IsMonthComplete(int monthIndex) => MonthStart(monthIndex).AddMonths(1) <= Today;

    public void SetAnomalies(IReadOnlyList<AnomalyPlan> anomalies)
    {
        Anomalies = anomalies;
        anomaliesByGroup.Clear();
        foreach (var anomaly in anomalies)
        {
            if (!anomaliesByGroup.TryGetValue(anomaly.GroupKey, out var list))
            {
                anomaliesByGroup[anomaly.GroupKey] = list = [];
            }

            list.Add(anomaly);
        }
    }

    /// <summary>The multiplier applied to a resource's usage meters on a day (1 outside anomalies).</summary>
    public double UsageMultiplier(DemoResource resource, int day)
    {
        if (anomaliesByGroup.Count == 0 || !anomaliesByGroup.TryGetValue(resource.GroupKey, out var list))
        {
            return 1.0;
        }

        foreach (var anomaly in list)
        {
            if (anomaly.Covers(day))
            {
                return anomaly.UsageMultiplier;
            }
        }

        return 1.0;
    }
}
