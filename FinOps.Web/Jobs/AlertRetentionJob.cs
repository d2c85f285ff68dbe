using FinOps.Domain.Notifications;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>Daily: deletes alerts past their retention with their delivery history (thin; the rule lives in the domain).</summary>
public sealed class AlertRetentionJob(AlertRetention retention)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task ApplyAsync(CancellationToken cancellationToken) => retention.ApplyAsync(cancellationToken);
}
