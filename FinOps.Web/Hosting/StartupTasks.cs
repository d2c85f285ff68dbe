using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Persistence;
using FinOps.Web.Jobs;
using Hangfire;

namespace FinOps.Web.Hosting;

/// <summary>
/// At start-up: migrate the database, encrypt webhook URLs a database from before encryption at rest still holds in plain
/// text, re-queue imports a previous process left unfinished (the ledger is the durable record, whatever Hangfire storage
/// is used), seed the demo data on an empty store, and register recurring jobs.
/// </summary>
public sealed class StartupTasks(
    DatabaseInitializer database,
    FinOps.Domain.Notifications.NotificationChannelService channels,
    ImportService imports,
    ImportScheduler scheduler,
    IRecurringJobManager recurringJobs,
    DemoSeeder demo,
    FinOps.Web.Security.AdminBootstrapper administrators,
    FinOpsOptions options,
    FinOpsPaths paths,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        // Databases from before webhook URLs were encrypted at rest: protect them once (idempotent).
        await channels.ProtectStoredWebhookUrlsAsync(cancellationToken);
        await administrators.EnsureRolesAndConfiguredAdminAsync(cancellationToken);
        foreach (var id in await imports.RecoverInterruptedAsync(cancellationToken))
        {
            scheduler.Schedule(id);
        }

        var pollSeconds = Math.Max(5, options.Ingestion.InboxPollSeconds);
        recurringJobs.AddOrUpdate<InboxPollJob>("inbox-poll", j => j.PollAsync(CancellationToken.None),
            pollSeconds >= 60 ? Cron.Minutely() : $"*/{pollSeconds} * * * * *");
        recurringJobs.AddOrUpdate<LineItemRetentionJob>("line-item-retention", j => j.ApplyAsync(CancellationToken.None), Cron.Daily(3));
        recurringJobs.AddOrUpdate<AlertRetentionJob>("alert-retention", j => j.ApplyAsync(CancellationToken.None), Cron.Daily(4));
        recurringJobs.AddOrUpdate<AnomalyDetectionJob>("anomaly-detection", j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        recurringJobs.AddOrUpdate<AlertDeliveryJob>(AlertDeliveryJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<BudgetEvaluationJob>("budget-evaluation", j => j.RunAsync(CancellationToken.None), Cron.Daily(6));
        if (options.Demo.Enabled)
        {
            await demo.SeedIfEmptyAsync(cancellationToken);
            if (options.Demo.LiveFeed.Enabled)
            {
                recurringJobs.AddOrUpdate<DemoLiveFeedJob>("demo-live-feed", j => j.DeliverAsync(CancellationToken.None),
                    $"*/{Math.Clamp(options.Demo.LiveFeed.IntervalMinutes, 1, 59)} * * * *");
            }
        }
        else
        {
            recurringJobs.RemoveIfExists("demo-live-feed");
        }

        logger.LogInformation("FinOps Cockpit started; data directory {DataDirectory}", paths.DataDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
