namespace FinOps.Domain.Notifications;

/// <summary>Where a channel delivers alerts.</summary>
public enum ChannelType
{
    /// <summary>Open dashboards (a toast and the alerts panel) and clients of the alerts hub.</summary>
    InApp,

    /// <summary>An email to one or more recipients, through the SMTP server in configuration.</summary>
    Email,

    /// <summary>An HTTP POST of the alert as plain JSON (the <see cref="AlertMessage"/> fields).</summary>
    Webhook,

    /// <summary>A Slack incoming webhook (text and blocks).</summary>
    Slack,

    /// <summary>A Microsoft Teams webhook (Workflows or incoming webhook): a message with an Adaptive Card.</summary>
    Teams,
}

/// <summary>
/// A configured destination for alerts: its type, target (email recipients or webhook URL), and which alerts it
/// receives (kinds and minimum severity). Webhook URLs carry their credentials, so they are stored encrypted
/// (<see cref="WebhookTargetProtector"/>), shown masked once saved and never written to the audit log.
/// </summary>
public sealed class NotificationChannel
{
    /// <summary>The id of the in-app channel every installation starts with.</summary>
    public const long DefaultInAppChannelId = 1;

    public long Id { get; set; }

    public required string Name { get; set; }

    public ChannelType Type { get; set; }

    public bool Enabled { get; set; }

    /// <summary>
    /// As stored. Email: recipients separated by commas or semicolons. Webhooks: the absolute http(s) URL in its protected
    /// form (<see cref="WebhookTargetProtector.Protect"/>; a plain URL only in a database from before encryption, until
    /// the next start-up protects it); read it with <see cref="WebhookTargetProtector.Read"/>. In-app: empty.
    /// </summary>
    public string Target { get; set; } = "";

    /// <summary>Receives anomaly alerts.</summary>
    public bool ReceivesAnomalies { get; set; }

    /// <summary>Receives budget alerts.</summary>
    public bool ReceivesBudgets { get; set; }

    /// <summary>Alerts below this severity are not sent to this channel.</summary>
    public AlertSeverity MinimumSeverity { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Whether this channel wants an alert of this kind and severity (regardless of <see cref="Enabled"/>).</summary>
    public bool Accepts(AlertKind kind, AlertSeverity severity) =>
        severity >= MinimumSeverity && kind switch
        {
            AlertKind.Anomaly => ReceivesAnomalies,
            AlertKind.Budget => ReceivesBudgets,
            _ => false,
        };

    public bool IsWebhook => IsWebhookType(Type);

    public static bool IsWebhookType(ChannelType type) => type is ChannelType.Webhook or ChannelType.Slack or ChannelType.Teams;
}
