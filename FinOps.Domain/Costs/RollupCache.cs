using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Costs;

/// <summary>
/// One consistent view of the daily rollup in memory: the decoded chunks of every current slice and the tag entries
/// (tag set, key) -> value. Immutable once published; a refresh builds a new one (decision 012).
/// </summary>
internal sealed class RollupSnapshot
{
    public static readonly RollupSnapshot Empty = new(default, [], new Dictionary<int, Dictionary<int, int>>(), 0);

    public RollupSnapshot(SliceSignature signature, IReadOnlyList<RollupSegment> segments,
        IReadOnlyDictionary<int, Dictionary<int, int>> tagValuesByKey, long maxTagSetId)
    {
        Signature = signature;
        Segments = segments;
        TagValuesByKey = tagValuesByKey;
        MaxTagSetId = maxTagSetId;
    }

    public SliceSignature Signature { get; }

    public IReadOnlyList<RollupSegment> Segments { get; }

    /// <summary>Per tag key id: tag set id -> value id (tag sets without the key are absent).</summary>
    public IReadOnlyDictionary<int, Dictionary<int, int>> TagValuesByKey { get; }

    public long MaxTagSetId { get; }

    public long EntryCount => Segments.Sum(s => (long)s.Count);

    public long MemoryBytes => Segments.Sum(s => s.MemoryBytes) + TagValuesByKey.Values.Sum(d => d.Count * 12L);
}

/// <summary>Which slices are current, in three numbers: any import that adds or replaces a slice changes it.</summary>
internal readonly record struct SliceSignature(long Count, long MaxId, long IdSum);

/// <summary>
/// The daily rollup, decoded into columns and kept in memory for the query engine (decision 012). Each query first
/// checks, with one small query on <c>BillingSlices</c>, whether the set of current slices changed since the last
/// load; if so, it loads only the chunks of new slices and drops those of replaced ones, inside one read transaction
/// so that slices, chunks and tag entries are one snapshot. Slices never change once written, so nothing else can
/// make the cache stale. Memory: about 100 bytes per rollup entry (see <see cref="Statistics"/>).
/// </summary>
public sealed class RollupCache(IDbContextFactory<FinOpsDbContext> dbFactory)
{
    private const int IdsPerStatement = 500;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private RollupSnapshot _snapshot = RollupSnapshot.Empty;

    /// <summary>Entries and approximate bytes held now (for diagnostics and the benchmark).</summary>
    public (long Entries, long Bytes, int Chunks) Statistics()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return (snapshot.EntryCount, snapshot.MemoryBytes, snapshot.Segments.Count);
    }

    /// <summary>The rollup as currently committed (loading what changed since the last call).</summary>
    internal async Task<RollupSnapshot> CurrentAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Signature == await ReadSignatureAsync(connection, null, ct))
        {
            return snapshot;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            // One read transaction (WAL snapshot): the slices, their chunks and the tag entries agree.
            await using var transaction = connection.BeginTransaction(deferred: true);
            snapshot = _snapshot;
            var signature = await ReadSignatureAsync(connection, transaction, ct);
            if (snapshot.Signature == signature)
            {
                return snapshot;
            }

            var current = new HashSet<long>();
            await using (var command = Command(connection, transaction, "SELECT Id FROM BillingSlices WHERE IsCurrent"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    current.Add(reader.GetInt64(0));
                }
            }

            var segments = snapshot.Segments.Where(s => current.Contains(s.SliceId)).ToList();
            var loaded = snapshot.Segments.Select(s => s.SliceId).ToHashSet();
            foreach (var chunk in current.Where(id => !loaded.Contains(id)).Chunk(IdsPerStatement))
            {
                var sql = $"SELECT SliceId, Data FROM {RollupSchema.Table} WHERE SliceId IN ({string.Join(", ", chunk)}) ORDER BY Id";
                await using var command = Command(connection, transaction, sql);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var sliceId = reader.GetInt64(0);
                    segments.Add(RollupChunkCodec.Decode(sliceId, (byte[])reader.GetValue(1)));
                }
            }

            var tags = snapshot.TagValuesByKey.ToDictionary(kv => kv.Key, kv => kv.Value);
            var copied = new HashSet<int>();
            var maxTagSet = snapshot.MaxTagSetId;
            await using (var command = Command(connection, transaction,
                             "SELECT TagSetId, KeyId, ValueId FROM TagEntries WHERE TagSetId > @after"))
            {
                // Tag sets are interned once with all their entries and get ever larger ids: only new ones are read.
                command.Parameters.AddWithValue("@after", snapshot.MaxTagSetId);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var tagSet = reader.GetInt64(0);
                    var key = checked((int)reader.GetInt64(1));
                    if (!tags.TryGetValue(key, out var values))
                    {
                        tags[key] = values = [];
                        copied.Add(key);
                    }
                    else if (copied.Add(key))
                    {
                        tags[key] = values = new Dictionary<int, int>(values); // the published snapshot stays unchanged
                    }

                    values[checked((int)tagSet)] = checked((int)reader.GetInt64(2));
                    maxTagSet = Math.Max(maxTagSet, tagSet);
                }
            }

            await transaction.CommitAsync(ct);
            var next = new RollupSnapshot(signature, segments, tags, maxTagSet);
            Volatile.Write(ref _snapshot, next);
            return next;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private static async Task<SliceSignature> ReadSignatureAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction,
            "SELECT COUNT(*), COALESCE(MAX(Id), 0), COALESCE(SUM(Id), 0) FROM BillingSlices WHERE IsCurrent");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SliceSignature(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
