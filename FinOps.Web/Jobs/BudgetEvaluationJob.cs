using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>Evaluates budget thresholds (thin: the evaluation and its once-per-period guarantee live in <see cref="BudgetAlertService"/>).</summary>
public sealed class BudgetEvaluationJob(BudgetAlertService alerts, BudgetEvaluationTrigger trigger)
{
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Data or budgets that change from now on need another run: let the next change schedule one.
        trigger.MarkStarted();
        await alerts.EvaluateAsync(cancellationToken);
    }
}

/// <summary>
/// Evaluates budgets after imports and after budget changes: each <see cref="CostDataChanged"/> or
/// <see cref="BudgetsChanged"/> (other than the firings the evaluation itself publishes) asks for a run, scheduled a
/// few seconds later unless one is already waiting, so a burst of imports causes one or two runs. The daily recurring
/// job catches anything missed (a restart, a period that rolled over without new data).
/// </summary>
public sealed class BudgetEvaluationTrigger(
    Notifier<CostDataChanged> costDataChanged,
    Notifier<BudgetsChanged> budgetsChanged,
    IBackgroundJobClient jobs,
    ILogger<BudgetEvaluationTrigger> logger) : IHostedService, IDisposable
{
    /// <summary>How long a requested run waits for more changes to land.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    private int _waiting;
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Keep(costDataChanged.Subscribe(_ =>
        {
            Request();
            return Task.CompletedTask;
        }));
        Keep(budgetsChanged.Subscribe(change =>
        {
            // The evaluation publishes the thresholds it fired: that must not schedule another run.
            if (!change.ThresholdsFired)
            {
                Request();
            }

            return Task.CompletedTask;
        }));
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
            jobs.Schedule<BudgetEvaluationJob>(j => j.RunAsync(CancellationToken.None), Delay);
            return true;
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _waiting, 0);
            logger.LogWarning(ex, "Could not schedule budget evaluation; the daily run will catch up");
            return false;
        }
    }

    /// <summary>Called by the job as it starts: from now on a new change schedules a new run.</summary>
    public void MarkStarted() => Volatile.Write(ref _waiting, 0);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stopping and disposing can overlap (the host stops it while the container disposes it): each takes the list once.</summary>
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
    }

    private void Keep(IDisposable subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }
}
