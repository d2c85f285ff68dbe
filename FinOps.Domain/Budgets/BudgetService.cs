using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FinOps.Domain.Administration;
using FinOps.Domain.Common;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Budgets;

/// <summary>
/// A budget was created, changed or deleted, or (<paramref name="ThresholdsFired"/>) the evaluation fired some of its
/// thresholds: open budget views reload.
/// </summary>
public sealed record BudgetsChanged(long BudgetId, bool ThresholdsFired = false);

public enum BudgetSaveOutcome
{
    Saved,
    Invalid,
    NotFound,

    /// <summary>Someone else saved the budget since the caller loaded it: nothing was changed.</summary>
    Conflict,
}

/// <summary>
/// The answer of a save or delete. <see cref="Budget"/> is the saved budget, or on <see cref="BudgetSaveOutcome.Conflict"/>
/// the current one (to reload); <see cref="Errors"/> holds the validation messages by field.
/// </summary>
public sealed record BudgetSaveResult(BudgetSaveOutcome Outcome, Budget? Budget, IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static BudgetSaveResult Saved(Budget? budget) => new(BudgetSaveOutcome.Saved, budget, NoErrors);

    public static BudgetSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(BudgetSaveOutcome.Invalid, null, errors);

    public static readonly BudgetSaveResult NotFound = new(BudgetSaveOutcome.NotFound, null, NoErrors);

    public static BudgetSaveResult Conflict(Budget current) => new(BudgetSaveOutcome.Conflict, current, NoErrors);

    /// <summary>What a person is told about a conflict.</summary>
    public string ConflictMessage => Budget is { } current
        ? $"{current.UpdatedBy} changed budget \"{current.Name}\" at {current.UpdatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC while you were editing it; your change was not saved."
        : "";
}

/// <summary>
/// Creates, changes and deletes budgets. Every change is validated (nothing saved otherwise), checked against the
/// version the caller loaded (optimistic concurrency: a second save based on an old version is refused, never
/// silently overwriting), recorded in the budget's history and in the audit log, and published to
/// <see cref="Notifier{BudgetsChanged}"/>.
/// </summary>
public sealed class BudgetService(IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit, Notifier<BudgetsChanged> changed, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<Budget>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Budgets.AsNoTracking().OrderBy(b => b.Name).ThenBy(b => b.Id).ToListAsync(ct);
    }

    public async Task<Budget?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
    }

    /// <summary>The budget's changes, newest first (kept after a delete).</summary>
    public async Task<IReadOnlyList<BudgetChange>> HistoryAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BudgetChanges.AsNoTracking().Where(c => c.BudgetId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
    }

    /// <summary>The thresholds fired in one period of a budget, in the order they fired.</summary>
    public async Task<IReadOnlyList<BudgetThresholdFiring>> FiringsAsync(long budgetId, DateOnly periodStart, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BudgetThresholdFirings.AsNoTracking().Where(f => f.BudgetId == budgetId && f.PeriodStart == periodStart)
            .OrderBy(f => f.Id).ToListAsync(ct);
    }

    public async Task<BudgetSaveResult> CreateAsync(BudgetDefinition definition, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = BudgetValidation.Validate(definition);
        if (errors.Count > 0)
        {
            return BudgetSaveResult.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var budget = new Budget { Name = "", Owner = "", Currency = "", CreatedBy = actor, UpdatedBy = actor, CreatedAt = now, UpdatedAt = now, Version = 1 };
        budget.Apply(definition);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Budgets.Add(budget);
            await db.SaveChangesAsync(ct);
            var values = Serialize(budget.ToDefinition());
            db.BudgetChanges.Add(new BudgetChange
            {
                BudgetId = budget.Id, At = now, Actor = actor, Action = "created", Summary = $"created \"{budget.Name}\"", NewValues = values,
            });
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "budget.created", nameof(Budget), Id(budget.Id), null, values, $"Budget \"{budget.Name}\" created", ct);
        }

        await changed.PublishAsync(new BudgetsChanged(budget.Id));
        return BudgetSaveResult.Saved(budget);
    }

    /// <summary>Saves <paramref name="definition"/> if the stored budget still has <paramref name="expectedVersion"/>.</summary>
    public async Task<BudgetSaveResult> UpdateAsync(long id, BudgetDefinition definition, int expectedVersion, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = BudgetValidation.Validate(definition);
        if (errors.Count > 0)
        {
            return BudgetSaveResult.Invalid(errors);
        }

        Budget budget;
        string summary;
        string oldValues, newValues;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            budget = (await db.Budgets.SingleOrDefaultAsync(b => b.Id == id, ct))!;
            if (budget is null)
            {
                return BudgetSaveResult.NotFound;
            }

            if (budget.Version != expectedVersion)
            {
                return BudgetSaveResult.Conflict(budget);
            }

            var before = budget.ToDefinition();
            budget.Apply(definition);
            var after = budget.ToDefinition();
            summary = Describe(before, after);
            if (summary.Length == 0)
            {
                return BudgetSaveResult.Saved(budget);
            }

            var now = time.GetUtcNow();
            budget.Version++;
            budget.UpdatedAt = now;
            budget.UpdatedBy = actor;
            (oldValues, newValues) = (Serialize(before), Serialize(after));
            db.BudgetChanges.Add(new BudgetChange
            {
                BudgetId = id, At = now, Actor = actor, Action = "updated", Summary = summary, OldValues = oldValues, NewValues = newValues,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved between our read and our write: the version in the WHERE clause matched no row.
                var current = await GetAsync(id, ct);
                return current is null ? BudgetSaveResult.NotFound : BudgetSaveResult.Conflict(current);
            }
        }

        await audit.WriteAsync(actor, "budget.updated", nameof(Budget), Id(id), oldValues, newValues, $"Budget \"{budget.Name}\": {summary}", ct);
        await changed.PublishAsync(new BudgetsChanged(id));
        return BudgetSaveResult.Saved(budget);
    }

    /// <summary>Deletes the budget if it still has <paramref name="expectedVersion"/>; its history is kept.</summary>
    public async Task<BudgetSaveResult> DeleteAsync(long id, int expectedVersion, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Budget budget;
        string oldValues;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            budget = (await db.Budgets.SingleOrDefaultAsync(b => b.Id == id, ct))!;
            if (budget is null)
            {
                return BudgetSaveResult.NotFound;
            }

            if (budget.Version != expectedVersion)
            {
                return BudgetSaveResult.Conflict(budget);
            }

            oldValues = Serialize(budget.ToDefinition());
            db.Budgets.Remove(budget);
            db.BudgetThresholdFirings.RemoveRange(db.BudgetThresholdFirings.Where(f => f.BudgetId == id));
            db.BudgetChanges.Add(new BudgetChange
            {
                BudgetId = id, At = time.GetUtcNow(), Actor = actor, Action = "deleted", Summary = $"deleted \"{budget.Name}\"", OldValues = oldValues,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await GetAsync(id, ct);
                return current is null ? BudgetSaveResult.NotFound : BudgetSaveResult.Conflict(current);
            }
        }

        await audit.WriteAsync(actor, "budget.deleted", nameof(Budget), Id(id), oldValues, null, $"Budget \"{budget.Name}\" deleted", ct);
        await changed.PublishAsync(new BudgetsChanged(id));
        return BudgetSaveResult.Saved(null);
    }

    /// <summary>The changed fields, e.g. <c>amount 1000 → 1200; owner ana → bo</c>; empty when nothing changed.</summary>
    public static string Describe(BudgetDefinition before, BudgetDefinition after)
    {
        var parts = new List<string>();
        void Compare(string field, string old, string @new)
        {
            if (!string.Equals(old, @new, StringComparison.Ordinal))
            {
                parts.Add($"{field} {(old.Length == 0 ? "(none)" : old)} → {(@new.Length == 0 ? "(none)" : @new)}");
            }
        }

        Compare("name", before.Name, after.Name);
        Compare("owner", before.Owner, after.Owner);
        Compare("scope", string.Join(" & ", before.Scope), string.Join(" & ", after.Scope));
        Compare("metric", before.Metric.ToString(), after.Metric.ToString());
        Compare("currency", before.Currency, after.Currency);
        Compare("period", before.PeriodType.ToString(), after.PeriodType.ToString());
        Compare("amount", Money(before.Amount), Money(after.Amount));
        Compare("plan", Plan(before.Plan), Plan(after.Plan));
        Compare("thresholds", BudgetValidation.FormatThresholds(before.Thresholds), BudgetValidation.FormatThresholds(after.Thresholds));
        Compare("start", Date(before.StartDate), Date(after.StartDate));
        Compare("end", before.EndDate is { } e1 ? Date(e1) : "", after.EndDate is { } e2 ? Date(e2) : "");
        return string.Join("; ", parts);

        static string Money(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
        static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string Plan(IEnumerable<BudgetPlanMonth> plan) =>
            string.Join(", ", plan.OrderBy(p => p.Month).Select(p => $"{p.Month:yyyy-MM} {Money(p.Amount)}"));
    }

    public static string Serialize(BudgetDefinition definition) => JsonSerializer.Serialize(definition, Json);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
