using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Costs.Explorer;

/// <summary>A named Cost Explorer view of one person: the page's query string (see <see cref="ExplorerUrl"/>).</summary>
public sealed class ExplorerSavedView
{
    public const int MaxNameLength = 100;
    public const int MaxQueryLength = 4000;

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The Identity user id of the person who saved it; only they see it.</summary>
    public required string OwnerUserId { get; set; }

    /// <summary>The query string without '?', as <see cref="ExplorerUrl.Format"/> writes it.</summary>
    public required string Query { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The page URL that opens the view.</summary>
    public string Url => ExplorerUrl.Path + "?" + Query;
}

/// <summary>Saving a view failed: what is wrong, for the person who tried.</summary>
public sealed class SavedViewException(string message) : Exception(message);

/// <summary>Each person's named Cost Explorer views: list, save (a name saved again is replaced), delete.</summary>
public sealed class SavedViewService(IDbContextFactory<FinOpsDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<ExplorerSavedView>> ListAsync(string ownerUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var views = await db.ExplorerSavedViews.AsNoTracking().Where(v => v.OwnerUserId == ownerUserId).ToListAsync(ct);
        return [.. views.OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Saves <paramref name="query"/> under <paramref name="name"/>; a view of the same name (any case) is replaced.</summary>
    /// <exception cref="SavedViewException">The name is empty or too long, or the query is too long.</exception>
    public async Task<ExplorerSavedView> SaveAsync(string ownerUserId, string? name, string query, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new SavedViewException("Give the view a name.");
        }

        if (trimmed.Length > ExplorerSavedView.MaxNameLength)
        {
            throw new SavedViewException($"The name is {trimmed.Length} characters long; at most {ExplorerSavedView.MaxNameLength}.");
        }

        query = query.TrimStart('?');
        if (query.Length > ExplorerSavedView.MaxQueryLength)
        {
            throw new SavedViewException($"This view's link is {query.Length} characters long; at most {ExplorerSavedView.MaxQueryLength} can be saved (remove some filter values).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = await db.ExplorerSavedViews.Where(v => v.OwnerUserId == ownerUserId).ToListAsync(ct);
        var existing = mine.FirstOrDefault(v => string.Equals(v.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (existing is null)
        {
            existing = new ExplorerSavedView { Name = trimmed, OwnerUserId = ownerUserId, Query = query, CreatedAt = time.GetUtcNow() };
            db.ExplorerSavedViews.Add(existing);
        }
        else
        {
            existing.Name = trimmed;
            existing.Query = query;
            existing.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    /// <summary>Deletes the person's view; false when it does not exist or belongs to someone else.</summary>
    public async Task<bool> DeleteAsync(string ownerUserId, long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ExplorerSavedViews.Where(v => v.Id == id && v.OwnerUserId == ownerUserId).ExecuteDeleteAsync(ct) > 0;
    }
}
