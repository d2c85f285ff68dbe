using FinOps.Domain.Administration;
using FinOps.Domain.Notifications;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Domain.Notifications;

public sealed class NotificationChannelServiceTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private NotificationChannelService Channels => _store.Get<NotificationChannelService>();

    private Task<ChannelSaveResult> SaveAsync(ChannelDraft draft) => Channels.SaveAsync(draft, "admin@example.com", CancellationToken.None);

    [Fact]
    public async Task Save_RefusesEachProblem_OnItsField_AndSavesNothing()
    {
        await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");

        var duplicate = await SaveAsync(new ChannelDraft { Name = " finance ", Type = ChannelType.Email, Target = "x@example.com" });
        var secondInApp = await SaveAsync(new ChannelDraft { Name = "Second in-app", Type = ChannelType.InApp });
        var longName = await SaveAsync(new ChannelDraft { Name = new string('n', 101), Type = ChannelType.Teams, Target = "https://example.com/hook" });
        var noUrl = await SaveAsync(new ChannelDraft { Name = "Teams", Type = ChannelType.Teams, Target = " " });

        Assert.Equal("Another channel is already called 'finance'.", duplicate.Errors[nameof(ChannelDraft.Name)]);
        Assert.Equal("There is already an in-app channel: change that one instead.", secondInApp.Errors[nameof(ChannelDraft.Type)]);
        Assert.Equal("The name is 101 characters long; at most 100.", longName.Errors[nameof(ChannelDraft.Name)]);
        Assert.Equal("Enter the webhook URL.", noUrl.Errors[nameof(ChannelDraft.Target)]);
        Assert.Equal(2, (await Channels.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Delete_RemovesTheChannelAndItsDeliveries_AndIsAudited()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);

        Assert.True(await Channels.DeleteAsync(email.Id, "admin@example.com", CancellationToken.None));
        Assert.False(await Channels.DeleteAsync(email.Id, "admin@example.com", CancellationToken.None));

        await using var db = await _store.NewDbAsync();
        Assert.Equal([NotificationChannel.DefaultInAppChannelId], await db.AlertDeliveries.Select(d => d.ChannelId).ToListAsync());
        Assert.Equal(1, await db.Alerts.CountAsync()); // the alert itself stays
        var audit = Assert.Single(await _store.Get<AuditLog>().SearchAsync("notification-channel.deleted", null, null, 10, CancellationToken.None));
        Assert.Contains("finance@example.com", audit.OldValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelLaterSwitchedOff_ReceivesNoNewAlerts()
    {
        var email = await AddChannelAsync(_store, ChannelType.Email, "Finance", "finance@example.com");
        await SaveAsync(ChannelDraft.From(email) with { Enabled = false });

        await _store.Get<IAlertOutbox>().EnqueueAsync(Budget("b1"), CancellationToken.None);

        await using var db = await _store.NewDbAsync();
        Assert.DoesNotContain(email.Id, await db.AlertDeliveries.Select(d => d.ChannelId).ToListAsync());
    }
}
