using System.Collections.Concurrent;
using SQLitePCL;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>Rows parsed by the import's reading thread, waiting to be written: one slot of parameters per row.</summary>
internal sealed class LineItemBatch(int capacity, int parameterCount)
{
    /// <summary>Marks an integer parameter that is NULL.</summary>
    public const long Null = long.MinValue;

    public int Capacity { get; } = capacity;

    public int ParameterCount { get; } = parameterCount;

    public long[] Integers { get; } = new long[capacity * parameterCount];

    public string?[] Texts { get; } = new string?[capacity * parameterCount];

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Dimension values first seen in this batch: written before its rows.</summary>
    public List<(long Id, string Value)> NewDimensions { get; } = [];

    /// <summary>Encoded daily rollup chunks to write after this batch's line items (partial sums: a slice may have several).</summary>
    public List<(long SliceId, int EntryCount, byte[] Data)> RollupChunks { get; } = [];

    /// <summary>Tag entries of tag sets first seen in this batch.</summary>
    public List<(long TagSetId, long KeyId, long ValueId)> NewTags { get; } = [];

    /// <summary>Clears the next row's slot; values are then set with <see cref="SetInteger"/> / <see cref="SetText"/>.</summary>
    public void BeginRow()
    {
        var start = Count * ParameterCount;
        Integers.AsSpan(start, ParameterCount).Fill(Null);
        Texts.AsSpan(start, ParameterCount).Clear();
    }

    /// <summary>Sets a 1-based statement parameter of the row being built.</summary>
    public void SetInteger(int parameter, long value) => Integers[Count * ParameterCount + parameter - 1] = value;

    public void SetText(int parameter, string value) => Texts[Count * ParameterCount + parameter - 1] = value;

    public void EndRow() => Count++;

    public void Reset()
    {
        Count = 0;
        NewDimensions.Clear();
        NewTags.Clear();
        RollupChunks.Clear();
    }
}

/// <summary>
/// Writes line items on a thread of its own while the import's thread reads and parses the next rows (two cores,
/// two stages). Batches are pooled, so memory stays bounded whatever the file size. A failure on the writing
/// thread stops the reading thread and is rethrown by <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class LineItemWriter : IDisposable
{
    private const int PoolSize = 4;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insertRow;
    private readonly sqlite3_stmt _insertDimension;
    private readonly sqlite3_stmt _insertTag;
    private readonly sqlite3_stmt _insertRollup;
    private readonly bool[] _isText;
    private readonly BlockingCollection<LineItemBatch> _full = new(PoolSize);
    private readonly BlockingCollection<LineItemBatch> _free = new(PoolSize);
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _task;

    public LineItemWriter(sqlite3 db, string insertRowSql, bool[] isTextParameter, int batchSize)
    {
        _db = db;
        _isText = isTextParameter;
        SqliteRaw.Check(raw.sqlite3_prepare_v2(db, insertRowSql, out _insertRow), db);
        SqliteRaw.Check(raw.sqlite3_prepare_v2(db, "INSERT INTO DimensionValues (Id, Value) VALUES (?, ?)", out _insertDimension), db);
        SqliteRaw.Check(raw.sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO TagEntries (TagSetId, KeyId, ValueId) VALUES (?, ?, ?)", out _insertTag), db);
        SqliteRaw.Check(raw.sqlite3_prepare_v2(db, $"INSERT INTO {RollupSchema.Table} (SliceId, EntryCount, Data) VALUES (?, ?, ?)", out _insertRollup), db);
        for (var i = 0; i < PoolSize; i++)
        {
            _free.Add(new LineItemBatch(batchSize, isTextParameter.Length));
        }

        _task = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>An empty batch to fill (waits while all batches are being written).</summary>
    public LineItemBatch Rent()
    {
        try
        {
            var batch = _free.Take(_failed.Token);
            batch.Reset();
            return batch;
        }
        catch (OperationCanceledException)
        {
            _task.GetAwaiter().GetResult(); // rethrows the writer's failure
            throw;
        }
    }

    public void Submit(LineItemBatch batch)
    {
        try
        {
            _full.Add(batch, _failed.Token);
        }
        catch (OperationCanceledException)
        {
            _task.GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Waits until every submitted batch is written; rethrows a failure of the writing thread.</summary>
    public async Task CompleteAsync()
    {
        _full.CompleteAdding();
        await _task;
    }

    /// <summary>Time the writing thread spent writing (not waiting for batches); valid after <see cref="CompleteAsync"/>.</summary>
    public TimeSpan BusyWall { get; private set; }

    /// <summary>CPU time of the writing thread (null where the platform cannot tell); valid after <see cref="CompleteAsync"/>.</summary>
    public TimeSpan? ThreadCpu { get; private set; }

    private void Run()
    {
        var cpuStart = ThreadCpuTime.Current();
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable())
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                Write(batch);
                BusyWall += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                _free.Add(batch);
            }

            ThreadCpu = ThreadCpuTime.Current() - cpuStart;
        }
        catch
        {
            _failed.Cancel();
            throw;
        }
    }

    private void Write(LineItemBatch batch)
    {
        var dimension = NativeSqlite.Handle(_insertDimension);
        foreach (var (id, value) in batch.NewDimensions)
        {
            NativeSqlite.BindInt64(dimension, 1, id);
            NativeSqlite.BindText(dimension, 2, value);
            NativeSqlite.Execute(dimension, _db);
        }

        var tag = NativeSqlite.Handle(_insertTag);
        foreach (var (tagSet, key, value) in batch.NewTags)
        {
            NativeSqlite.BindInt64(tag, 1, tagSet);
            NativeSqlite.BindInt64(tag, 2, key);
            NativeSqlite.BindInt64(tag, 3, value);
            NativeSqlite.Execute(tag, _db);
        }

        var row = NativeSqlite.Handle(_insertRow);
        var parameters = batch.ParameterCount;
        var integers = batch.Integers;
        var texts = batch.Texts;
        for (var r = 0; r < batch.Count; r++)
        {
            var offset = r * parameters;
            for (var p = 0; p < parameters; p++)
            {
                if (_isText[p])
                {
                    if (texts[offset + p] is { } text)
                    {
                        NativeSqlite.BindText(row, p + 1, text);
                    }
                }
                else if (integers[offset + p] != LineItemBatch.Null)
                {
                    NativeSqlite.BindInt64(row, p + 1, integers[offset + p]);
                }
            }

            NativeSqlite.Execute(row, _db);
        }

        WriteRollups(batch.RollupChunks);
    }

    private void WriteRollups(List<(long SliceId, int EntryCount, byte[] Data)> chunks)
    {
        var insert = NativeSqlite.Handle(_insertRollup);
        foreach (var (sliceId, entryCount, data) in chunks)
        {
            NativeSqlite.BindInt64(insert, 1, sliceId);
            NativeSqlite.BindInt64(insert, 2, entryCount);
            NativeSqlite.BindBlob(insert, 3, data);
            NativeSqlite.Execute(insert, _db);
        }
    }

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _full.CompleteAdding();
        }

        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // Already reported through CompleteAsync or Rent; disposal only releases resources.
        }

        _insertRow.Dispose();
        _insertDimension.Dispose();
        _insertTag.Dispose();
        _insertRollup.Dispose();
        _full.Dispose();
        _free.Dispose();
        _failed.Dispose();
    }
}
