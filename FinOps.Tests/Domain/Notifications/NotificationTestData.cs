using FinOps.Domain.Notifications;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Notifications;

/// <summary>Alerts and channels for the notification tests.</summary>
internal static class NotificationTestData
{
    public static AlertMessage Budget(string key, AlertSeverity severity = AlertSeverity.Warning, decimal amount = 8_250.50m) => new(
        AlertKind.Budget, severity, "Budget 'Platform' reached 80%", "Spent 8,250.50 USD of 10,000.00 USD in November 2024.", "/budgets/12",
        amount, "USD", new DateTimeOffset(2024, 10, 15, 11, 30, 0, TimeSpan.Zero), key);

    public static async Task<NotificationChannel> AddChannelAsync(TestStore store, ChannelType type, string name, string target = "",
        bool enabled = true, bool anomalies = true, bool budgets = true, AlertSeverity minimum = AlertSeverity.Info)
    {
        var result = await store.Get<NotificationChannelService>().SaveAsync(new ChannelDraft
        {
            Name = name,
            Type = type,
            Target = target,
            Enabled = enabled,
            ReceivesAnomalies = anomalies,
            ReceivesBudgets = budgets,
            MinimumSeverity = minimum,
        }, "admin@example.com", CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Channel!;
    }

    /// <summary>Leaves only the channels a test adds (the store starts with the seeded in-app channel).</summary>
    public static async Task DisableInAppAsync(TestStore store)
    {
        await using var db = await store.NewDbAsync();
        var inApp = await db.NotificationChannels.FindAsync(NotificationChannel.DefaultInAppChannelId);
        inApp!.Enabled = false;
        await db.SaveChangesAsync();
    }
}

/// <summary>A channel sender that records what it was given and fails while <see cref="FailWith"/> is set.</summary>
internal sealed class ScriptedSender(ChannelType type) : IAlertChannelSender
{
    public List<(long ChannelId, long AlertId, AlertMessage Alert, bool IsTest)> Sent { get; } = [];

    public string? FailWith { get; set; }

    /// <summary>Runs during each send (to change the world while a delivery run is under way).</summary>
    public Func<Task>? During { get; set; }

    public bool Handles(ChannelType t) => t == type;

    public async Task SendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct)
    {
        if (During is { } during)
        {
            await during();
        }

        if (FailWith is { } error)
        {
            throw new AlertDeliveryException(error);
        }

        Sent.Add((channel.Id, alertId, alert, isTest));
    }
}
