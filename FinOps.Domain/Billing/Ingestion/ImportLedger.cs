using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>How current the data of one (provider, billing account) is; stale when older than the provider's threshold.</summary>
public sealed record DataFreshness(string? ProviderName, string BillingAccountId, string? BillingAccountName, DateTimeOffset? DataThrough,
    DateTimeOffset? LastLoadedAt, bool IsStale = false);

/// <summary>Read side of the import ledger, for the Ingestion page, the API and the dashboard.</summary>
public sealed class ImportLedger(IDbContextFactory<FinOpsDbContext> dbFactory, Administration.ApplicationSettingsService settings, TimeProvider time)
{
    /// <summary>The newest imports first, with their totals (issues are loaded per import by <see cref="GetAsync"/>).</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().Include(i => i.Totals)
            .OrderByDescending(i => i.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>One import with its totals, issues and the slices it delivered; null when unknown.</summary>
    public async Task<ImportRecord?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking()
            .Include(i => i.Totals).Include(i => i.Issues).Include(i => i.Slices)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, ct);
    }

    /// <summary>Whether these exact bytes were already loaded (a delivery of them would be recorded as a duplicate).</summary>
    public async Task<bool> AlreadyLoadedAsync(string sha256, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AnyAsync(i => i.Sha256 == sha256 && i.Status == ImportStatus.Succeeded, ct);
    }

    /// <summary>Per provider and billing account: the latest charge period end of the current data, and when it was loaded.</summary>
    public async Task<IReadOnlyList<DataFreshness>> FreshnessAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slices = await db.BillingSlices.AsNoTracking().Where(s => s.IsCurrent)
            .Join(db.Imports, s => s.ImportId, i => i.Id, (s, i) => new { s.ProviderName, s.BillingAccountId, s.BillingAccountName, s.DataThrough, i.FinishedAt })
            .ToListAsync(ct);
        var thresholds = await settings.GetAsync(ct);
        var now = time.GetUtcNow();
        return slices
            .GroupBy(s => (s.ProviderName, s.BillingAccountId))
            .Select(g =>
            {
                var through = g.Max(s => s.DataThrough);
                return new DataFreshness(g.Key.ProviderName, g.Key.BillingAccountId, g.Select(s => s.BillingAccountName).FirstOrDefault(n => n is not null),
                    through, g.Max(s => s.FinishedAt), through is null || now - through > thresholds.StalenessFor(g.Key.ProviderName));
            })
            .OrderBy(f => f.ProviderName, StringComparer.Ordinal).ThenBy(f => f.BillingAccountId, StringComparer.Ordinal)
            .ToList();
    }
}
