using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Notifications;
using FinOps.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.Settings;

public sealed class NotificationsTabTests : SettingsTestContext
{
    private async Task<IRenderedComponent<NotificationsTab>> RenderAsAdminAsync()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        return Render<NotificationsTab>();
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<NotificationsTab> cut) => cut.FindAll("[data-testid='channel-row']");

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<NotificationsTab> cut, string name) =>
        Rows(cut).Single(r => r.QuerySelector("[data-testid='channel-name']")!.TextContent.Trim() == name);

    [Fact]
    public async Task AViewer_IsRefused_AndSeesNoChannels()
    {
        await SignInAsync("viewer@example.com", Roles.Viewer);

        var cut = Render<NotificationsTab>();

        Assert.NotEmpty(cut.FindAll("[data-testid='notifications-denied']"));
        Assert.Empty(cut.FindAll("[data-testid='channels']"));
    }

    [Fact]
    public async Task TheInAppChannel_IsThereFromTheStart()
    {
        var cut = await RenderAsAdminAsync();

        var row = Assert.Single(Rows(cut));
        Assert.Contains("In-app", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("enabled", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEmailChannel_WithABadRecipient_ShowsTheErrorOnTheField_AndSavesNothing_ThenSavesOnceCorrected()
    {
        var cut = await RenderAsAdminAsync();
        Click(cut, "add-channel");
        Type(cut, "channel-name-input", "Finance");
        Type(cut, "channel-target-input", "finance@example.com, not-an-address");

        Click(cut, "save-channel");

        cut.WaitForElement("[data-testid='channel-errors']");
        Assert.Contains("'not-an-address' is not an email address.", cut.Find("[data-testid='channel-editor']").TextContent, StringComparison.Ordinal);
        await using (var db = await NewDbAsync())
        {
            Assert.Equal(1, await db.NotificationChannels.CountAsync());
        }

        Type(cut, "channel-target-input", "finance@example.com, cfo@example.com");
        Click(cut, "save-channel");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='channel-editor']")));
        Assert.Contains("finance@example.com, cfo@example.com", Row(cut, "Finance").TextContent, StringComparison.Ordinal);
        Assert.Single(await Services.GetRequiredService<AuditLog>().SearchAsync("notification-channel.created", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ASlackChannel_RefusesANonHttpUrl_ThenShowsTheSavedUrlMasked_AndKeepsItWhenEditedWithoutANewOne()
    {
        var cut = await RenderAsAdminAsync();
        Click(cut, "add-channel");
        Type(cut, "channel-name-input", "Ops Slack");
        OpenSelect(cut.Find("[data-testid='channel-type']"));
        ChooseOption("Slack");
        Type(cut, "channel-target-input", "ftp://hooks.example.com/x");
        Click(cut, "save-channel");
        cut.WaitForAssertion(() => Assert.Contains("must start with http:// or https://", cut.Find("[data-testid='channel-editor']").TextContent, StringComparison.Ordinal));

        const string url = "https://hooks.slack.com/services/T000/B000/XXXXsecretWXYZ";
        Type(cut, "channel-target-input", url);
        Click(cut, "save-channel");

        cut.WaitForAssertion(() => Assert.Equal("https://hooks.slack.com/…WXYZ", Row(cut, "Ops Slack").QuerySelector("[data-testid='channel-target']")!.TextContent.Trim()));
        Assert.DoesNotContain("secret", cut.Markup, StringComparison.Ordinal);

        Row(cut, "Ops Slack").QuerySelector("[data-testid='edit-channel']")!.Click();
        Assert.Equal("", Input(cut, "channel-target-input").GetAttribute("value") ?? "");
        Type(cut, "channel-name-input", "Ops alerts");
        Click(cut, "save-channel");

        cut.WaitForAssertion(() => Assert.Single(Rows(cut), r => r.TextContent.Contains("Ops alerts", StringComparison.Ordinal)));
        await using var db = await NewDbAsync();
        var stored = (await db.NotificationChannels.SingleAsync(c => c.Name == "Ops alerts")).Target;
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal); // encrypted at rest
        Assert.Equal(url, Services.GetRequiredService<WebhookTargetProtector>().Read(stored).Url);
        var audit = await Services.GetRequiredService<AuditLog>().SearchAsync("notification-channel", null, null, 10, CancellationToken.None);
        Assert.All(audit, e => Assert.DoesNotContain("secret", (e.OldValues ?? "") + e.NewValues, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWebhookChannelWhoseStoredUrlCannotBeDecrypted_SaysSoOnItsRow_AndAsksForTheUrlAgain()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        await using (var db = await NewDbAsync())
        {
            // Encrypted with a key ring this installation does not have (its keys folder was lost).
            var lostKeys = new WebhookTargetProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
            db.NotificationChannels.Add(new NotificationChannel
            {
                Name = "Ops Slack", Type = ChannelType.Slack, Enabled = true, ReceivesAnomalies = true, ReceivesBudgets = true,
                Target = lostKeys.Protect("https://hooks.slack.com/services/T000/B000/XXXXsecretWXYZ"), CreatedBy = "admin@example.com", CreatedAt = Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var cut = Render<NotificationsTab>();

        Assert.Equal(WebhookTargetProtector.UnreadableError, Row(cut, "Ops Slack").QuerySelector("[data-testid='channel-target-error']")!.TextContent.Trim());
        Assert.Contains("enter it again", WebhookTargetProtector.UnreadableError, StringComparison.Ordinal);
        Row(cut, "Ops Slack").QuerySelector("[data-testid='edit-channel']")!.Click();
        Assert.Contains(WebhookTargetProtector.UnreadableError, cut.Find("[data-testid='channel-editor']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave empty to keep the saved URL", cut.Find("[data-testid='channel-editor']").TextContent, StringComparison.Ordinal);

        Click(cut, "save-channel");
        cut.WaitForElement("[data-testid='channel-errors']");

        Type(cut, "channel-target-input", "https://hooks.slack.com/services/T000/B000/NEWsecretABCD");
        Click(cut, "save-channel");

        cut.WaitForAssertion(() => Assert.Equal("https://hooks.slack.com/…ABCD", Row(cut, "Ops Slack").QuerySelector("[data-testid='channel-target']")!.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='channel-target-error']"));
    }

    [Fact]
    public async Task AChannelWithNoAlertKinds_IsRefused()
    {
        var cut = await RenderAsAdminAsync();
        Click(cut, "add-channel");
        Type(cut, "channel-name-input", "Nothing");
        Type(cut, "channel-target-input", "x@example.com");
        Input(cut, "channel-budgets").Change(false);
        Input(cut, "channel-anomalies").Change(false);

        Click(cut, "save-channel");

        cut.WaitForElement("[data-testid='channel-kinds-error']");
        Assert.Single(Rows(cut));
    }

    [Fact]
    public async Task SendTest_OnTheInAppChannel_SaysItWasDelivered()
    {
        var cut = await RenderAsAdminAsync();

        Row(cut, "In-app (dashboards and alerts hub)").QuerySelector("[data-testid='test-channel']")!.Click();

        var result = cut.WaitForElement("[data-testid='test-result']");
        Assert.Equal("true", result.GetAttribute("data-succeeded"));
        Assert.Equal("Test message delivered.", result.TextContent.Trim());
    }

    [Fact]
    public async Task SendTest_OnAnEmailChannelWithoutSmtp_ShowsTheError()
    {
        var cut = await RenderAsAdminAsync();
        await Services.GetRequiredService<NotificationChannelService>().SaveAsync(
            new ChannelDraft { Name = "Finance", Type = ChannelType.Email, Target = "finance@example.com" }, "admin@example.com", CancellationToken.None);
        cut = Render<NotificationsTab>();

        Row(cut, "Finance").QuerySelector("[data-testid='test-channel']")!.Click();

        var result = cut.WaitForElement("[data-testid='test-result']");
        Assert.Equal("false", result.GetAttribute("data-succeeded"));
        Assert.Contains("Email is not set up", result.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDeliveryHistory_ShowsAFailedDeliveryWithItsError_AndRetryNowQueuesItAgain()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var channel = (await Services.GetRequiredService<NotificationChannelService>().SaveAsync(
            new ChannelDraft { Name = "Finance", Type = ChannelType.Email, Target = "finance@example.com" }, "admin@example.com", CancellationToken.None)).Channel!;
        await Services.GetRequiredService<IAlertOutbox>().EnqueueAsync(new AlertMessage(AlertKind.Budget, AlertSeverity.Critical, "Budget 'Data' exceeded",
            "Spent 12,000.00 USD of 10,000.00 USD.", "/budgets/3", 12_000m, "USD", Time.GetUtcNow(), "budget:3:2024-10:100"), CancellationToken.None);
        var dispatcher = Services.GetRequiredService<AlertDispatcher>();
        for (var attempt = 0; attempt < DeliveryRetryPolicy.MaxAttempts; attempt++)
        {
            await dispatcher.DeliverDueAsync(CancellationToken.None);
            Time.Advance(TimeSpan.FromHours(3));
        }

        var cut = Render<NotificationsTab>();

        var row = cut.FindAll("[data-testid='delivery-row']").Single(r => r.TextContent.Contains("Finance", StringComparison.Ordinal));
        Assert.Equal("Failed", row.GetAttribute("data-status"));
        Assert.Equal("5", row.QuerySelector("[data-testid='delivery-attempts']")!.TextContent.Trim());
        Assert.Contains("Email is not set up", row.QuerySelector("[data-testid='delivery-error']")!.TextContent, StringComparison.Ordinal);

        row.QuerySelector("[data-testid='show-attempts']")!.Click();
        var attempts = cut.FindAll("[data-testid='attempt']");
        Assert.Equal(5, attempts.Count);
        Assert.All(attempts, a => Assert.Contains("Email is not set up", a.TextContent, StringComparison.Ordinal));
        Assert.Contains("2024-10-15 12:00 UTC", attempts[0].TextContent, StringComparison.Ordinal);
        row = cut.FindAll("[data-testid='delivery-row']").Single(r => r.TextContent.Contains("Finance", StringComparison.Ordinal));

        row.QuerySelector("[data-testid='retry-delivery']")!.Click();

        await using var db = await NewDbAsync();
        var retried = await db.AlertDeliveries.SingleAsync(d => d.ChannelId == channel.Id);
        Assert.Equal((DeliveryStatus.Pending, 0, Time.GetUtcNow()), (retried.Status, retried.Attempts, retried.NextAttemptAt!.Value));
        cut.WaitForAssertion(() => Assert.Equal("Pending", cut.FindAll("[data-testid='delivery-row']")
            .Single(r => r.TextContent.Contains("Finance", StringComparison.Ordinal)).GetAttribute("data-status")));
    }
}
