using System.Globalization;

namespace FinOps.Domain.Notifications;

/// <summary>How channels write an alert's parts: the amount, the time, the absolute link.</summary>
public static class AlertText
{
    /// <summary>The amount with thousands separators and two decimals, then the currency (e.g. <c>1,300.00 USD</c>).</summary>
    public static string? Amount(AlertMessage alert) =>
        alert.Amount is { } amount ? $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {alert.Currency}" : null;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The alert's app-relative link made absolute with the app's public address; null without a link.</summary>
    public static string? AbsoluteLink(AlertMessage alert, Uri baseUri) =>
        alert.Link is { Length: > 0 } link ? new Uri(baseUri, link.TrimStart('/')).ToString() : null;
}
