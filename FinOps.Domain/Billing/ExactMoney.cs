namespace FinOps.Domain.Billing;

/// <summary>
/// How money is stored so that SQLite sums it exactly and fast: a value v is split into two 64-bit integers,
/// <c>Nanos</c> = v truncated to 9 decimal places, in units of 1e-9, and <c>Attos</c> = the rest, in units of 1e-18
/// (|Attos| &lt; 1e9, same sign as v). SQLite's integer SUM is exact; each sum is recombined in <see cref="decimal"/>.
/// Exact to 18 decimal places; a total up to 9.2 billion (in the billing currency) per query cell and far more
/// rows than any file holds (the atto sum overflows only past 9 billion rows).
/// See docs/decisions/001-exact-money-in-sqlite.md.
/// </summary>
public readonly record struct ExactMoney(long Nanos, long Attos)
{
    private const decimal NanoScale = 1_000_000_000m;
    private const decimal AttoScale = 1_000_000_000_000_000_000m;

    /// <summary>The largest absolute value one line item may carry (the nano part must fit a 64-bit integer with room for sums).</summary>
    public const decimal MaxAbsoluteValue = 1_000_000_000m;

    /// <summary>Splits a decimal; digits beyond 18 decimal places are rounded half away from zero.</summary>
    public static ExactMoney FromDecimal(decimal value)
    {
        if (Math.Abs(value) > MaxAbsoluteValue)
        {
            throw new OverflowException($"The amount {value} is larger than the supported maximum of {MaxAbsoluteValue} per line item.");
        }

        var rounded = Math.Round(value, 18, MidpointRounding.AwayFromZero);
        var nanos = decimal.Truncate(rounded * NanoScale);
        var attos = (rounded * NanoScale - nanos) * NanoScale;
        return new ExactMoney((long)nanos, (long)attos);
    }

    /// <summary>
    /// Parses plain decimal text (<c>-12.3456</c>) straight into the integer parts without going through
    /// <see cref="decimal"/>; digits past the 18th decimal place round half away from zero. Text this fast path does not
    /// handle (exponents, more than 10 integer digits) falls back to <paramref name="fallback"/>. False when the text is
    /// not a number or its absolute value exceeds <see cref="MaxAbsoluteValue"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ExactMoney value, TryParseDecimal fallback)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        long integer = 0;
        var integerDigits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && integerDigits <= 10)
        {
            integer = integer * 10 + (text[i] - '0');
            integerDigits++;
            i++;
        }

        long nanos = 0, attos = 0;
        var fractionDigits = 0;
        var roundUp = false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                var digit = text[i] - '0';
                if (fractionDigits < 9)
                {
                    nanos = nanos * 10 + digit;
                }
                else if (fractionDigits < 18)
                {
                    attos = attos * 10 + digit;
                }
                else if (fractionDigits == 18)
                {
                    roundUp = digit >= 5;
                }

                fractionDigits++;
                i++;
            }
        }

        if (i != text.Length || integerDigits > 10 || (integerDigits == 0 && fractionDigits == 0))
        {
            // Exponents and other shapes: parse as decimal, then split.
            if (!fallback(text, out var parsed) || Math.Abs(parsed) > MaxAbsoluteValue)
            {
                return false;
            }

            value = FromDecimal(parsed);
            return true;
        }

        for (var d = Math.Min(fractionDigits, 9); d < 9; d++)
        {
            nanos *= 10;
        }

        for (var d = Math.Clamp(fractionDigits - 9, 0, 9); d < 9; d++)
        {
            attos *= 10;
        }

        if (roundUp && ++attos == 1_000_000_000)
        {
            attos = 0;
            nanos++;
        }

        var total = integer * 1_000_000_000 + nanos;
        if (total > 1_000_000_000L * 1_000_000_000 || (total == 1_000_000_000L * 1_000_000_000 && attos > 0))
        {
            return false;
        }

        value = negative ? new ExactMoney(-total, -attos) : new ExactMoney(total, attos);
        return true;
    }

    /// <summary>A decimal parser to fall back on (FocusValues.TryParseDecimal).</summary>
    public delegate bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value);

    /// <summary>Recombines a (possibly summed) pair into a decimal.</summary>
    public static decimal ToDecimal(long nanos, long attos) => nanos / NanoScale + attos / AttoScale;

    public decimal ToDecimal() => ToDecimal(Nanos, Attos);

    public static ExactMoney operator +(ExactMoney a, ExactMoney b) => new(a.Nanos + b.Nanos, a.Attos + b.Attos);

    public static ExactMoney Add(ExactMoney a, ExactMoney b) => a + b;
}
