using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Notifications;

/// <summary>The EF Core model of notifications: channels, the alert outbox, deliveries and their attempts.</summary>
internal static class NotificationsModel
{
    /// <summary>When the seeded in-app channel counts as created (a fixed value: seed data must not change between builds).</summary>
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<NotificationChannel>(e =>
        {
            e.ToTable("NotificationChannels");
            e.Property(x => x.Name).HasMaxLength(NotificationChannelService.MaxNameLength);
            // Webhook URLs are stored encrypted: longer than the URL an administrator may enter.
            e.Property(x => x.Target).HasMaxLength(WebhookTargetProtector.MaxStoredLength);
            e.Ignore(x => x.IsWebhook);
            // Every installation starts with the in-app channel, so dashboards show alerts before anyone configures anything.
            e.HasData(new NotificationChannel
            {
                Id = NotificationChannel.DefaultInAppChannelId,
                Name = "In-app (dashboards and alerts hub)",
                Type = ChannelType.InApp,
                Enabled = true,
                Target = "",
                ReceivesAnomalies = true,
                ReceivesBudgets = true,
                MinimumSeverity = AlertSeverity.Info,
                CreatedBy = "system",
                CreatedAt = SeededAt,
            });
        });
        builder.Entity<Alert>(e =>
        {
            e.ToTable("Alerts");
            // The outbox's idempotence: one alert per key, however many writers race to store it.
            e.HasIndex(x => x.DeduplicationKey).IsUnique();
            e.HasIndex(x => new { x.Kind, x.OccurredAt });
            e.Property(x => x.DeduplicationKey).HasMaxLength(AlertOutboxService.MaxDeduplicationKeyLength);
            e.Property(x => x.Currency).HasMaxLength(8);
            e.HasMany(x => x.Deliveries).WithOne(x => x.Alert).HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AlertDelivery>(e =>
        {
            e.ToTable("AlertDeliveries");
            // The dispatcher's claim scans pending rows by due time.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.ClaimToken);
            e.HasIndex(x => new { x.AlertId, x.ChannelId }).IsUnique();
            e.HasOne(x => x.Channel).WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.AttemptLog).WithOne().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AlertDeliveryAttempt>(e => e.ToTable("AlertDeliveryAttempts"));
    }
}
