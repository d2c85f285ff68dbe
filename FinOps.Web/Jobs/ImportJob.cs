using FinOps.Domain.Billing.Ingestion;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>Loads one queued import. Thin and idempotent: the service only processes an import that is still Queued.</summary>
public sealed class ImportJob(ImportService imports)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue("imports")]
    public Task RunAsync(long importId, CancellationToken cancellationToken) => imports.RunAsync(importId, cancellationToken);
}

/// <summary>Schedules import jobs.</summary>
public sealed class ImportScheduler(IBackgroundJobClient jobs)
{
    public string Schedule(long importId) => jobs.Enqueue<ImportJob>(j => j.RunAsync(importId, CancellationToken.None));
}
