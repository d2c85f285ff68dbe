using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>Records new cost anomalies (thin: the detection and its idempotence live in <see cref="AnomalyService"/>).</summary>
public sealed class AnomalyDetectionJob(AnomalyService anomalies, AnomalyDetectionTrigger trigger)
{
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Data that lands from now on needs another run: let the next import schedule one.
        trigger.MarkStarted();
        await anomalies.DetectAsync(cancellationToken);
    }
}

/// <summary>
/// Runs anomaly detection after imports: each <see cref="CostDataChanged"/> asks for a run, and a run is scheduled
/// only if none is waiting, a few seconds later, so that a burst of imports (the demo's first load: 65 of them)
/// causes one or two runs, not one per import. The hourly recurring job catches anything missed (e.g. a restart).
/// </summary>
public sealed class AnomalyDetectionTrigger(Notifier<CostDataChanged> costDataChanged, IBackgroundJobClient jobs, ILogger<AnomalyDetectionTrigger> logger)
    : CoalescingJobTrigger(logger)
{
    /// <summary>How long a requested run waits for more imports to land.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    protected override string WhatAndFallback => "anomaly detection; the hourly run will catch up";

    protected override IEnumerable<IDisposable> Subscribe() =>
    [
        costDataChanged.Subscribe(_ =>
        {
            Request();
            return Task.CompletedTask;
        }),
    ];

    protected override void ScheduleRun() => jobs.Schedule<AnomalyDetectionJob>(j => j.RunAsync(CancellationToken.None), Delay);
}
