using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Api;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Notifications;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FinOps.Domain.Persistence;

/// <summary>The cost store. Line items and rollups are written in bulk by the importer (raw SQL); EF Core owns the schema.</summary>
public sealed class FinOpsDbContext(DbContextOptions<FinOpsDbContext> options) : IdentityDbContext<FinOpsUser>(options)
{
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportIssue> ImportIssues => Set<ImportIssue>();
    public DbSet<ImportCurrencyTotal> ImportTotals => Set<ImportCurrencyTotal>();
    public DbSet<BillingSlice> BillingSlices => Set<BillingSlice>();
    public DbSet<DimensionValue> DimensionValues => Set<DimensionValue>();
    public DbSet<TagEntry> TagEntries => Set<TagEntry>();
    public DbSet<CostLineItem> LineItems => Set<CostLineItem>();
    public DbSet<RollupChunk> RollupChunks => Set<RollupChunk>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<KioskLink> KioskLinks => Set<KioskLink>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<Anomaly> Anomalies => Set<Anomaly>();
    public DbSet<Optimization.Utilization.ResourceUtilization> ResourceUtilization => Set<Optimization.Utilization.ResourceUtilization>();
    public DbSet<Costs.Explorer.ExplorerSavedView> ExplorerSavedViews => Set<Costs.Explorer.ExplorerSavedView>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<AlertDeliveryAttempt> AlertDeliveryAttempts => Set<AlertDeliveryAttempt>();
    public DbSet<FinOps.Domain.Budgets.Budget> Budgets => Set<FinOps.Domain.Budgets.Budget>();
    public DbSet<FinOps.Domain.Budgets.BudgetChange> BudgetChanges => Set<FinOps.Domain.Budgets.BudgetChange>();
    public DbSet<FinOps.Domain.Budgets.BudgetThresholdFiring> BudgetThresholdFirings => Set<FinOps.Domain.Budgets.BudgetThresholdFiring>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as sortable integers so that SQLite can compare and order them on the server.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<ImportStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportIssueSeverity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AnomalyKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AnomalyStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SeriesLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AlertKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AlertSeverity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ChannelType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<KioskLink>(e =>
        {
            e.ToTable("KioskLinks");
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });
        builder.Entity<AppSetting>(e =>
        {
            e.ToTable("AppSettings");
            e.HasKey(x => x.Key);
        });
        builder.Entity<ImportRecord>(e =>
        {
            e.ToTable("Imports");
            e.HasIndex(x => x.Sha256);
            e.HasIndex(x => x.Status);
            e.HasMany(x => x.Totals).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Issues).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Slices).WithOne().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ImportCurrencyTotal>().ToTable("ImportTotals");
        builder.Entity<ImportIssue>().ToTable("ImportIssues");
        builder.Entity<BillingSlice>(e =>
        {
            e.ToTable("BillingSlices");
            e.HasIndex(x => new { x.BillingAccountId, x.BillingPeriodStart, x.IsCurrent });
        });
        builder.Entity<DimensionValue>(e =>
        {
            e.ToTable("DimensionValues");
            e.HasIndex(x => x.Value).IsUnique();
        });
        builder.Entity<TagEntry>(e =>
        {
            e.ToTable("TagEntries");
            e.HasKey(x => new { x.TagSetId, x.KeyId });
            e.HasIndex(x => new { x.KeyId, x.ValueId, x.TagSetId });
        });
        builder.Entity<CostLineItem>(e =>
        {
            e.ToTable(LineItemSchema.Table);
            // Every index costs each of millions of inserts, so one only: by slice and day. A re-delivery deletes its
            // slice's rows; a line-item page reads the slices and days the rollup's row counts say it needs (decision 014).
            e.HasIndex(x => new { x.SliceId, x.ChargeDay });
        });
        builder.Entity<RollupChunk>(e =>
        {
            e.ToTable(RollupSchema.Table);
            // A few chunks per slice: replacing a delivery deletes them by slice, the in-memory rollup loads them by slice.
            e.HasIndex(x => x.SliceId);
        });
        builder.Entity<Anomaly>(e =>
        {
            e.ToTable("Anomalies");
            // The same anomaly (series, day, kind) is recorded once, whichever run finds it first.
            e.HasIndex(x => new { x.SeriesId, x.Date, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.Status, x.Date });
            e.Ignore(x => x.Series);
            e.Ignore(x => x.Severity);
            e.Ignore(x => x.SeriesLabel);
        });
        builder.Entity<Optimization.Utilization.ResourceUtilization>(e =>
        {
            e.ToTable("ResourceUtilization");
            // One row per resource and day (re-imports replace it); the key also serves "these resources over this range".
            e.HasKey(x => new { x.ResourceId, x.Day });
            e.Ignore(x => x.Date);
        });
        builder.Entity<Costs.Explorer.ExplorerSavedView>(e =>
        {
            e.ToTable("ExplorerSavedViews");
            e.Property(x => x.Name).HasMaxLength(Costs.Explorer.ExplorerSavedView.MaxNameLength);
            e.Property(x => x.OwnerUserId).HasMaxLength(450);
            e.Property(x => x.Query).HasMaxLength(Costs.Explorer.ExplorerSavedView.MaxQueryLength);
            e.HasIndex(x => new { x.OwnerUserId, x.Name }).IsUnique();
            e.Ignore(x => x.Url);
        });
        NotificationsModel.Configure(builder);
        FinOps.Domain.Budgets.BudgetModel.Configure(builder);
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
    }
}
