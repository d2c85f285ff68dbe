using System.Globalization;

namespace FinOps.Domain.Billing.Reading;

/// <summary>
/// Parses the text values of FOCUS files: null markers, decimals and timestamps. Invariant culture, allocation-free.
/// </summary>
public static class FocusValues
{
    /// <summary>The text form of UTC timestamps produced by the Parquet reader (fraction digits only when non-zero).</summary>
    public const string UtcTimestampFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ";

    private const int MaxFastDecimalDigits = 19;
    private const int MaxDecimalScale = 28;
    private const int TimestampFractionDigits = 7;

    private enum IsoOutcome
    {
        NotIso,
        Valid,
        Invalid,
    }

    /// <summary>True for an empty or whitespace value and for the literal <c>null</c> in any letter case (<c>NULL</c>, <c>Null</c>).</summary>
    public static bool IsNull(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        return s.IsEmpty || s.Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses an invariant decimal: optional sign, digits with an optional <c>.</c> fraction (any number of decimals), an
    /// optional exponent (<c>1.5E-7</c>), surrounding whitespace allowed. Thousands separators, currency symbols and
    /// anything else are rejected. False also when the value does not fit a <see cref="decimal"/>.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        s = s.Trim();
        if (TryParsePlainDecimal(s, out value))
            return true;
        return decimal.TryParse(
            s,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value);
    }

    /// <summary>
    /// Parses a timestamp to UTC (<see cref="DateTimeKind.Utc"/>): <c>2024-09-01T00:00:00Z</c>, with a fraction of up to 7
    /// digits (more are truncated), with <c>T</c> or a space, without seconds, without zone (UTC assumed), with an offset
    /// (<c>+02:00</c>, converted to UTC), or a bare date <c>2024-09-01</c> (midnight UTC). Other forms that contain a
    /// four-digit year go through <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>
    /// (invariant culture, UTC assumed). An ISO-shaped value with an impossible date or time (<c>2024-13-01</c>) is rejected.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out DateTime utc)
    {
        s = s.Trim();
        switch (TryParseIsoTimestamp(s, out utc))
        {
            case IsoOutcome.Valid:
                return true;
            case IsoOutcome.Invalid:
                utc = default;
                return false;
        }
        utc = default;
        if (!HasFourDigitRun(s))
            return false; // a bare time or a number: DateTimeOffset would invent the date
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return false;
        utc = parsed.UtcDateTime;
        return true;
    }

    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty)
            return false;
        var i = 0;
        var negative = false;
        if (s[0] == '-')
        {
            negative = true;
            i = 1;
        }
        else if (s[0] == '+')
        {
            i = 1;
        }
        ulong mantissa = 0;
        var significantDigits = 0;
        var scale = 0;
        var seenPoint = false;
        var anyDigit = false;
        for (; i < s.Length; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit <= 9)
            {
                anyDigit = true;
                if (seenPoint)
                    scale++;
                if (mantissa == 0 && digit == 0)
                    continue; // leading zero
                if (++significantDigits > MaxFastDecimalDigits)
                    return false;
                mantissa = (mantissa * 10) + digit;
            }
            else if (s[i] == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }
        if (!anyDigit || scale > MaxDecimalScale)
            return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    private static IsoOutcome TryParseIsoTimestamp(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day))
        {
            return IsoOutcome.NotIso;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return IsoOutcome.Invalid;
        var ticks = new DateTime(year, month, day).Ticks;
        if (s.Length == 10)
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return IsoOutcome.Valid;
        }
        if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s.Length < 16 || s[13] != ':'
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute))
        {
            return IsoOutcome.NotIso;
        }
        var second = 0;
        var pos = 16;
        if (pos < s.Length && s[pos] == ':')
        {
            if (!TryDigits(s, pos + 1, 2, out second))
                return IsoOutcome.NotIso;
            pos += 3;
        }
        if (hour > 23 || minute > 59 || second > 59)
            return IsoOutcome.Invalid;
        ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
            var start = pos;
            long fraction = 0;
            while (pos < s.Length && (uint)(s[pos] - '0') <= 9)
            {
                if (pos - start < TimestampFractionDigits)
                    fraction = (fraction * 10) + (s[pos] - '0');
                pos++;
            }
            var digits = pos - start;
            if (digits == 0)
                return IsoOutcome.Invalid;
            for (var d = digits; d < TimestampFractionDigits; d++)
                fraction *= 10;
            ticks += fraction;
        }
        if (pos == s.Length)
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return IsoOutcome.Valid;
        }
        if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.Length)
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return IsoOutcome.Valid;
        }
        if (s[pos] != '+' && s[pos] != '-')
            return IsoOutcome.NotIso;
        var sign = s[pos] == '-' ? -1 : 1;
        var zone = s[(pos + 1)..];
        int offsetHours, offsetMinutes = 0;
        if (zone.Length == 5 && zone[2] == ':')
        {
            if (!TryDigits(zone, 0, 2, out offsetHours) || !TryDigits(zone, 3, 2, out offsetMinutes))
                return IsoOutcome.Invalid;
        }
        else if (zone.Length == 4)
        {
            if (!TryDigits(zone, 0, 2, out offsetHours) || !TryDigits(zone, 2, 2, out offsetMinutes))
                return IsoOutcome.Invalid;
        }
        else if (zone.Length == 2)
        {
            if (!TryDigits(zone, 0, 2, out offsetHours))
                return IsoOutcome.Invalid;
        }
        else
        {
            return IsoOutcome.Invalid;
        }
        if (offsetHours > 14 || offsetMinutes > 59)
            return IsoOutcome.Invalid;
        ticks -= sign * ((offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute));
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            return IsoOutcome.Invalid;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return IsoOutcome.Valid;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
                return false;
            value = (value * 10) + (int)digit;
        }
        return true;
    }

    private static bool HasFourDigitRun(ReadOnlySpan<char> s)
    {
        var run = 0;
        foreach (var c in s)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
                return true;
        }
        return false;
    }
}
