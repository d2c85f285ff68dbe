using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Domain;

public static class DependencyInjection
{
    /// <summary>Registers the cost store, ingestion and the cost query engine.</summary>
    public static IServiceCollection AddFinOpsDomain(this IServiceCollection services, FinOpsOptions options, string? workingDirectory = null)
    {
        var paths = new FinOpsPaths(options, workingDirectory);
        services.AddSingleton(options);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<FinOpsDbContext>(o => o.UseSqlite(paths.ConnectionString));
        services.AddSingleton(typeof(Notifier<>));
        services.AddSingleton<ImportProgressTracker>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportLedger>();
        services.AddSingleton<DimensionCache>();
        services.AddSingleton<CostQueryEngine>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
