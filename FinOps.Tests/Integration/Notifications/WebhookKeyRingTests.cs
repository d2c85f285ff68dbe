using FinOps.Domain;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using FinOps.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>
/// The real app keeps one Data Protection key ring in its data directory, for sign-in cookies and webhook URLs alike: a
/// URL saved by one process is read by the next, and plain URLs of an older database are encrypted when the app starts.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class WebhookKeyRingTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/XXXXsecretWXYZ";

    private static string[] KeyFiles(string dataDirectory)
    {
        var keys = Path.Combine(dataDirectory, DataProtectionSetup.KeysFolderName);
        return Directory.Exists(keys) ? Directory.GetFiles(keys, "key-*.xml") : [];
    }

    /// <summary>The domain services on <paramref name="dataDirectory"/> with the app's Data Protection setup: another process on the same data.</summary>
    private static ServiceProvider AnotherProcess(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = dataDirectory });
        services.AddFinOpsDataProtection();
        return services.BuildServiceProvider();
    }

    private static async Task<string> StoredTargetAsync(IServiceProvider services, string name)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();
        return (await db.NotificationChannels.AsNoTracking().SingleAsync(c => c.Name == name)).Target;
    }

    [Fact]
    public async Task SignInCookiesAndWebhookUrls_ShareOneKeyRingInTheDataDirectory_ThatTheNextProcessReads()
    {
        await using var app = new FinOpsAppFactory();
        using (await app.SignInAsync(FinOpsAppFactory.AdminEmail))
        {
            // The sign-in cookie (and the login form's antiforgery token) were protected with a key kept in <data>/keys.
            Assert.Single(KeyFiles(app.DataDirectory));
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(app.DataDirectory, DataProtectionSetup.KeysFolderName)));
        }

        var saved = await app.Services.GetRequiredService<NotificationChannelService>().SaveAsync(
            new ChannelDraft { Name = "Ops Slack", Type = ChannelType.Slack, Target = SlackUrl }, FinOpsAppFactory.AdminEmail, CancellationToken.None);
        Assert.True(saved.Succeeded);
        Assert.Single(KeyFiles(app.DataDirectory)); // the same key: one key ring, not a second one
        var stored = await StoredTargetAsync(app.Services, "Ops Slack");
        Assert.True(WebhookTargetProtector.IsProtected(stored));
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal);

        await using (var next = AnotherProcess(app.DataDirectory))
        {
            Assert.Equal(SlackUrl, next.GetRequiredService<WebhookTargetProtector>().Read(stored).Url);
        }

        var elsewhere = Path.Combine(Path.GetTempPath(), "finops-tests", "keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var lostKeys = AnotherProcess(elsewhere);
            Assert.Equal(WebhookTargetProtector.UnreadableError, lostKeys.GetRequiredService<WebhookTargetProtector>().Read(stored).Error);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task APlainWebhookUrlInADatabaseFromBeforeEncryption_IsEncryptedWhenTheAppStarts_AndReadsBack()
    {
        await using var app = new FinOpsAppFactory();
        // The database as an older version left it: migrated, with a webhook URL in plain text.
        await using (var before = AnotherProcess(app.DataDirectory))
        {
            await before.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await using var db = await before.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();
            db.NotificationChannels.Add(new NotificationChannel
            {
                Name = "Legacy Slack", Type = ChannelType.Slack, Enabled = true, Target = SlackUrl, ReceivesAnomalies = true, ReceivesBudgets = true,
                CreatedBy = "admin@example.com", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        SqliteConnection.ClearAllPools();

        var services = app.Services; // starts the app
        var stored = await StoredTargetAsync(services, "Legacy Slack");

        Assert.True(WebhookTargetProtector.IsProtected(stored));
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal);
        Assert.Equal(SlackUrl, services.GetRequiredService<WebhookTargetProtector>().Read(stored).Url);
        var listed = Assert.Single(await services.GetRequiredService<NotificationChannelService>().ListAsync(CancellationToken.None),
            s => s.Channel.Name == "Legacy Slack");
        Assert.Equal(("https://hooks.slack.com/…WXYZ", (string?)null), (listed.DisplayTarget, listed.TargetError));
    }
}
