using System.Text.Json;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Administration;

/// <summary>
/// The append-only record of changes. The database refuses updates and deletes of audit entries (triggers created by
/// the initial schema migration), so not even a bug in this app can rewrite history.
/// </summary>
public sealed class AuditLog(IDbContextFactory<FinOpsDbContext> dbFactory, TimeProvider time)
{
    public async Task WriteAsync(string actor, string action, string entityType, string? entityId, object? oldValues, object? newValues,
        string? summary, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OldValues = ToJson(oldValues),
            NewValues = ToJson(newValues),
            Summary = summary,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Newest first; <paramref name="text"/> matches actor, action, entity or summary.</summary>
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(string? text, DateTimeOffset? from, DateTimeOffset? to, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = $"%{text.Trim()}%";
            query = query.Where(e => EF.Functions.Like(e.Actor, pattern) || EF.Functions.Like(e.Action, pattern)
                || EF.Functions.Like(e.EntityType, pattern) || EF.Functions.Like(e.EntityId ?? "", pattern)
                || EF.Functions.Like(e.Summary ?? "", pattern));
        }

        if (from is { } f)
        {
            query = query.Where(e => e.At >= f);
        }

        if (to is { } t)
        {
            query = query.Where(e => e.At < t);
        }

        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    private static string? ToJson(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value),
    };
}
