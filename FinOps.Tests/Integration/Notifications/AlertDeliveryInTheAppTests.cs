using System.Text.Json.Nodes;
using FinOps.Domain.Notifications;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>The real app: an alert queued through the outbox goes out at once (trigger → Hangfire job → dispatcher).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class AlertDeliveryInTheAppTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    [Fact]
    public async Task AQueuedAlert_IsPostedToAWebhookWithinSeconds_WithoutWaitingForTheMinutelyRun()
    {
        await using var listener = await LocalWebhookListener.StartAsync();
        var services = app.Services;
        var channel = (await services.GetRequiredService<NotificationChannelService>().SaveAsync(
            new ChannelDraft { Name = "Generic hook", Type = ChannelType.Webhook, Target = listener.Url("/alerts") }, FinOpsAppFactory.AdminEmail,
            CancellationToken.None)).Channel!;

        Assert.True(await services.GetRequiredService<IAlertOutbox>().EnqueueAsync(Budget("budget:app:1"), CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (listener.Received.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var received = Assert.Single(listener.Received);
        Assert.Equal("budget:app:1", JsonNode.Parse(received.Body)!["deduplicationKey"]!.GetValue<string>());
        Assert.StartsWith("http://localhost", JsonNode.Parse(received.Body)!["link"]!.GetValue<string>(), StringComparison.Ordinal);
        var history = await services.GetRequiredService<AlertHistory>().ListDeliveriesAsync(null, 10, CancellationToken.None);
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (history.Single(d => d.ChannelId == channel.Id).Status != DeliveryStatus.Delivered && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            history = await services.GetRequiredService<AlertHistory>().ListDeliveriesAsync(null, 10, CancellationToken.None);
        }

        Assert.Equal(DeliveryStatus.Delivered, history.Single(d => d.ChannelId == channel.Id).Status);
    }

    [Fact]
    public void TheDeliveryJob_RunsEveryMinute_ForRetriesAndAfterARestart()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == FinOps.Web.Jobs.AlertDeliveryJob.RecurringJobId);

        Assert.Equal(Cron.Minutely(), job.Cron);
    }
}
