using FinOps.Domain;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>
/// The domain services on a real SQLite store with configured <see cref="NotificationOptions"/> (SMTP server, public
/// address) and the real channel senders: what the delivery job runs, without the web app around it.
/// </summary>
public sealed class NotificationTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private NotificationTestHost(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public IAlertOutbox Outbox => _services.GetRequiredService<IAlertOutbox>();

    public AlertDispatcher Dispatcher => _services.GetRequiredService<AlertDispatcher>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="logs">Receives every log entry, of every level (by default only warnings and errors are logged, nowhere).</param>
    public static async Task<NotificationTestHost> CreateAsync(NotificationOptions options, ILoggerProvider? logs = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging(l =>
        {
            if (logs is null)
            {
                l.SetMinimumLevel(LogLevel.Warning);
            }
            else
            {
                l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero)));
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = directory });
        // The app keeps its key ring in the data directory (FinOps.Web/Security/DataProtectionSetup.cs); tests need none that lasts.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(options);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var host = new NotificationTestHost(directory, provider);
        // Only the channels a test adds: the seeded in-app channel is switched off.
        await host.SetEnabledAsync(NotificationChannel.DefaultInAppChannelId, false);
        return host;
    }

    public async Task<NotificationChannel> AddChannelAsync(ChannelType type, string name, string target)
    {
        var result = await Get<NotificationChannelService>().SaveAsync(new ChannelDraft { Name = name, Type = type, Target = target },
            "admin@example.com", CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Channel!;
    }

    public async Task SetEnabledAsync(long channelId, bool enabled)
    {
        await using var db = await NewDbAsync();
        var channel = await db.NotificationChannels.SingleAsync(c => c.Id == channelId);
        channel.Enabled = enabled;
        await db.SaveChangesAsync();
    }

    public async Task<AlertDelivery> DeliveryAsync(long channelId)
    {
        await using var db = await NewDbAsync();
        return await db.AlertDeliveries.AsNoTracking().Include(d => d.AttemptLog).SingleAsync(d => d.ChannelId == channelId);
    }

    public async Task<FinOpsDbContext> NewDbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
