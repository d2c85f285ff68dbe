using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Domain;

public static class DependencyInjection
{
    /// <summary>Registers the cost store, ingestion and the cost query engine.</summary>
    public static IServiceCollection AddFinOpsDomain(this IServiceCollection services, FinOpsOptions options) =>
        services.AddFinOpsDomain(_ => options);

    /// <summary>Same, with the options read when the container first needs them (so hosts and tests can override configuration late).</summary>
    public static IServiceCollection AddFinOpsDomain(this IServiceCollection services, Func<IServiceProvider, FinOpsOptions> options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new FinOpsPaths(sp.GetRequiredService<FinOpsOptions>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<FinOpsDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<FinOpsPaths>().ConnectionString));
        services.AddSingleton(typeof(Notifier<>));
        services.AddSingleton<ImportProgressTracker>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportLedger>();
        services.AddSingleton<DimensionCache>();
        services.AddSingleton<RollupCache>();
        services.AddSingleton<CostQueryEngine>();
        services.AddSingleton<Costs.LineItems.LineItemQueryService>();
        services.AddSingleton<Costs.Export.CostExportService>();
        services.AddSingleton<Optimization.Utilization.UtilizationCsvImporter>();
        services.AddSingleton<Optimization.Utilization.UtilizationStatistics>();
        services.AddSingleton<Optimization.Utilization.UtilizationInbox>();
        services.AddSingleton<CostOverviewService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<Costs.Explorer.ExplorerService>();
        services.AddSingleton<Costs.Explorer.SavedViewService>();
        services.AddSingleton<Anomalies.SeriesBuilder>();
        services.AddSingleton<Anomalies.AnomalyService>();
        services.AddSingleton<Budgets.BudgetService>();
        services.AddSingleton<Budgets.BudgetTracker>();
        // The alert outbox (IAlertOutbox) is registered by the notifications module; a factory keeps start-up
        // validation from requiring it before that module is wired in.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Budgets.BudgetAlertService>(sp));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Administration.AuditLog>();
        services.AddSingleton<Administration.ApplicationSettingsService>();
        services.AddSingleton<Administration.KioskLinkService>();
        services.AddSingleton<Administration.LineItemRetention>();
        services.AddSingleton<Api.ApiTokenService>();
        services.AddSingleton<Administration.UserAdministration>();
        services.AddFinOpsNotifications();
        return services;
    }
}
