namespace FinOps.Domain.Billing;

/// <summary>One distinct string of the cost data (a service name, an account id, a tag-set JSON, ...), interned once.</summary>
public sealed class DimensionValue
{
    public long Id { get; set; }

    public required string Value { get; set; }
}

/// <summary>One key/value pair of a tag set: lets queries filter and group by a tag key.</summary>
public sealed class TagEntry
{
    public long TagSetId { get; set; }

    public long KeyId { get; set; }

    public long ValueId { get; set; }
}

/// <summary>
/// A block of the daily rollup: cost per day per the dimensions the UI groups by (<see cref="RollupSchema"/>) for one
/// (billing account, billing period) slice, as one compact columnar record (<see cref="Ingestion.RollupChunkCodec"/>).
/// Written in the same transaction as the line items it summarises; a slice may have several chunks (their sums add
/// up). Queries read it through the in-memory rollup (decision 012).
/// </summary>
public sealed class RollupChunk
{
    public long Id { get; set; }

    public long SliceId { get; set; }

    /// <summary>How many rollup entries the chunk holds.</summary>
    public int EntryCount { get; set; }

    public required byte[] Data { get; set; }
}
