using FinOps.Domain.Administration;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>Daily: applies the line-item retention set in Settings (thin; the rule lives in the domain).</summary>
public sealed class LineItemRetentionJob(LineItemRetention retention)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task ApplyAsync(CancellationToken cancellationToken) => retention.ApplyAsync(cancellationToken);
}
