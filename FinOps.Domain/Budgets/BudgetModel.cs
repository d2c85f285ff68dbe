using System.Text.Json;
using System.Text.Json.Serialization;
using FinOps.Domain.Costs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FinOps.Domain.Budgets;

/// <summary>
/// The budget tables. A budget is one row: its scope, plan and thresholds are small JSON arrays in its row, so that a
/// save is one row update guarded by <see cref="Budget.Version"/> (the concurrency token). Amounts are <c>decimal</c>
/// stored as TEXT (exact; few rows, never summed or ordered in SQL).
/// </summary>
internal static class BudgetModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Budget>(e =>
        {
            e.ToTable("Budgets");
            e.Property(x => x.Name).HasMaxLength(BudgetValidation.MaxNameLength);
            e.Property(x => x.Owner).HasMaxLength(BudgetValidation.MaxNameLength);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Metric).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.PeriodType).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Scope).HasConversion(JsonList<string>(), Comparer<string>());
            e.Property(x => x.Plan).HasConversion(JsonList<BudgetPlanMonth>(), Comparer<BudgetPlanMonth>());
            e.Property(x => x.Thresholds).HasConversion(JsonList<BudgetThreshold>(), Comparer<BudgetThreshold>());
            e.HasIndex(x => x.Name);
        });
        builder.Entity<BudgetChange>(e =>
        {
            // No foreign key: the history of a deleted budget stays.
            e.ToTable("BudgetChanges");
            e.HasIndex(x => x.BudgetId);
        });
        builder.Entity<BudgetThresholdFiring>(e =>
        {
            e.ToTable("BudgetThresholdFirings");
            // Once per budget, period and threshold, whichever run gets there first.
            e.HasIndex(x => new { x.BudgetId, x.PeriodStart, x.ThresholdKey }).IsUnique();
        });
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<T>, string> JsonList<T>() => new(
        v => JsonSerializer.Serialize(v, Json),
        v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>());

    private static ValueComparer<List<T>> Comparer<T>() => new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        v => v.ToList());
}
