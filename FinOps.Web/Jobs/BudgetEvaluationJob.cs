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
    ILogger<BudgetEvaluationTrigger> logger) : CoalescingJobTrigger(logger)
{
    /// <summary>How long a requested run waits for more changes to land.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    protected override string WhatAndFallback => "budget evaluation; the daily run will catch up";

    protected override IEnumerable<IDisposable> Subscribe() =>
    [
        costDataChanged.Subscribe(_ =>
        {
            Request();
            return Task.CompletedTask;
        }),
        budgetsChanged.Subscribe(change =>
        {
            // The evaluation publishes the thresholds it fired: that must not schedule another run.
            if (!change.ThresholdsFired)
            {
                Request();
            }

            return Task.CompletedTask;
        }),
    ];

    protected override void ScheduleRun() => jobs.Schedule<BudgetEvaluationJob>(j => j.RunAsync(CancellationToken.None), Delay);
}
