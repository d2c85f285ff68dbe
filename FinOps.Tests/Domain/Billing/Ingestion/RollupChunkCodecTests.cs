using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;

namespace FinOps.Tests.Domain.Billing.Ingestion;

public sealed class RollupChunkCodecTests
{
    private static RollupKey Key(long slice, int day, int tagSet, int service, int currency = 5, int resource = 0) =>
        new(slice, day, tagSet, currency, 7, 0, 9, 0, 11, 12, service, 14, 15, 0, 17, 0, resource, resource == 0 ? 0 : resource + 1);

    private static RollupSums Sums(long rows, params ExactMoney?[] metrics)
    {
        var sums = new RollupSums { Rows = rows };
        for (var m = 0; m < metrics.Length; m++)
        {
            sums.Add(m, metrics[m]);
        }

        return sums;
    }

    [Fact]
    public void EncodeBySlice_OneChunkPerSlice_DecodesToTheSameEntriesSortedByDay_AndExactSums()
    {
        var big = ExactMoney.FromDecimal(999_999_999.999999999999999999m);
        var negative = ExactMoney.FromDecimal(-0.000000000000000001m);
        var rollup = new Dictionary<RollupKey, RollupSums>
        {
            [Key(3, 20_100, 0, 40, resource: 300)] = Sums(2, big, negative, null, null),
            [Key(3, 19_990, 77, 41)] = Sums(1, negative, big, null, null),
            [Key(9, -5, 78, 40, currency: 6)] = Sums(4, big, big, null, null),
        };
        var chunks = new List<(long SliceId, int EntryCount, byte[] Data)>();

        RollupChunkCodec.EncodeBySlice(rollup, chunks);

        Assert.Equal([3L, 9L], chunks.Select(c => c.SliceId).Order());
        var slice3 = RollupChunkCodec.Decode(3, chunks.Single(c => c.SliceId == 3).Data);
        Assert.Equal(2, slice3.Count);
        Assert.Equal([19_990, 20_100], slice3.Days);
        Assert.Equal(77, slice3.TagSets[0]);
        Assert.Equal(0, slice3.TagSets[1]);
        Assert.True(slice3.Dimensions[0].IsConstant);
        Assert.Equal(5, slice3.Dimensions[0].Constant);
        Assert.False(slice3.Dimensions[7].IsConstant);
        Assert.Equal([41, 40], new[] { slice3.Dimensions[7][0], slice3.Dimensions[7][1] });
        Assert.Equal(RollupSchema.DimensionColumns.Count, slice3.Dimensions.Length);
        Assert.Equal([0, 300], new[] { slice3.Dimensions[13][0], slice3.Dimensions[13][1] }); // ResourceId
        Assert.Equal([0, 301], new[] { slice3.Dimensions[14][0], slice3.Dimensions[14][1] }); // ResourceName
        Assert.Equal([1, 2], slice3.RowCounts);
        Assert.Null(slice3.Nanos[2]);
        Assert.Equal(negative.ToDecimal(), ExactMoney.ToDecimal(slice3.Nanos[0]![0], slice3.Attos[0]![0]));
        Assert.Equal(big.ToDecimal(), ExactMoney.ToDecimal(slice3.Nanos[0]![1], slice3.Attos[0]![1]));
        var slice9 = RollupChunkCodec.Decode(9, chunks.Single(c => c.SliceId == 9).Data);
        Assert.Equal(-5, slice9.MinDay);
        Assert.Equal(6, slice9.Dimensions[0].Constant);
    }

    [Fact]
    public void Decode_SummedRemaindersAreCarried_SoTheValueStaysExact()
    {
        var sums = new RollupSums { Rows = 3 };
        var piece = ExactMoney.FromDecimal(0.123456789987654321m);
        for (var i = 0; i < 3; i++)
        {
            sums.Add(1, piece);
        }

        var chunks = new List<(long SliceId, int EntryCount, byte[] Data)>();
        RollupChunkCodec.EncodeBySlice(new Dictionary<RollupKey, RollupSums> { [Key(1, 1, 0, 1)] = sums }, chunks);
        var segment = RollupChunkCodec.Decode(1, chunks[0].Data);

        Assert.Equal(0.370370369962962963m, ExactMoney.ToDecimal(segment.Nanos[1]![0], segment.Attos[1]![0]));
        Assert.InRange(Math.Abs((long)segment.Attos[1]![0]), 0, 999_999_999);
    }

    [Fact]
    public void Decode_DataOfAnotherFormatOrTruncated_IsRejectedWithTheSlice()
    {
        var chunks = new List<(long SliceId, int EntryCount, byte[] Data)>();
        RollupChunkCodec.EncodeBySlice(new Dictionary<RollupKey, RollupSums> { [Key(1, 1, 0, 1)] = Sums(1, ExactMoney.FromDecimal(1m)) }, chunks);
        var data = chunks[0].Data;

        var truncated = Assert.Throws<InvalidDataException>(() => RollupChunkCodec.Decode(42, data.AsSpan(0, data.Length - 1)));
        var otherVersion = data.ToArray();
        otherVersion[0] = 99;
        var version = Assert.Throws<InvalidDataException>(() => RollupChunkCodec.Decode(42, otherVersion));

        Assert.Contains("ends early", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("slice 42", version.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachEntryKeepsItsLargestSingleValue_RoundedDownToWholeNanos_PerMetric()
    {
        var sums = new RollupSums { Rows = 3 };
        sums.Add(0, ExactMoney.FromDecimal(-1.000000000000000001m)); // floor: -1.000000001
        sums.Add(0, ExactMoney.FromDecimal(-2m));
        sums.Add(1, ExactMoney.FromDecimal(0.000000000999999999m)); // floor: 0
        sums.Add(1, ExactMoney.FromDecimal(0.000000001000000001m)); // floor: 0.000000001
        var chunks = new List<(long SliceId, int EntryCount, byte[] Data)>();

        RollupChunkCodec.EncodeBySlice(new Dictionary<RollupKey, RollupSums> { [Key(1, 1, 0, 1)] = sums }, chunks);
        var segment = RollupChunkCodec.Decode(1, chunks[0].Data);

        Assert.Equal(-1_000_000_001, segment.MaxFloorNanos[0]![0]);
        Assert.Equal(1, segment.MaxFloorNanos[1]![0]);
        Assert.Null(segment.MaxFloorNanos[2]); // no line item had a value
        Assert.Equal(long.MinValue, new RollupSums().MaxFloorNanos(0));
    }
}
