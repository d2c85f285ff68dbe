using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Tests.Support;

/// <summary>A real SQLite cost store in a temporary data directory, with the domain services wired as in the app.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestStore(string directory, ServiceProvider services)
    {
        Directory = directory;
        _services = services;
    }

    public string Directory { get; }

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public ImportService Imports => _services.GetRequiredService<ImportService>();

    public CostQueryEngine Costs => _services.GetRequiredService<CostQueryEngine>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestStore> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero)));
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = directory });
        // The app keeps its key ring in the data directory (FinOps.Web/Security/DataProtectionSetup.cs); tests need none that lasts.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new TestStore(directory, provider);
    }

    /// <summary>Submits and runs one import to its end; returns the ledger row with totals and issues.</summary>
    public async Task<ImportRecord> ImportAsync(string csvOrPath, string fileName = "focus.csv", bool isPath = false)
    {
        ImportRecord queued;
        if (isPath)
        {
            await using var file = File.OpenRead(csvOrPath);
            queued = await Imports.SubmitAsync(file, fileName, ImportSource.Api, "test", CancellationToken.None);
        }
        else
        {
            await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csvOrPath));
            queued = await Imports.SubmitAsync(content, fileName, ImportSource.Api, "test", CancellationToken.None);
        }

        await Imports.RunAsync(queued.Id, CancellationToken.None);
        return await LedgerAsync(queued.Id);
    }

    public async Task<ImportRecord> LedgerAsync(long id)
    {
        await using var db = await NewDbAsync();
        return await db.Imports.AsNoTracking().Include(i => i.Totals).Include(i => i.Issues).Include(i => i.Slices)
            .AsSplitQuery().SingleAsync(i => i.Id == id);
    }

    public async Task<FinOpsDbContext> NewDbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();

    public async Task<long> LineItemCountAsync()
    {
        await using var db = await NewDbAsync();
        return await db.LineItems.LongCountAsync();
    }

    /// <summary>Total of a metric per currency over everything stored, by the query engine.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> TotalsAsync(CostMetric metric = CostMetric.BilledCost)
    {
        var result = await Costs.QueryAsync(new CostQuery(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), metric), CancellationToken.None);
        return result.Totals.ToDictionary(t => t.BillingCurrency, t => t.Cost);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
