namespace FinOps.Web.Jobs;

/// <summary>
/// Turns events into job runs without piling them up: <see cref="Request"/> schedules one run unless one is already
/// waiting to start, so a burst of events causes one or two runs. The job calls <see cref="MarkStarted"/> as it starts,
/// so events from then on ask for a new run. A recurring job of the same kind catches anything missed (a restart, a
/// failed schedule). Subscriptions are taken at start and dropped at stop; stopping and disposing may overlap (the host
/// stops the service while the container disposes it), so each takes the list once.
/// </summary>
public abstract class CoalescingJobTrigger(ILogger logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _subscriptions = [];
    private int _waiting;

    /// <summary>Names the job and what catches up if scheduling fails, for the log (e.g. "anomaly detection; the hourly run will catch up").</summary>
    protected abstract string WhatAndFallback { get; }

    /// <summary>The event subscriptions whose events call <see cref="Request"/>.</summary>
    protected abstract IEnumerable<IDisposable> Subscribe();

    /// <summary>Schedules or enqueues one run of the job (throws when the job storage refuses).</summary>
    protected abstract void ScheduleRun();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in Subscribe())
        {
            lock (_gate)
            {
                _subscriptions.Add(subscription);
            }
        }

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
            ScheduleRun();
            return true;
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _waiting, 0);
            logger.LogWarning(ex, "Could not schedule {Job}", WhatAndFallback);
            return false;
        }
    }

    /// <summary>Called by the job as it starts: from now on a new event schedules a new run.</summary>
    public void MarkStarted() => Volatile.Write(ref _waiting, 0);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        IDisposable[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
