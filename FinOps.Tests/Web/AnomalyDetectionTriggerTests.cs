using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Tests.Components.Pages;
using FinOps.Web.Jobs;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Tests.Web;

public sealed class AnomalyDetectionTriggerTests
{
    private readonly Notifier<CostDataChanged> _costDataChanged = new();
    private readonly RecordingJobClient _jobs = new();

    private AnomalyDetectionTrigger NewTrigger() => new(_costDataChanged, _jobs, NullLogger<AnomalyDetectionTrigger>.Instance);

    [Fact]
    public async Task ABurstOfImports_SchedulesOneDelayedDetectionRun()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);

        for (var i = 1; i <= 65; i++)
        {
            await _costDataChanged.PublishAsync(new CostDataChanged(i, DateTimeOffset.UnixEpoch));
        }

        var job = Assert.Single(_jobs.Created);
        Assert.Equal((typeof(AnomalyDetectionJob), nameof(AnomalyDetectionJob.RunAsync)), (job.Type, job.Method.Name));
        Assert.IsType<ScheduledState>(Assert.Single(_jobs.States)); // delayed, so that the rest of the burst lands first
    }

    [Fact]
    public async Task AnImportAfterTheRunStarted_SchedulesAnotherRun()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);
        await _costDataChanged.PublishAsync(new CostDataChanged(1, DateTimeOffset.UnixEpoch));

        trigger.MarkStarted();
        await _costDataChanged.PublishAsync(new CostDataChanged(2, DateTimeOffset.UnixEpoch));
        await _costDataChanged.PublishAsync(new CostDataChanged(3, DateTimeOffset.UnixEpoch));

        Assert.Equal(2, _jobs.Created.Count);
    }

    [Fact]
    public async Task Stop_Unsubscribes()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);
        Assert.Equal(1, _costDataChanged.SubscriberCount);

        await trigger.StopAsync(CancellationToken.None);

        Assert.Equal(0, _costDataChanged.SubscriberCount);
        await _costDataChanged.PublishAsync(new CostDataChanged(1, DateTimeOffset.UnixEpoch));
        Assert.Empty(_jobs.Created);
    }
}
