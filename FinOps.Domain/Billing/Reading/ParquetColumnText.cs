using System.Globalization;
using System.Runtime.CompilerServices;
using Parquet.Data;

namespace FinOps.Domain.Billing.Reading;

/// <summary>The text of one column for every row of the current row group, in one reusable char buffer.</summary>
internal sealed class ParquetColumnText
{
    private char[] _chars = new char[4096];
    private int[] _ends = new int[1024];
    private int _length;
    private int _count;
    private ParquetColumnText? _scratch;

    public void Clear(int expectedRows)
    {
        if (_ends.Length < expectedRows)
            _ends = new int[expectedRows];
        _length = 0;
        _count = 0;
    }

    public int Count => _count;

    public ReadOnlySpan<char> Get(int row)
    {
        var start = row == 0 ? 0 : _ends[row - 1];
        return _chars.AsSpan(start, _ends[row] - start);
    }

    /// <summary>Closes the current value (empty if nothing was appended since the previous one).</summary>
    public void EndValue()
    {
        if (_count == _ends.Length)
            Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = _length;
    }

    public void Append(char c)
    {
        if (_length == _chars.Length)
            Grow(1);
        _chars[_length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_chars.Length - _length < text.Length)
            Grow(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Appends a JSON string literal (quoted and escaped).</summary>
    public void AppendJsonString(ReadOnlySpan<char> text)
    {
        Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': Append("\\\""); break;
                case '\\': Append("\\\\"); break;
                case '\n': Append("\\n"); break;
                case '\r': Append("\\r"); break;
                case '\t': Append("\\t"); break;
                case '\b': Append("\\b"); break;
                case '\f': Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        Append("\\u00");
                        Append("0123456789abcdef"[c >> 4]);
                        Append("0123456789abcdef"[c & 0xF]);
                    }
                    else
                    {
                        Append(c);
                    }
                    break;
            }
        }
        Append('"');
    }

    /// <summary>Appends a value as invariant text, or as a JSON token when <paramref name="json"/> is set.</summary>
    public void AppendValue<T>(T value, bool json)
    {
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
        {
            var text = Unsafe.As<T, ReadOnlyMemory<char>>(ref value).Span;
            if (json) AppendJsonString(text); else Append(text);
            return;
        }
        if (typeof(T) == typeof(string))
        {
            var text = Unsafe.As<T, string>(ref value).AsSpan();
            if (json) AppendJsonString(text); else Append(text);
            return;
        }
        if (typeof(T) == typeof(bool))
        {
            Append(Unsafe.As<T, bool>(ref value) ? "true" : "false");
            return;
        }
        var jsonNumber = json && IsJsonNumber(value);
        if (json && !jsonNumber)
        {
            var scratch = _scratch ??= new ParquetColumnText();
            scratch._length = 0;
            scratch.AppendValue(value, json: false);
            AppendJsonString(scratch._chars.AsSpan(0, scratch._length));
            return;
        }
        while (true)
        {
            var free = _chars.AsSpan(_length);
            if (TryFormat(value, free, out var written))
            {
                _length += written;
                return;
            }
            Grow(Math.Max(64, free.Length + 1));
        }
    }

    private static bool IsJsonNumber<T>(T value)
    {
        if (typeof(T) == typeof(double))
            return double.IsFinite(Unsafe.As<T, double>(ref value));
        if (typeof(T) == typeof(float))
            return float.IsFinite(Unsafe.As<T, float>(ref value));
        return typeof(T) == typeof(decimal) || typeof(T) == typeof(int) || typeof(T) == typeof(long)
            || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(byte)
            || typeof(T) == typeof(ushort) || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong);
    }

    private static bool TryFormat<T>(T value, Span<char> destination, out int written)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (typeof(T) == typeof(double))
            return Unsafe.As<T, double>(ref value).TryFormat(destination, out written, "R", invariant);
        if (typeof(T) == typeof(float))
            return Unsafe.As<T, float>(ref value).TryFormat(destination, out written, "R", invariant);
        if (typeof(T) == typeof(DateTime))
            return ToUtc(Unsafe.As<T, DateTime>(ref value)).TryFormat(destination, out written, FocusValues.UtcTimestampFormat, invariant);
        if (typeof(T) == typeof(DateTimeOffset))
            return Unsafe.As<T, DateTimeOffset>(ref value).UtcDateTime.TryFormat(destination, out written, FocusValues.UtcTimestampFormat, invariant);
        if (typeof(T) == typeof(DateOnly))
            return Unsafe.As<T, DateOnly>(ref value).TryFormat(destination, out written, "yyyy-MM-dd", invariant);
        if (typeof(T) == typeof(TimeOnly))
            return Unsafe.As<T, TimeOnly>(ref value).TryFormat(destination, out written, "HH:mm:ss.FFFFFFF", invariant);
        if (typeof(T) == typeof(TimeSpan))
            return Unsafe.As<T, TimeSpan>(ref value).TryFormat(destination, out written, "c", invariant);
        if (typeof(T) == typeof(byte[]))
            return Convert.TryToBase64Chars(Unsafe.As<T, byte[]>(ref value), destination, out written);
        if (typeof(T) == typeof(ReadOnlyMemory<byte>))
            return Convert.TryToBase64Chars(Unsafe.As<T, ReadOnlyMemory<byte>>(ref value).Span, destination, out written);
        if (value is ISpanFormattable formattable)
            return formattable.TryFormat(destination, out written, default, invariant);
        var text = value is IFormattable f ? f.ToString(null, invariant) : value?.ToString() ?? "";
        written = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        // Parquet timestamps are UTC-normalized (or zone-less, which FOCUS defines as UTC).
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => value,
    };

    private void Grow(int needed)
    {
        var size = Math.Max(_chars.Length * 2, _length + needed);
        var bigger = new char[size];
        _chars.AsSpan(0, _length).CopyTo(bigger);
        _chars = bigger;
    }
}

/// <summary>One leaf (physical) column of a row group: its dense non-null values and its definition/repetition levels.</summary>
internal abstract class ParquetLeaf : IDisposable
{
    private readonly RawColumnData _raw;

    protected ParquetLeaf(RawColumnData raw, int maxDefinitionLevel, int maxRepetitionLevel)
    {
        _raw = raw;
        MaxDefinitionLevel = maxDefinitionLevel;
        MaxRepetitionLevel = maxRepetitionLevel;
    }

    public int MaxDefinitionLevel { get; }

    public int MaxRepetitionLevel { get; }

    /// <summary>Definition levels (empty for a required column: every value is defined).</summary>
    public ReadOnlySpan<int> DefinitionLevels => MaxDefinitionLevel > 0 ? _raw.DefinitionLevels : default;

    /// <summary>Repetition levels (empty for a non-repeated column).</summary>
    public ReadOnlySpan<int> RepetitionLevels => MaxRepetitionLevel > 0 ? _raw.RepetitionLevels : default;

    /// <summary>Appends the next dense value and moves past it.</summary>
    public abstract void AppendNext(ParquetColumnText text, bool json);

    public void Dispose() => _raw.Dispose();

    public static ParquetLeaf Create(RawColumnData raw, int maxDefinitionLevel, int maxRepetitionLevel)
    {
        var valueType = raw.GetType().GetGenericArguments()[0];
        var leafType = typeof(ParquetLeaf<>).MakeGenericType(valueType);
        return (ParquetLeaf)Activator.CreateInstance(leafType, raw, maxDefinitionLevel, maxRepetitionLevel)!;
    }
}

internal sealed class ParquetLeaf<T>(RawColumnData<T> raw, int maxDefinitionLevel, int maxRepetitionLevel)
    : ParquetLeaf(raw, maxDefinitionLevel, maxRepetitionLevel)
    where T : struct
{
    private int _next;

    public override void AppendNext(ParquetColumnText text, bool json)
    {
        var values = raw.Values;
        if (_next >= values.Length)
            throw new FocusFileFormatException("The Parquet column has fewer values than its definition levels announce.");
        text.AppendValue(values[_next++], json);
    }
}
