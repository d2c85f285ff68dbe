using System.Globalization;

namespace FinOps.Web.Features.Settings;

/// <summary>How the Settings tabs show times and dates (UTC, like the rest of the app).</summary>
internal static class SettingsFormat
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// An expiry picked as a date means "valid through that day (UTC)": the token or link stops working at the start of
    /// the next day.
    /// </summary>
    public static DateTimeOffset? EndOfDay(DateTime? date) =>
        date is { } d ? new DateTimeOffset(d.Date.AddDays(1), TimeSpan.Zero) : null;

    /// <summary>The start of a day in UTC (for "from" filters).</summary>
    public static DateTimeOffset? StartOfDay(DateTime? date) =>
        date is { } d ? new DateTimeOffset(d.Date, TimeSpan.Zero) : null;
}
