using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using FinOps.Tests.Components.Pages;
using FinOps.Web.Jobs;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Tests.Web;

public sealed class BudgetEvaluationTriggerTests
{
    private readonly Notifier<CostDataChanged> _costDataChanged = new();
    private readonly Notifier<BudgetsChanged> _budgetsChanged = new();
    private readonly RecordingJobClient _jobs = new();

    private BudgetEvaluationTrigger NewTrigger() => new(_costDataChanged, _budgetsChanged, _jobs, NullLogger<BudgetEvaluationTrigger>.Instance);

    [Fact]
    public async Task ABurstOfImportsAndBudgetChanges_SchedulesOneDelayedEvaluation()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);

        for (var i = 1; i <= 20; i++)
        {
            await _costDataChanged.PublishAsync(new CostDataChanged(i, DateTimeOffset.UnixEpoch));
            await _budgetsChanged.PublishAsync(new BudgetsChanged(i));
        }

        var job = Assert.Single(_jobs.Created);
        Assert.Equal((typeof(BudgetEvaluationJob), nameof(BudgetEvaluationJob.RunAsync)), (job.Type, job.Method.Name));
        Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
    }

    [Fact]
    public async Task ThresholdsTheEvaluationFired_DoNotScheduleAnotherRun_ButABudgetEditDoes()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);
        await _costDataChanged.PublishAsync(new CostDataChanged(1, DateTimeOffset.UnixEpoch));
        trigger.MarkStarted();

        await _budgetsChanged.PublishAsync(new BudgetsChanged(7, ThresholdsFired: true));
        Assert.Single(_jobs.Created);

        await _budgetsChanged.PublishAsync(new BudgetsChanged(7));
        Assert.Equal(2, _jobs.Created.Count);
    }

    [Fact]
    public async Task Stop_Unsubscribes()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);

        await trigger.StopAsync(CancellationToken.None);

        Assert.Equal((0, 0), (_costDataChanged.SubscriberCount, _budgetsChanged.SubscriberCount));
    }
}
