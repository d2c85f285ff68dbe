namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// The key of one daily rollup row: slice, day, tag set and the rollup dimensions (ids; 0 is empty). Ids are held as
/// 32-bit integers, as the in-memory rollup holds them (<see cref="RollupIdColumn"/>): half the bytes to hash and
/// compare for every line item.
/// </summary>
internal readonly record struct RollupKey(long SliceId, int Day, int TagSet,
    int D0, int D1, int D2, int D3, int D4, int D5, int D6, int D7, int D8, int D9, int D10, int D11, int D12, int D13, int D14)
{
    /// <summary>A rollup id from a database id (ids stay far below 2^31: one per distinct string or tag set).</summary>
    public static int Id(long id) => checked((int)id);

    /// <summary>The id of the rollup dimension at <paramref name="index"/> (<see cref="RollupSchema.DimensionColumns"/> order).</summary>
    public int Dimension(int index) => index switch
    {
        0 => D0, 1 => D1, 2 => D2, 3 => D3, 4 => D4, 5 => D5, 6 => D6, 7 => D7, 8 => D8, 9 => D9, 10 => D10, 11 => D11,
        12 => D12, 13 => D13, 14 => D14,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

/// <summary>
/// Exact sums of the four cost metrics (integer parts, see ExactMoney), the row count, and per metric the largest
/// single value rounded down to whole nanos (the line-item list's "costliest first" pages start from it, decision 014).
/// </summary>
internal struct RollupSums
{
    public long Rows;
    private long _n0, _a0, _n1, _a1, _n2, _a2, _n3, _a3;
    private long _m0, _m1, _m2, _m3;
    private int _has;

    public void Add(int metric, ExactMoney? value)
    {
        if (value is not { } v)
        {
            return;
        }

        var first = (_has & (1 << metric)) == 0;
        _has |= 1 << metric;
        var floor = v.Attos < 0 ? v.Nanos - 1 : v.Nanos; // same sign parts: a negative remainder lowers the value below Nanos
        checked
        {
            switch (metric)
            {
                case 0: _n0 += v.Nanos; _a0 += v.Attos; _m0 = first ? floor : Math.Max(_m0, floor); break;
                case 1: _n1 += v.Nanos; _a1 += v.Attos; _m1 = first ? floor : Math.Max(_m1, floor); break;
                case 2: _n2 += v.Nanos; _a2 += v.Attos; _m2 = first ? floor : Math.Max(_m2, floor); break;
                default: _n3 += v.Nanos; _a3 += v.Attos; _m3 = first ? floor : Math.Max(_m3, floor); break;
            }
        }
    }

    public readonly bool Has(int metric) => (_has & (1 << metric)) != 0;

    /// <summary>The largest single value added for <paramref name="metric"/>, rounded down to whole nanos (<see cref="long.MinValue"/> when none).</summary>
    public readonly long MaxFloorNanos(int metric) => !Has(metric) ? long.MinValue : metric switch { 0 => _m0, 1 => _m1, 2 => _m2, _ => _m3 };

    public readonly long Nanos(int metric) => metric switch { 0 => _n0, 1 => _n1, 2 => _n2, _ => _n3 };

    public readonly long Attos(int metric) => metric switch { 0 => _a0, 1 => _a1, 2 => _a2, _ => _a3 };

    /// <summary>The exact decimal total (0 when no row had a value).</summary>
    public readonly decimal Total(int metric) => ExactMoney.ToDecimal(Nanos(metric), Attos(metric));
}
