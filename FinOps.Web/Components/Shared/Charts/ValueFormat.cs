namespace FinOps.Web.Components.Shared.Charts;

public enum ValueStyle
{
    Number,
    Currency,

    /// <summary>Values are fractions: 0.25 is written 25%.</summary>
    Percent,
}

/// <summary>
/// How chart values are written, applied in the browser with <c>Intl.NumberFormat</c>:
/// in full in tooltips, and compact on the value axis ("$1.2K") when <see cref="CompactAxis"/> is set.
/// </summary>
public sealed record ValueFormat
{
    public static ValueFormat Number { get; } = new();

    public ValueStyle Style { get; init; } = ValueStyle.Number;

    /// <summary>ISO 4217 code, required when <see cref="Style"/> is <see cref="ValueStyle.Currency"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>Fraction digits in tooltips.</summary>
    public int Decimals { get; init; } = 2;

    public bool CompactAxis { get; init; } = true;

    /// <summary>BCP 47 locale; when null, the current UI culture of the circuit.</summary>
    public string? Locale { get; init; }

    public static ValueFormat Money(string currency, int decimals = 2) =>
        new() { Style = ValueStyle.Currency, Currency = currency, Decimals = decimals };

    public static ValueFormat Percentage(int decimals = 1) =>
        new() { Style = ValueStyle.Percent, Decimals = decimals };
}
