using FinOps.Domain;
using FinOps.Web.Api;
using FinOps.Web.Jobs;
using Hangfire;
using Hangfire.InMemory;
using FinOps.Web.Security;
using MudBlazor.Services;

namespace FinOps.Web.Hosting;

public static class WebSetup
{
    /// <summary>The largest SignalR message a browser may send to its circuit.</summary>
    public const int MaximumCircuitMessageBytes = 512 * 1024;

    /// <summary>Everything FinOps.Web registers: configuration, the domain, Hangfire, the API, the UI.</summary>

    public static void AddFinOpsWeb(this WebApplicationBuilder builder, string[] args)
    {
        builder.UseRootAppSettings(args);
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddFinOpsDomain(sp => sp.GetRequiredService<IConfiguration>().ReadFinOpsOptions());

        // A circuit's first message carries the state the prerendered page handed over (the dashboard's figures): the
        // default 32 KB limit would close the circuit of a large dashboard.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaximumCircuitMessageBytes);
        // Toasts (new anomalies, saved settings) appear bottom right, clear of the page's own buttons at the top.
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddOpenApi();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        services.AddFinOpsSecurity(builder.Configuration);

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) }));
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(2, sp.GetRequiredService<FinOpsOptions>().Ingestion.WorkerCount);
            o.Queues = ["imports", "default"];
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });

        services.AddSingleton<ImportScheduler>();
        services.AddTransient<ImportJob>();
        services.AddTransient<InboxPollJob>();
        services.AddTransient<DemoLiveFeedJob>();
        services.AddTransient<LineItemRetentionJob>();
        services.AddTransient<AlertRetentionJob>();
        services.AddTransient<AnomalyDetectionJob>();
        services.AddSingleton<DemoSeeder>();

        // Subscribed before StartupTasks runs, so that the imports it triggers are followed by anomaly detection and alerts.
        services.AddSingleton<AnomalyDetectionTrigger>();
        services.AddHostedService(sp => sp.GetRequiredService<AnomalyDetectionTrigger>());
        services.AddAlertDelivery();
        services.AddSingleton<BudgetEvaluationTrigger>();
        services.AddHostedService(sp => sp.GetRequiredService<BudgetEvaluationTrigger>());
        services.AddSingleton<Realtime.AlertsBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<Realtime.AlertsBroadcaster>());
        services.AddHostedService<StartupTasks>();
    }
}
