using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Domain.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// The outbox, the dispatcher and the channel senders. <see cref="NotificationOptions"/> default to nothing configured
    /// (no SMTP); a host registers its own after this to configure them. The host also registers ASP.NET Core Data
    /// Protection (an <c>IDataProtectionProvider</c> whose keys persist): webhook URLs are stored encrypted with it.
    /// </summary>
    public static IServiceCollection AddFinOpsNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(new NotificationOptions());
        services.AddHttpClient(WebhookAlertSender.HttpClientName, (sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(Math.Clamp(sp.GetRequiredService<NotificationOptions>().WebhookTimeoutSeconds, 1, 300)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // The factory's loggers write each request's URL (path included) at Information: the path of a webhook URL is
            // its credential. Failures are recorded on the delivery with the URL masked instead.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookTargetProtector>();
        services.AddSingleton<AlertOutboxService>();
        services.AddSingleton<IAlertOutbox>(sp => sp.GetRequiredService<AlertOutboxService>());
        services.AddSingleton<IAlertChannelSender, InAppAlertSender>();
        services.AddSingleton<IAlertChannelSender, EmailAlertSender>();
        services.AddSingleton<IAlertChannelSender, WebhookAlertSender>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertHistory>();
        services.AddSingleton<AlertRetention>();
        services.AddSingleton<NotificationChannelService>();
        return services;
    }
}
