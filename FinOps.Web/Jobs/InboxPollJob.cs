using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Optimization.Utilization;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>
/// Picks up billing files dropped into the inbox folder: each is moved under the data directory, recorded in the
/// ledger and scheduled. A file still being written (changed in the last few seconds) waits for the next poll.
/// Resource utilization CSV files (recognised by their header) are imported by <see cref="UtilizationInbox"/> instead.
/// </summary>
public sealed class InboxPollJob(FinOpsPaths paths, ImportService imports, ImportScheduler scheduler, UtilizationInbox utilization, TimeProvider time,
    ILogger<InboxPollJob> logger)
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);
    private static readonly string[] Patterns = ["*.csv", "*.csv.gz", "*.gz", "*.parquet"];

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.InboxDirectory))
        {
            return;
        }

        var files = Patterns
            .SelectMany(p => Directory.EnumerateFiles(paths.InboxDirectory, p, SearchOption.TopDirectoryOnly))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            if (!info.Exists || time.GetUtcNow() - info.LastWriteTimeUtc < SettleTime)
            {
                continue;
            }

            try
            {
                if (await utilization.TryTakeAsync(file, cancellationToken))
                {
                    continue;
                }

                var record = await imports.SubmitExistingFileAsync(file, ImportSource.Inbox, "inbox", cancellationToken);
                scheduler.Schedule(record.Id);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not take {File} from the inbox; will try again", file);
            }
        }
    }
}
