using System.Collections.Concurrent;
using FinOps.Domain.Common;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>How far a running import is. Rows are counted as read; percent is of the file's bytes on disk.</summary>
public sealed record ImportProgress(long ImportId, long RowsRead, long BytesRead, long TotalBytes)
{
    public double Percent => TotalBytes <= 0 ? 0 : Math.Min(100.0, 100.0 * BytesRead / TotalBytes);
}

/// <summary>
/// Live progress of running imports (in memory: the ledger row is only written when the import's transaction commits).
/// Publishes at most a few updates a second per import.
/// </summary>
public sealed class ImportProgressTracker(Notifier<ImportProgress> notifier, TimeProvider time)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<long, (ImportProgress Progress, long PublishedAt)> _running = new();

    public IReadOnlyCollection<ImportProgress> Running => _running.Values.Select(v => v.Progress).ToList();

    public ImportProgress? Get(long importId) => _running.TryGetValue(importId, out var entry) ? entry.Progress : null;

    public void Report(long importId, long rowsRead, long bytesRead, long totalBytes)
    {
        var progress = new ImportProgress(importId, rowsRead, bytesRead, totalBytes);
        var now = time.GetTimestamp();
        var publish = true;
        _running.AddOrUpdate(importId, (progress, now), (_, previous) =>
        {
            publish = time.GetElapsedTime(previous.PublishedAt, now) >= MinimumInterval;
            return (progress, publish ? now : previous.PublishedAt);
        });
        if (publish)
        {
            _ = notifier.PublishAsync(progress);
        }
    }

    public void Remove(long importId) => _running.TryRemove(importId, out _);
}
