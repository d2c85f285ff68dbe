namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// One column of rollup ids (a dimension or the tag set; 0 is empty): either one value for every entry (billing
/// currency, account and provider usually are, within a slice) or one value per entry.
/// </summary>
internal readonly struct RollupIdColumn
{
    private readonly int[]? _values;

    private RollupIdColumn(int constant, int[]? values)
    {
        Constant = constant;
        _values = values;
    }

    public static RollupIdColumn Same(int value) => new(value, null);

    public static RollupIdColumn PerEntry(int[] values) => new(0, values);

    public bool IsConstant => _values is null;

    /// <summary>The value of every entry when <see cref="IsConstant"/>.</summary>
    public int Constant { get; }

    public int this[int entry] => _values is null ? Constant : _values[entry];

    public long MemoryBytes => _values is null ? 0 : _values.Length * sizeof(int);
}

/// <summary>
/// A decoded rollup chunk, column by column: entries sorted by day, ids as <see cref="RollupIdColumn"/>s in the order
/// of <see cref="RollupSchema.DimensionColumns"/>, money per metric (<see cref="Costs.CostMetric"/> order) as nanos
/// and a carried-over attos remainder (|attos| &lt; 1e9, so the pair is exact).
/// </summary>
internal sealed class RollupSegment
{
    public required long SliceId { get; init; }

    public required int Count { get; init; }

    public required int[] Days { get; init; }

    public required RollupIdColumn TagSets { get; init; }

    public required RollupIdColumn[] Dimensions { get; init; }

    public required int[] RowCounts { get; init; }

    /// <summary>Per metric; null when no line item of the chunk had a value (the sum is 0).</summary>
    public required long[]?[] Nanos { get; init; }

    public required int[]?[] Attos { get; init; }

    /// <summary>
    /// Per metric (null as <see cref="Nanos"/>): each entry's largest single line-item value rounded down to whole nanos
    /// (<see cref="long.MinValue"/> for an entry none of whose line items had a value).
    /// </summary>
    public required long[]?[] MaxFloorNanos { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RollupIdColumn> _tagColumns = new();

    /// <summary>
    /// The value of one tag key per entry (0 when the entry's tag set lacks it), derived once per key and kept: a tag
    /// set's entries never change, so <paramref name="valuesByTagSet"/> of any later snapshot gives the same column.
    /// </summary>
    public RollupIdColumn TagColumn(int tagKey, Dictionary<int, int> valuesByTagSet) =>
        _tagColumns.GetOrAdd(tagKey, static (_, state) =>
        {
            var (segment, values) = state;
            if (segment.TagSets.IsConstant)
            {
                var tagSet = segment.TagSets.Constant;
                return RollupIdColumn.Same(tagSet != 0 && values.TryGetValue(tagSet, out var only) ? only : 0);
            }

            var column = new int[segment.Count];
            for (var i = 0; i < column.Length; i++)
            {
                var tagSet = segment.TagSets[i];
                column[i] = tagSet != 0 && values.TryGetValue(tagSet, out var value) ? value : 0;
            }

            return Array.TrueForAll(column, v => v == column[0]) && column.Length > 0 ? RollupIdColumn.Same(column[0]) : RollupIdColumn.PerEntry(column);
        }, (this, valuesByTagSet));

    public int MinDay => Count == 0 ? int.MaxValue : Days[0];

    public int MaxDay => Count == 0 ? int.MinValue : Days[Count - 1];

    /// <summary>The first entry on or after <paramref name="day"/> (entries are sorted by day).</summary>
    public int FirstOnOrAfter(int day)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Days[mid] < day)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    public long MemoryBytes =>
        _tagColumns.Values.Sum(c => c.MemoryBytes) + Days.Length * sizeof(int) + RowCounts.Length * sizeof(int) + TagSets.MemoryBytes + Dimensions.Sum(d => d.MemoryBytes)
        + Nanos.Sum(n => n is null ? 0 : n.Length * sizeof(long)) + Attos.Sum(a => a is null ? 0 : a.Length * sizeof(int))
        + MaxFloorNanos.Sum(x => x is null ? 0 : x.Length * sizeof(long));
}

/// <summary>
/// Encodes a slice's rollup entries into one compact record and back. Format (version 3): a version byte, the entry
/// count, days (first, then increases), the tag-set column then each dimension column (a mode byte: 0 = one value
/// for all, 1 = one per entry), row counts, then per metric a presence byte and per entry the zig-zag nanos and attos
/// of the sum and the largest single value rounded down to whole nanos.
/// Every number is a LEB128 varint: small ids and day steps take one or two bytes.
/// </summary>
internal static class RollupChunkCodec
{
    /// <summary>
    /// 1: the first format; 2: ResourceId and ResourceName joined the dimension columns; 3: each entry's largest single
    /// value per metric (decision 014).
    /// </summary>
    private const byte Version = 3;
    private const long AttosPerNano = 1_000_000_000;
    public const int MetricCount = 4;

    /// <summary>
    /// Encodes the aggregated entries as one chunk per slice (each sorted by day) into <paramref name="chunks"/>.
    /// Entries are ordered through an index so that the wide keys are never copied around.
    /// </summary>
    public static void EncodeBySlice(Dictionary<RollupKey, RollupSums> rollups, List<(long SliceId, int EntryCount, byte[] Data)> chunks)
    {
        var count = rollups.Count;
        var entries = new (RollupKey Key, RollupSums Sums)[count];
        var order = new long[count];
        var positions = new int[count];
        var n = 0;
        foreach (var (key, sums) in rollups)
        {
            entries[n] = (key, sums);
            order[n] = key.SliceId;
            positions[n] = n;
            n++;
        }

        // Sort by (slice, day): the slice in the order array, then the day within each slice's run.
        Array.Sort(order, positions);
        var output = new VarintWriter(64 + count * 48);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && order[end] == order[start])
            {
                end++;
            }

            var run = positions.AsSpan(start, end - start);
            var days = new int[run.Length];
            for (var i = 0; i < run.Length; i++)
            {
                days[i] = entries[run[i]].Key.Day;
            }

            days.AsSpan().Sort(run);
            output.Reset();
            Encode(entries, run, output);
            chunks.Add((order[start], run.Length, output.ToArray()));
            start = end;
        }
    }

    private static void Encode((RollupKey Key, RollupSums Sums)[] entries, ReadOnlySpan<int> run, VarintWriter output)
    {
        var count = run.Length;
        output.Byte(Version);
        output.Unsigned((ulong)count);
        var previousDay = 0;
        for (var i = 0; i < count; i++)
        {
            var day = entries[run[i]].Key.Day;
            if (i == 0)
            {
                output.Signed(day);
            }
            else
            {
                output.Unsigned((ulong)(day - previousDay));
            }

            previousDay = day;
        }

        var column = new long[count];
        for (var c = -1; c < RollupSchema.DimensionColumns.Count; c++)
        {
            for (var i = 0; i < count; i++)
            {
                ref readonly var key = ref entries[run[i]].Key;
                column[i] = c < 0 ? key.TagSet : key.Dimension(c);
            }

            WriteIds(output, column);
        }

        for (var i = 0; i < count; i++)
        {
            output.Unsigned((ulong)entries[run[i]].Sums.Rows);
        }

        for (var m = 0; m < MetricCount; m++)
        {
            var present = false;
            for (var i = 0; i < count && !present; i++)
            {
                present = entries[run[i]].Sums.Has(m);
            }

            output.Byte(present ? (byte)1 : (byte)0);
            if (!present)
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                ref readonly var sums = ref entries[run[i]].Sums;
                var (nanos, attos) = Normalize(sums.Nanos(m), sums.Attos(m));
                output.Signed(nanos);
                output.Signed(attos);
                output.Signed(sums.MaxFloorNanos(m));
            }
        }
    }

    /// <summary>The same exact value with |attos| &lt; 1e9: sums of many remainders are carried into nanos.</summary>
    private static (long Nanos, long Attos) Normalize(long nanos, long attos) =>
        (checked(nanos + attos / AttosPerNano), attos % AttosPerNano);

    private static void WriteIds(VarintWriter output, long[] column)
    {
        var first = column.Length == 0 ? 0 : column[0];
        var constant = Array.TrueForAll(column, v => v == first);
        output.Byte(constant ? (byte)0 : (byte)1);
        if (constant)
        {
            output.Unsigned((ulong)first);
            return;
        }

        foreach (var value in column)
        {
            output.Unsigned((ulong)value);
        }
    }

    public static RollupSegment Decode(long sliceId, ReadOnlySpan<byte> data)
    {
        var input = new VarintReader(data);
        var version = input.Byte();
        if (version != Version)
        {
            throw new InvalidDataException($"Rollup chunk of slice {sliceId} has format version {version}; this build reads version {Version}.");
        }

        var count = checked((int)input.Unsigned());
        var days = new int[count];
        for (var i = 0; i < count; i++)
        {
            days[i] = i == 0 ? checked((int)input.Signed()) : checked(days[i - 1] + (int)input.Unsigned());
        }

        var tagSets = ReadIds(ref input, count);
        var dimensions = new RollupIdColumn[RollupSchema.DimensionColumns.Count];
        for (var d = 0; d < dimensions.Length; d++)
        {
            dimensions[d] = ReadIds(ref input, count);
        }

        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = checked((int)input.Unsigned());
        }

        var nanos = new long[]?[MetricCount];
        var attos = new int[]?[MetricCount];
        var maxima = new long[]?[MetricCount];
        for (var m = 0; m < MetricCount; m++)
        {
            if (input.Byte() == 0)
            {
                continue;
            }

            var n = nanos[m] = new long[count];
            var a = attos[m] = new int[count];
            var x = maxima[m] = new long[count];
            for (var i = 0; i < count; i++)
            {
                n[i] = input.Signed();
                a[i] = checked((int)input.Signed());
                x[i] = input.Signed();
            }
        }

        if (!input.AtEnd)
        {
            throw new InvalidDataException($"Rollup chunk of slice {sliceId} has {input.Remaining} unread bytes.");
        }

        return new RollupSegment
        {
            SliceId = sliceId,
            Count = count,
            Days = days,
            TagSets = tagSets,
            Dimensions = dimensions,
            RowCounts = rows,
            Nanos = nanos,
            Attos = attos,
            MaxFloorNanos = maxima,
        };
    }

    private static RollupIdColumn ReadIds(ref VarintReader input, int count)
    {
        var mode = input.Byte();
        if (mode == 0)
        {
            return RollupIdColumn.Same(checked((int)input.Unsigned()));
        }

        if (mode != 1)
        {
            throw new InvalidDataException($"Unknown rollup column mode {mode}.");
        }

        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = checked((int)input.Unsigned());
        }

        return RollupIdColumn.PerEntry(values);
    }

    private sealed class VarintWriter(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(16, capacity)];
        private int _length;

        public void Byte(byte value)
        {
            Ensure(1);
            _buffer[_length++] = value;
        }

        public void Unsigned(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_length++] = (byte)value;
        }

        public void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        public void Reset() => _length = 0;

        private void Ensure(int more)
        {
            if (_length + more > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
            }
        }
    }

    private ref struct VarintReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public readonly int Remaining => _data.Length - _position;

        public byte Byte()
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("Rollup chunk ends early.");
            }

            return _data[_position++];
        }

        public ulong Unsigned()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result;
                }
            }

            throw new InvalidDataException("Rollup chunk holds a malformed number.");
        }

        public long Signed()
        {
            var raw = Unsigned();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }
    }
}
