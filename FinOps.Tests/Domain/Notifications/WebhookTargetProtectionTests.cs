using FinOps.Domain.Administration;
using FinOps.Domain.Notifications;
using FinOps.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Domain.Notifications;

/// <summary>Webhook URLs are stored encrypted, read back just before use, upgraded from plain text once, and a URL that cannot be decrypted is an error, never a crash.</summary>
public sealed class WebhookTargetProtectionTests : IAsyncLifetime
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/XXXXsecretWXYZ";
    private const string TeamsUrl = "https://prod.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=topsecret1234";

    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await DisableInAppAsync(_store);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private NotificationChannelService Channels => _store.Get<NotificationChannelService>();

    private WebhookTargetProtector Protector => _store.Get<WebhookTargetProtector>();

    /// <summary>A protector with a key ring of its own: what this installation sees after its keys were lost.</summary>
    private static WebhookTargetProtector OtherKeyRing() => new(new EphemeralDataProtectionProvider());

    private async Task<string> StoredTargetAsync(long channelId)
    {
        await using var db = await _store.NewDbAsync();
        return (await db.NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == channelId)).Target;
    }

    /// <summary>Writes a channel row as it is, bypassing the service: a database from before encryption, or one whose keys are gone.</summary>
    private async Task<long> InsertRawAsync(ChannelType type, string name, string storedTarget)
    {
        await using var db = await _store.NewDbAsync();
        var channel = new NotificationChannel
        {
            Name = name, Type = type, Enabled = true, Target = storedTarget, ReceivesAnomalies = true, ReceivesBudgets = true,
            MinimumSeverity = AlertSeverity.Info, CreatedBy = "admin@example.com", CreatedAt = _store.Time.GetUtcNow(),
        };
        db.NotificationChannels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    [Theory]
    [InlineData(SlackUrl)]
    [InlineData(TeamsUrl)]
    public void Protect_StoresNeitherTheUrlNorItsSecret_AndReadsBackTheSameUrl(string url)
    {
        var stored = Protector.Protect(url);

        Assert.StartsWith(WebhookTargetProtector.StoredPrefix, stored, StringComparison.Ordinal);
        Assert.True(WebhookTargetProtector.IsProtected(stored));
        Assert.DoesNotContain("secret", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hooks.slack.com", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("logic.azure.com", stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, Protector.Protect(url)); // randomised: equal URLs do not show as equal rows
        Assert.Equal(new WebhookTargetRead(url, null), Protector.Read(stored));
    }

    [Fact]
    public void TheLongestUrlAnAdministratorMayEnter_FitsTheStoredColumn_EvenInThreeByteCharacters()
    {
        var ascii = "https://example.com/" + new string('a', NotificationChannelService.MaxTargetLength - 20);
        var wide = "https://example.com/" + new string('€', NotificationChannelService.MaxTargetLength - 20);

        Assert.InRange(Protector.Protect(ascii).Length, 1, WebhookTargetProtector.MaxStoredLength);
        Assert.InRange(Protector.Protect(wide).Length, 1, WebhookTargetProtector.MaxStoredLength);
        Assert.Equal(wide, Protector.Read(Protector.Protect(wide)).Url);
    }

    [Fact]
    public void Read_APlainUrlFromBeforeEncryption_IsThatUrl_AndAValueFromAnotherKeyRingOrAlteredIsUnreadable()
    {
        Assert.Equal(new WebhookTargetRead(SlackUrl, null), Protector.Read(SlackUrl));
        Assert.False(WebhookTargetProtector.IsProtected(SlackUrl));

        var lostKeys = Protector.Read(OtherKeyRing().Protect(SlackUrl));
        var altered = Protector.Read(WebhookTargetProtector.StoredPrefix + "not base64url!");
        var truncated = Protector.Read(Protector.Protect(SlackUrl)[..^8]);

        Assert.All(new[] { lostKeys, altered, truncated }, read =>
        {
            Assert.False(read.IsReadable);
            Assert.Null(read.Url);
            Assert.Equal(WebhookTargetProtector.UnreadableError, read.Error);
        });
    }

    [Fact]
    public async Task SavingAWebhookChannel_StoresTheUrlEncrypted_ListsItMasked_AndAuditsItMasked()
    {
        var slack = await AddChannelAsync(_store, ChannelType.Slack, "Ops Slack", SlackUrl);
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");

        var stored = await StoredTargetAsync(slack.Id);
        Assert.True(WebhookTargetProtector.IsProtected(stored));
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal);
        Assert.Equal(SlackUrl, Protector.Read(stored).Url);
        Assert.Equal("finance@example.com", await StoredTargetAsync(email.Id)); // addresses stay plain

        var listed = (await Channels.ListAsync(CancellationToken.None)).Single(s => s.Channel.Id == slack.Id);
        Assert.Equal(("https://hooks.slack.com/…WXYZ", (string?)null), (listed.DisplayTarget, listed.TargetError));
        var audit = Assert.Single(await _store.Get<AuditLog>().SearchAsync("notification-channel.created", null, null, 10, CancellationToken.None),
            e => e.EntityId == slack.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("https://hooks.slack.com/", audit.NewValues, StringComparison.Ordinal); // masked: "…" is escaped in the JSON
        Assert.Contains("WXYZ", audit.NewValues, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", audit.NewValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingWithTheUrlLeftEmpty_KeepsTheSavedUrl_AndANewUrlReplacesIt()
    {
        var slack = await AddChannelAsync(_store, ChannelType.Slack, "Ops Slack", SlackUrl);

        var renamed = await Channels.SaveAsync(ChannelDraft.From(slack) with { Name = "Ops alerts" }, "admin@example.com", CancellationToken.None);
        Assert.True(renamed.Succeeded);
        Assert.Equal(SlackUrl, Protector.Read(await StoredTargetAsync(slack.Id)).Url);

        const string newUrl = "https://hooks.slack.com/services/T000/B000/NEWsecretABCD";
        var replaced = await Channels.SaveAsync(ChannelDraft.From(slack) with { Name = "Ops alerts", Target = newUrl }, "admin@example.com", CancellationToken.None);
        Assert.True(replaced.Succeeded);
        Assert.Equal(newUrl, Protector.Read(await StoredTargetAsync(slack.Id)).Url);
    }

    [Fact]
    public async Task PlainUrlsFromBeforeEncryption_AreProtectedOnce_AndASecondRunChangesNothing()
    {
        var slack = await InsertRawAsync(ChannelType.Slack, "Legacy Slack", SlackUrl);
        var teams = await InsertRawAsync(ChannelType.Teams, "Legacy Teams", TeamsUrl);
        var generic = await InsertRawAsync(ChannelType.Webhook, "Legacy JSON", "http://127.0.0.1:9000/hooks/legacy-secret-token");
        var email = await InsertRawAsync(ChannelType.Email, "Legacy email", "finance@example.com");
        var alreadyProtected = await AddChannelAsync(_store, ChannelType.Slack, "New Slack", "https://hooks.slack.com/services/T1/B1/alreadyprotected");
        var alreadyProtectedBefore = await StoredTargetAsync(alreadyProtected.Id);

        Assert.Equal(3, await Channels.ProtectStoredWebhookUrlsAsync(CancellationToken.None));
        var afterFirstRun = new Dictionary<long, string>();
        foreach (var id in new[] { slack, teams, generic, email, alreadyProtected.Id })
        {
            afterFirstRun[id] = await StoredTargetAsync(id);
        }

        Assert.Equal(0, await Channels.ProtectStoredWebhookUrlsAsync(CancellationToken.None));

        foreach (var (id, stored) in afterFirstRun)
        {
            Assert.Equal(stored, await StoredTargetAsync(id)); // the second run rewrote nothing
        }

        Assert.Equal(alreadyProtectedBefore, afterFirstRun[alreadyProtected.Id]);
        Assert.Equal(SlackUrl, Protector.Read(afterFirstRun[slack]).Url);
        Assert.Equal(TeamsUrl, Protector.Read(afterFirstRun[teams]).Url);
        Assert.Equal("http://127.0.0.1:9000/hooks/legacy-secret-token", Protector.Read(afterFirstRun[generic]).Url);
        Assert.All(new[] { slack, teams, generic }, id => Assert.True(WebhookTargetProtector.IsProtected(afterFirstRun[id])));
        Assert.Equal("finance@example.com", afterFirstRun[email]);
        var listed = await Channels.ListAsync(CancellationToken.None);
        Assert.Equal(6, listed.Count); // the seeded in-app channel and the five above: none lost
        Assert.All(listed, s => Assert.Null(s.TargetError));

        var audit = Assert.Single(await _store.Get<AuditLog>().SearchAsync("notification-channel.url-protected", null, null, 10, CancellationToken.None));
        Assert.DoesNotContain("secret", audit.NewValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUrlThatCannotBeDecrypted_IsAnErrorOnItsChannel_ItsDeliveriesFailWithThatReason_AndNothingCrashes()
    {
        var lost = await InsertRawAsync(ChannelType.Slack, "Lost keys", OtherKeyRing().Protect(SlackUrl));
        var storedBefore = await StoredTargetAsync(lost);

        // Start-up leaves it alone (it is recognised as protected) and does not fail.
        Assert.Equal(0, await Channels.ProtectStoredWebhookUrlsAsync(CancellationToken.None));
        Assert.Equal(storedBefore, await StoredTargetAsync(lost));

        // Settings → Notifications marks the channel.
        var listed = (await Channels.ListAsync(CancellationToken.None)).Single(s => s.Channel.Id == lost);
        Assert.Equal(("", WebhookTargetProtector.UnreadableError), (listed.DisplayTarget, listed.TargetError));

        // Its deliveries fail with the reason, through the retries, without reaching any endpoint.
        Assert.True(await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("budget:1:2024-10:80"), CancellationToken.None));
        var dispatcher = _store.Get<AlertDispatcher>();
        Assert.Equal(new DeliveryRunResult(0, 1, 0), await dispatcher.DeliverDueAsync(CancellationToken.None));
        foreach (var wait in DeliveryRetryPolicy.Backoff)
        {
            _store.Time.Advance(wait);
            await dispatcher.DeliverDueAsync(CancellationToken.None);
        }

        await using (var db = await _store.NewDbAsync())
        {
            var delivery = await db.AlertDeliveries.AsNoTracking().Include(d => d.AttemptLog).SingleAsync(d => d.ChannelId == lost);
            Assert.Equal((DeliveryStatus.Failed, DeliveryRetryPolicy.MaxAttempts, WebhookTargetProtector.UnreadableError),
                (delivery.Status, delivery.Attempts, delivery.LastError));
            Assert.All(delivery.AttemptLog, a => Assert.Equal(WebhookTargetProtector.UnreadableError, a.Error));
        }

        Assert.Equal(new ChannelTestResult(false, WebhookTargetProtector.UnreadableError),
            await dispatcher.SendTestAsync(lost, "admin@example.com", CancellationToken.None));

        // Keeping "the saved URL" is refused on the field; entering it again makes the channel whole.
        var channel = listed.Channel;
        var kept = await Channels.SaveAsync(ChannelDraft.From(channel) with { Name = "Renamed" }, "admin@example.com", CancellationToken.None);
        Assert.Equal(WebhookTargetProtector.UnreadableError, kept.Errors[nameof(ChannelDraft.Target)]);
        Assert.Equal(storedBefore, await StoredTargetAsync(lost));
        Assert.Equal("Lost keys", (await Channels.ListAsync(CancellationToken.None)).Single(s => s.Channel.Id == lost).Channel.Name);

        var reentered = await Channels.SaveAsync(ChannelDraft.From(channel) with { Target = SlackUrl }, "admin@example.com", CancellationToken.None);
        Assert.True(reentered.Succeeded);
        var repaired = (await Channels.ListAsync(CancellationToken.None)).Single(s => s.Channel.Id == lost);
        Assert.Equal(("https://hooks.slack.com/…WXYZ", (string?)null), (repaired.DisplayTarget, repaired.TargetError));
    }
}
