using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Support;

/// <summary>Counts the contexts the domain services open (one per store round trip: engine query, page of line items, settings read).</summary>
internal sealed class CountingContextFactory(IDbContextFactory<FinOpsDbContext> inner) : IDbContextFactory<FinOpsDbContext>
{
    private int _opened;

    public int Opened => Volatile.Read(ref _opened);

    public void Reset() => Interlocked.Exchange(ref _opened, 0);

    public FinOpsDbContext CreateDbContext()
    {
        Interlocked.Increment(ref _opened);
        return inner.CreateDbContext();
    }

    public Task<FinOpsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opened);
        return inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>Puts a counting factory in front of the registered one (call before anything is resolved).</summary>
    public static void Register(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IDbContextFactory<FinOpsDbContext>));
        services.Remove(original);
        services.AddSingleton(sp => new CountingContextFactory((IDbContextFactory<FinOpsDbContext>)(original.ImplementationFactory?.Invoke(sp)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
        services.AddSingleton<IDbContextFactory<FinOpsDbContext>>(sp => sp.GetRequiredService<CountingContextFactory>());
    }
}
