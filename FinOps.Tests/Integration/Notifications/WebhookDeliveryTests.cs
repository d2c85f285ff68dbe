using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FinOps.Domain.Notifications;
using Microsoft.Extensions.Logging;
using static FinOps.Tests.Domain.Notifications.NotificationTestData;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>Webhook channels post to a real local HTTP endpoint: the exact Slack, Teams and generic payloads, and retries of a failing one.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private LocalWebhookListener _listener = null!;
    private NotificationTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _listener = await LocalWebhookListener.StartAsync();
        _host = await NotificationTestHost.CreateAsync(new NotificationOptions { PublicBaseUrl = "https://finops.example.com/" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _listener.DisposeAsync();
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected\n{expected}\nbut got\n{actual}");

    private async Task<ReceivedWebhook> DeliverOneAsync(ChannelType type)
    {
        var channel = await _host.AddChannelAsync(type, type.ToString(), _listener.Url("/services/T000/B000/secret-token"));
        Assert.True(await _host.Outbox.EnqueueAsync(Budget("budget:12:2024-11:80"), CancellationToken.None));

        var result = await _host.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Delivered);
        Assert.Equal(DeliveryStatus.Delivered, (await _host.DeliveryAsync(channel.Id)).Status);
        var received = Assert.Single(_listener.Received);
        Assert.Equal(("POST", "/services/T000/B000/secret-token", "application/json; charset=utf-8"), (received.Method, received.Path, received.ContentType));
        return received;
    }

    [Fact]
    public async Task Slack_ReceivesTextAndBlocks_WithTheAmountAndAnAbsoluteLink()
    {
        var received = await DeliverOneAsync(ChannelType.Slack);

        AssertJson("""
            {
              "text": "[Warning] Budget 'Platform' reached 80% (8,250.50 USD) <https://finops.example.com/budgets/12|Open in FinOps Cockpit>",
              "blocks": [
                { "type": "header", "text": { "type": "plain_text", "text": "🟠 Budget 'Platform' reached 80%", "emoji": true } },
                {
                  "type": "section",
                  "text": { "type": "mrkdwn", "text": "Spent 8,250.50 USD of 10,000.00 USD in November 2024." },
                  "fields": [
                    { "type": "mrkdwn", "text": "*Severity*\nWarning" },
                    { "type": "mrkdwn", "text": "*Kind*\nBudget" },
                    { "type": "mrkdwn", "text": "*Amount*\n8,250.50 USD" },
                    { "type": "mrkdwn", "text": "*When*\n2024-10-15 11:30 UTC" }
                  ]
                },
                {
                  "type": "actions",
                  "elements": [
                    { "type": "button", "text": { "type": "plain_text", "text": "Open in FinOps Cockpit" }, "url": "https://finops.example.com/budgets/12" }
                  ]
                }
              ]
            }
            """, received.Body);
    }

    [Fact]
    public async Task Teams_ReceivesAMessageWithAnAdaptiveCard14()
    {
        var received = await DeliverOneAsync(ChannelType.Teams);

        AssertJson("""
            {
              "type": "message",
              "attachments": [
                {
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "contentUrl": null,
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                      { "type": "TextBlock", "text": "Budget 'Platform' reached 80%", "size": "Medium", "weight": "Bolder", "color": "Warning", "wrap": true },
                      { "type": "TextBlock", "text": "Spent 8,250.50 USD of 10,000.00 USD in November 2024.", "wrap": true },
                      {
                        "type": "FactSet",
                        "facts": [
                          { "title": "Severity", "value": "Warning" },
                          { "title": "Kind", "value": "Budget" },
                          { "title": "Amount", "value": "8,250.50 USD" },
                          { "title": "When", "value": "2024-10-15 11:30 UTC" }
                        ]
                      }
                    ],
                    "actions": [ { "type": "Action.OpenUrl", "title": "Open in FinOps Cockpit", "url": "https://finops.example.com/budgets/12" } ]
                  }
                }
              ]
            }
            """, received.Body);
    }

    [Fact]
    public async Task GenericWebhook_ReceivesTheAlertFields_WithTheExactAmount()
    {
        var received = await DeliverOneAsync(ChannelType.Webhook);

        AssertJson("""
            {
              "alertId": 1,
              "kind": "Budget",
              "severity": "Warning",
              "title": "Budget 'Platform' reached 80%",
              "body": "Spent 8,250.50 USD of 10,000.00 USD in November 2024.",
              "link": "https://finops.example.com/budgets/12",
              "amount": 8250.50,
              "currency": "USD",
              "occurredAt": "2024-10-15T11:30:00+00:00",
              "deduplicationKey": "budget:12:2024-11:80"
            }
            """, received.Body);
        Assert.Equal(8250.50m, JsonNode.Parse(received.Body)!["amount"]!.GetValue<decimal>()); // a JSON number, exact
    }

    [Fact]
    public async Task AnEndpointAnswering500_IsRetriedOnSchedule_AndShowsAsFailedAfterTheLastAttempt()
    {
        _listener.StatusCode = 500;
        _listener.ResponseBody = "upstream exploded";
        var channel = await _host.AddChannelAsync(ChannelType.Slack, "Slack", _listener.Url("/hook"));
        await _host.Outbox.EnqueueAsync(Budget("b1"), CancellationToken.None);

        await _host.Dispatcher.DeliverDueAsync(CancellationToken.None);
        var first = await _host.DeliveryAsync(channel.Id);
        Assert.Equal((DeliveryStatus.Pending, 1, "HTTP 500 InternalServerError: upstream exploded"), (first.Status, first.Attempts, first.LastError));
        Assert.Equal(_host.Time.GetUtcNow().AddMinutes(1), first.NextAttemptAt);

        foreach (var wait in DeliveryRetryPolicy.Backoff)
        {
            _host.Time.Advance(wait);
            await _host.Dispatcher.DeliverDueAsync(CancellationToken.None);
        }

        var failed = await _host.DeliveryAsync(channel.Id);
        Assert.Equal((DeliveryStatus.Failed, 5, null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Equal("HTTP 500 InternalServerError: upstream exploded", failed.LastError);
        Assert.Equal(5, _listener.Received.Count);
        Assert.Equal(5, failed.AttemptLog.Count);
        var history = await _host.Get<AlertHistory>().ListDeliveriesAsync(DeliveryStatus.Failed, 10, CancellationToken.None);
        Assert.Equal(("Slack", 5), (Assert.Single(history).ChannelName, history[0].Attempts));
    }

    [Fact]
    public async Task NoLogEntry_OfAnyLevel_ContainsTheWebhookUrlsSecret_WhenDeliveriesSucceedOrFail()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await NotificationTestHost.CreateAsync(new NotificationOptions(), logs);
        var working = await host.AddChannelAsync(ChannelType.Slack, "Working", _listener.Url("/services/T000/B000/first-secret-token"));
        var down = await host.AddChannelAsync(ChannelType.Webhook, "Down", $"http://127.0.0.1:{LocalSmtpServer.FreePort()}/hooks/second-secret-token");
        await host.Outbox.EnqueueAsync(Budget("b1"), CancellationToken.None);

        await host.Dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, (await host.DeliveryAsync(working.Id)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await host.DeliveryAsync(down.Id)).Status);
        Assert.Contains(logs.Messages, m => m.Contains("1 delivered, 1 to retry", StringComparison.Ordinal)); // logging was on
        Assert.DoesNotContain(logs.Messages, m => m.Contains("secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreachableEndpoint_FailsTheAttemptWithTheConnectionError_AndDoesNotLeakTheUrlsSecret()
    {
        var port = LocalSmtpServer.FreePort(); // nothing listens there
        var channel = await _host.AddChannelAsync(ChannelType.Webhook, "Down", $"http://127.0.0.1:{port}/hooks/very-secret-token");
        await _host.Outbox.EnqueueAsync(Budget("b1"), CancellationToken.None);

        await _host.Dispatcher.DeliverDueAsync(CancellationToken.None);

        var delivery = await _host.DeliveryAsync(channel.Id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.StartsWith($"Could not reach http://127.0.0.1:{port}/…", delivery.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", delivery.LastError, StringComparison.Ordinal);
    }
}

/// <summary>Keeps every log message (with its exception), of every category and level.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} {exception}");
    }
}
