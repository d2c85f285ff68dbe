using FinOps.Domain.Costs;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Administration;

/// <summary>
/// Deletes line items older than the retention the administrators set (Settings → Application); the daily rollups
/// are kept, so trends and totals over old periods still answer. Audited. Idempotent: a second run deletes nothing.
/// </summary>
public sealed class LineItemRetention(IDbContextFactory<FinOpsDbContext> dbFactory, ApplicationSettingsService settings, AuditLog audit, TimeProvider time)
{
    /// <summary>The audit action of a run that deleted line items; its new values hold <c>Before</c>, the cutoff day.</summary>
    public const string AuditAction = "retention.applied";

    /// <summary>The cutoff recorded in a <see cref="AuditAction"/> entry's new values (null when absent or unreadable).</summary>
    public static DateOnly? DeletedBefore(string newValuesJson)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(newValuesJson);
            return document.RootElement.TryGetProperty("Before", out var before)
                   && DateOnly.TryParseExact(before.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                ? day
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Applies the retention; returns how many line items were deleted (0 when retention is off).</summary>
    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        var months = (await settings.GetAsync(ct)).LineItemRetentionMonths;
        if (months <= 0)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var cutoff = CostQueryEngine.DayNumber(new DateOnly(today.Year, today.Month, 1).AddMonths(-months));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.LineItems.Where(l => l.ChargeDay < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            await audit.WriteAsync("system", AuditAction, "LineItems", null, null, new { Deleted = deleted, Before = CostQueryEngine.DateFromDay(cutoff) },
                $"Deleted {deleted:N0} line items charged before {CostQueryEngine.DateFromDay(cutoff):yyyy-MM-dd} (daily rollups kept)", ct);
        }

        return deleted;
    }
}
