using FinOps.Domain.Notifications;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>Email channels send through a real SMTP conversation with an in-process server.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private LocalSmtpServer _smtp = null!;
    private NotificationTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await LocalSmtpServer.StartAsync();
        _host = await NotificationTestHost.CreateAsync(new NotificationOptions
        {
            PublicBaseUrl = "https://finops.example.com",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = SmtpSecurity.None, From = "FinOps Cockpit <finops@example.com>" },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ABudgetAlert_IsEmailedToEveryRecipient_WithSubjectAmountAndAbsoluteLink_InTextAndHtml()
    {
        var channel = await _host.AddChannelAsync(ChannelType.Email, "Finance", "finance@example.com; Chief Financial Officer <cfo@example.com>");
        await _host.Outbox.EnqueueAsync(Budget("budget:12:2024-11:80"), CancellationToken.None);

        var result = await _host.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Delivered);
        var message = Assert.Single(_smtp.Messages);
        Assert.Equal("[FinOps Cockpit] Warning: Budget 'Platform' reached 80%", message.Subject);
        Assert.Equal("finops@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal(["finance@example.com", "cfo@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Spent 8,250.50 USD of 10,000.00 USD in November 2024.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Amount: 8,250.50 USD", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open in FinOps Cockpit: https://finops.example.com/budgets/12", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://finops.example.com/budgets/12\">Open in FinOps Cockpit</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<td>8,250.50 USD</td>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Budget &#39;Platform&#39; reached 80%", message.HtmlBody, StringComparison.Ordinal); // encoded, not raw HTML
        Assert.Equal(DeliveryStatus.Delivered, (await _host.DeliveryAsync(channel.Id)).Status);
    }

    [Fact]
    public async Task TheTestButton_SendsAMarkedSample_AndSaysItWasDelivered()
    {
        var channel = await _host.AddChannelAsync(ChannelType.Email, "Finance", "finance@example.com");

        var result = await _host.Dispatcher.SendTestAsync(channel.Id, "admin@example.com", CancellationToken.None);

        Assert.Equal(new ChannelTestResult(true, null), result);
        var message = Assert.Single(_smtp.Messages);
        Assert.StartsWith("[Test] [FinOps Cockpit] Warning: Test alert from FinOps Cockpit", message.Subject, StringComparison.Ordinal);
        Assert.Contains("admin@example.com sent this sample", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSmtpSettings_TheAttemptFailsSayingWhatToConfigure()
    {
        await using var unconfigured = await NotificationTestHost.CreateAsync(new NotificationOptions());
        var channel = await unconfigured.AddChannelAsync(ChannelType.Email, "Finance", "finance@example.com");

        var result = await unconfigured.Dispatcher.SendTestAsync(channel.Id, "admin@example.com", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Email is not set up: set FinOps:Notifications:Smtp:Host and From in the configuration.", result.Error);
        Assert.Empty(_smtp.Messages);
    }
}
