using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using Hangfire;

namespace FinOps.Web.Jobs;

/// <summary>
/// Delivers due alert deliveries (thin: claims, retries and the schedule live in <see cref="AlertDispatcher"/>). Runs right
/// after alerts are queued (<see cref="AlertDeliveryTrigger"/>) and every minute for retries and after a restart.
/// Concurrent runs are safe: each claims its rows.
/// </summary>
public sealed class AlertDeliveryJob(AlertDispatcher dispatcher, AlertDeliveryTrigger trigger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "alert-delivery";

    // The dispatcher retries deliveries on its own schedule; a Hangfire retry would only add attempts out of it.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Alerts queued from now on need another run: let the next request enqueue one.
        trigger.MarkStarted();
        await dispatcher.DeliverDueAsync(cancellationToken);
    }
}

/// <summary>
/// Runs the delivery job as soon as alerts are queued (<see cref="AlertDeliveryRequested"/>), so they go out within
/// seconds: one job is enqueued unless one is already waiting to start, so a burst of alerts causes one or two runs.
/// </summary>
public sealed class AlertDeliveryTrigger(Notifier<AlertDeliveryRequested> requested, IBackgroundJobClient jobs, ILogger<AlertDeliveryTrigger> logger)
    : CoalescingJobTrigger(logger)
{
    protected override string WhatAndFallback => "alert delivery; the run every minute will deliver";

    protected override IEnumerable<IDisposable> Subscribe() =>
    [
        requested.Subscribe(_ =>
        {
            Request();
            return Task.CompletedTask;
        }),
    ];

    protected override void ScheduleRun() => jobs.Enqueue<AlertDeliveryJob>(j => j.RunAsync(CancellationToken.None));
}

/// <summary>Registers alert delivery in the web app: configured options, the job, its trigger and the broadcaster to the hub.</summary>
public static class AlertDeliverySetup
{
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().ReadNotificationOptions());
        services.AddTransient<AlertDeliveryJob>();
        services.AddSingleton<AlertDeliveryTrigger>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveryTrigger>());
        return services;
    }

    /// <summary>
    /// <c>FinOps:Notifications</c>, with <see cref="NotificationOptions.PublicBaseUrl"/> from <c>FinOps:PublicBaseUrl</c>, else the
    /// first address in <c>Urls</c> (a wildcard host read as localhost).
    /// </summary>
    public static NotificationOptions ReadNotificationOptions(this IConfiguration configuration)
    {
        var options = new NotificationOptions();
        configuration.GetSection(NotificationOptions.SectionName).Bind(options);
        var publicBaseUrl = configuration["FinOps:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            var first = (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            publicBaseUrl = first?.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal) ?? "";
        }

        options.PublicBaseUrl = publicBaseUrl;
        return options;
    }
}
