using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FinOps.Domain.Notifications;

/// <summary>The JSON bodies posted to webhooks: generic (the alert's fields), Slack (text and blocks), Teams (an Adaptive Card).</summary>
public static class WebhookPayloads
{
    /// <summary>What links in chat messages say.</summary>
    public const string OpenLinkText = "Open in FinOps Cockpit";

    private const int SlackHeaderLimit = 150;
    private const int SlackSectionLimit = 3000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string For(ChannelType type, long alertId, AlertMessage alert, string? absoluteLink) => type switch
    {
        ChannelType.Webhook => Generic(alertId, alert, absoluteLink),
        ChannelType.Slack => Slack(alert, absoluteLink),
        ChannelType.Teams => Teams(alert, absoluteLink),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a webhook channel type."),
    };

    /// <summary>
    /// <c>{"alertId","kind","severity","title","body","link","amount","currency","occurredAt","deduplicationKey"}</c>:
    /// the link absolute, the amount an exact JSON number, enumerations as names. alertId is 0 for a test message.
    /// </summary>
    public static string Generic(long alertId, AlertMessage alert, string? absoluteLink) => JsonSerializer.Serialize(new GenericPayload(
        alertId, alert.Kind, alert.Severity, alert.Title, alert.Body, absoluteLink, alert.Amount, alert.Currency, alert.OccurredAt,
        alert.DeduplicationKey), Json);

    /// <summary>A Slack incoming-webhook message: a plain-text fallback (<c>text</c>) and blocks (header, body with facts, a button).</summary>
    public static string Slack(AlertMessage alert, string? absoluteLink)
    {
        var fields = new JsonArray
        {
            SlackField("Severity", alert.Severity.ToString()),
            SlackField("Kind", alert.Kind.ToString()),
        };
        if (AlertText.Amount(alert) is { } amount)
        {
            fields.Add(SlackField("Amount", amount));
        }

        fields.Add(SlackField("When", AlertText.Time(alert.OccurredAt)));
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate($"{Icon(alert.Severity)} {alert.Title}", SlackHeaderLimit), ["emoji"] = true },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(SlackEscape(alert.Body.Length > 0 ? alert.Body : alert.Title), SlackSectionLimit) },
                ["fields"] = fields,
            },
        };
        if (absoluteLink is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = OpenLinkText },
                        ["url"] = absoluteLink,
                    },
                },
            });
        }

        var text = SlackEscape($"[{alert.Severity}] {alert.Title}" + (AlertText.Amount(alert) is { } a ? $" ({a})" : ""))
            + (absoluteLink is null ? "" : $" <{absoluteLink.Replace("|", "%7C", StringComparison.Ordinal)}|{OpenLinkText}>");
        return new JsonObject { ["text"] = text, ["blocks"] = blocks }.ToJsonString();
    }

    /// <summary>
    /// A Teams message with one Adaptive Card 1.4 (what Teams Workflows and incoming webhooks accept): a coloured title,
    /// the body, the facts, and a button to the alert.
    /// </summary>
    public static string Teams(AlertMessage alert, string? absoluteLink)
    {
        var facts = new JsonArray
        {
            Fact("Severity", alert.Severity.ToString()),
            Fact("Kind", alert.Kind.ToString()),
        };
        if (AlertText.Amount(alert) is { } amount)
        {
            facts.Add(Fact("Amount", amount));
        }

        facts.Add(Fact("When", AlertText.Time(alert.OccurredAt)));
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = alert.Title,
                    ["size"] = "Medium",
                    ["weight"] = "Bolder",
                    ["color"] = alert.Severity switch { AlertSeverity.Critical => "Attention", AlertSeverity.Warning => "Warning", _ => "Accent" },
                    ["wrap"] = true,
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Body, ["wrap"] = true },
                new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            },
        };
        if (absoluteLink is not null)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = OpenLinkText, ["url"] = absoluteLink } };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        }.ToJsonString();
    }

    private static JsonObject SlackField(string name, string value) => new() { ["type"] = "mrkdwn", ["text"] = $"*{name}*\n{SlackEscape(value)}" };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static string Icon(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "🔴",
        AlertSeverity.Warning => "🟠",
        _ => "🔵",
    };

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private sealed record GenericPayload(
        long AlertId,
        AlertKind Kind,
        AlertSeverity Severity,
        string Title,
        string Body,
        string? Link,
        decimal? Amount,
        string? Currency,
        DateTimeOffset OccurredAt,
        string DeduplicationKey);
}
