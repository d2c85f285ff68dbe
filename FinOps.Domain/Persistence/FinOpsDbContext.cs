using FinOps.Domain.Api;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FinOps.Domain.Persistence;

/// <summary>The cost store. Line items and rollups are written in bulk by the importer (raw SQL); EF Core owns the schema.</summary>
public sealed class FinOpsDbContext(DbContextOptions<FinOpsDbContext> options) : DbContext(options)
{
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportIssue> ImportIssues => Set<ImportIssue>();
    public DbSet<ImportCurrencyTotal> ImportTotals => Set<ImportCurrencyTotal>();
    public DbSet<BillingSlice> BillingSlices => Set<BillingSlice>();
    public DbSet<DimensionValue> DimensionValues => Set<DimensionValue>();
    public DbSet<TagEntry> TagEntries => Set<TagEntry>();
    public DbSet<CostLineItem> LineItems => Set<CostLineItem>();
    public DbSet<DailyCost> DailyCosts => Set<DailyCost>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as sortable integers so that SQLite can compare and order them on the server.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<ImportStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportIssueSeverity>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ImportRecord>(e =>
        {
            e.ToTable("Imports");
            e.HasIndex(x => x.Sha256);
            e.HasIndex(x => x.Status);
            e.HasMany(x => x.Totals).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Issues).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Slices).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ImportCurrencyTotal>().ToTable("ImportTotals");
        modelBuilder.Entity<ImportIssue>().ToTable("ImportIssues");
        modelBuilder.Entity<BillingSlice>(e =>
        {
            e.ToTable("BillingSlices");
            e.HasIndex(x => new { x.BillingAccountId, x.BillingPeriodStart, x.IsCurrent });
        });
        modelBuilder.Entity<DimensionValue>(e =>
        {
            e.ToTable("DimensionValues");
            e.HasIndex(x => x.Value).IsUnique();
        });
        modelBuilder.Entity<TagEntry>(e =>
        {
            e.ToTable("TagEntries");
            e.HasKey(x => new { x.TagSetId, x.KeyId });
            e.HasIndex(x => new { x.KeyId, x.ValueId, x.TagSetId });
        });
        modelBuilder.Entity<CostLineItem>(e =>
        {
            e.ToTable(LineItemSchema.Table);
            e.HasIndex(x => x.SliceId);
            e.HasIndex(x => new { x.ChargeDay, x.ImportId });
        });
        modelBuilder.Entity<DailyCost>(e =>
        {
            e.ToTable(RollupSchema.Table);
            e.HasIndex(x => x.SliceId);
            e.HasIndex(x => new { x.ChargeDay, x.BillingCurrencyId, x.ServiceNameId });
        });
        modelBuilder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
    }
}
