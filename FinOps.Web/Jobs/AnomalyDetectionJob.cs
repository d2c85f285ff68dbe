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
    : IHostedService, IDisposable
{
    /// <summary>How long a requested run waits for more imports to land.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    private int _waiting;
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = costDataChanged.Subscribe(_ =>
        {
            Request();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    /// <summary>Schedules a run unless one is already waiting; true when this call scheduled it.</summary>
    public bool Request()
    {
        if (Interlocked.CompareExchange(ref _waiting, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            jobs.Schedule<AnomalyDetectionJob>(j => j.RunAsync(CancellationToken.None), Delay);
            return true;
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _waiting, 0);
            logger.LogWarning(ex, "Could not schedule anomaly detection; the hourly run will catch up");
            return false;
        }
    }

    /// <summary>Called by the job as it starts: from now on a new import schedules a new run.</summary>
    public void MarkStarted() => Volatile.Write(ref _waiting, 0);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
