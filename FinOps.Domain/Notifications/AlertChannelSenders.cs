using System.Net;
using System.Net.Mime;
using System.Text;
using FinOps.Domain.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FinOps.Domain.Notifications;

/// <summary>A delivery attempt that failed for a reason worth showing as it is (e.g. "HTTP 500: ...").</summary>
public sealed class AlertDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Sends an alert to one kind of channel; throws when the channel did not take it.</summary>
public interface IAlertChannelSender
{
    bool Handles(ChannelType type);

    /// <param name="alertId">The stored alert's id (0 for a test message).</param>
    Task SendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct);
}

/// <summary>In-app: publishes <see cref="AlertRaised"/> to open dashboards and the alerts hub (delivered once published).</summary>
public sealed class InAppAlertSender(Notifier<AlertRaised> raised) : IAlertChannelSender
{
    public bool Handles(ChannelType type) => type == ChannelType.InApp;

    public Task SendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct) =>
        raised.PublishAsync(new AlertRaised(alertId, alert, isTest));
}

/// <summary>
/// Webhooks (generic JSON, Slack, Teams): one POST; any answer but 2xx is a failure naming the status and an excerpt of the
/// body. The URL is decrypted just before the POST and only ever named masked; a stored URL that cannot be decrypted
/// fails the attempt with <see cref="WebhookTargetProtector.UnreadableError"/>.
/// </summary>
public sealed class WebhookAlertSender(IHttpClientFactory httpClients, WebhookTargetProtector protector, NotificationOptions options) : IAlertChannelSender
{
    /// <summary>The named HttpClient (its timeout is <see cref="NotificationOptions.WebhookTimeoutSeconds"/>).</summary>
    public const string HttpClientName = "alert-webhooks";

    private const int ErrorExcerptLength = 300;

    public bool Handles(ChannelType type) => NotificationChannel.IsWebhookType(type);

    public async Task SendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct)
    {
        var (url, unreadable) = protector.Read(channel.Target);
        if (unreadable is not null)
        {
            throw new AlertDeliveryException(unreadable);
        }

        if (ChannelTargets.ValidateWebhookUrl(url) is { } invalid)
        {
            throw new AlertDeliveryException(invalid);
        }

        var payload = WebhookPayloads.For(channel.Type, alertId, alert, AlertText.AbsoluteLink(alert, options.BaseUri));
        using var content = new StringContent(payload, Encoding.UTF8, MediaTypeNames.Application.Json);
        var client = httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(new Uri(url!.Trim()), content, ct);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"No answer within {client.Timeout.TotalSeconds:0} seconds.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException($"Could not reach {ChannelTargets.MaskUrl(url)}: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            body = body.ReplaceLineEndings(" ").Trim();
            var excerpt = body.Length > ErrorExcerptLength ? body[..ErrorExcerptLength] + "…" : body;
            throw new AlertDeliveryException($"HTTP {(int)response.StatusCode} {response.StatusCode}" + (excerpt.Length > 0 ? $": {excerpt}" : ""));
        }
    }
}

/// <summary>Email through the configured SMTP server (MailKit): a plain-text and an HTML part with the amount and an absolute link.</summary>
public sealed class EmailAlertSender(NotificationOptions options) : IAlertChannelSender
{
    public bool Handles(ChannelType type) => type == ChannelType.Email;

    public async Task SendAsync(NotificationChannel channel, long alertId, AlertMessage alert, bool isTest, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (!smtp.IsConfigured)
        {
            throw new AlertDeliveryException("Email is not set up: set FinOps:Notifications:Smtp:Host and From in the configuration.");
        }

        if (!MailboxAddress.TryParse(smtp.From, out var from))
        {
            throw new AlertDeliveryException($"FinOps:Notifications:Smtp:From '{smtp.From}' is not an email address.");
        }

        var (recipients, error) = ChannelTargets.ParseRecipients(channel.Target);
        if (error is not null)
        {
            throw new AlertDeliveryException(error);
        }

        var message = AlertEmail.Compose(alert, from, recipients, AlertText.AbsoluteLink(alert, options.BaseUri), isTest);
        // Well within the dispatcher's claim lease, so a slow server never lets a second worker send the same email.
        using var client = new SmtpClient { Timeout = Math.Clamp(smtp.TimeoutSeconds, 1, 120) * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecurityOf(smtp), ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password, ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is MailKit.ProtocolException or MailKit.CommandException or AuthenticationException
            or System.Net.Sockets.SocketException or IOException or SslHandshakeException or TimeoutException)
        {
            throw new AlertDeliveryException($"SMTP {smtp.Host}:{smtp.Port}: {ex.Message}", ex);
        }
    }

    private static SecureSocketOptions SecurityOf(SmtpOptions smtp) => smtp.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>The email of an alert: subject with severity and title; text and HTML bodies with the facts and the link.</summary>
public static class AlertEmail
{
    public static string Subject(AlertMessage alert, bool isTest) =>
        $"{(isTest ? "[Test] " : "")}[FinOps Cockpit] {alert.Severity}: {alert.Title}";

    public static MimeMessage Compose(AlertMessage alert, MailboxAddress from, IEnumerable<MailboxAddress> recipients, string? absoluteLink, bool isTest)
    {
        var message = new MimeMessage { Subject = Subject(alert, isTest) };
        message.From.Add(from);
        message.To.AddRange(recipients);
        message.Headers.Add("X-FinOps-Alert", alert.DeduplicationKey);
        var facts = Facts(alert);

        var text = new StringBuilder();
        text.AppendLine(alert.Title).AppendLine();
        if (alert.Body.Length > 0)
        {
            text.AppendLine(alert.Body).AppendLine();
        }

        foreach (var (name, value) in facts)
        {
            text.AppendLine($"{name}: {value}");
        }

        if (absoluteLink is not null)
        {
            text.AppendLine().AppendLine($"{WebhookPayloads.OpenLinkText}: {absoluteLink}");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif\">");
        html.Append($"<h2 style=\"color:{ColorOf(alert.Severity)}\">{WebUtility.HtmlEncode(alert.Title)}</h2>");
        if (alert.Body.Length > 0)
        {
            html.Append($"<p>{WebUtility.HtmlEncode(alert.Body)}</p>");
        }

        html.Append("<table cellpadding=\"4\">");
        foreach (var (name, value) in facts)
        {
            html.Append($"<tr><th align=\"left\">{WebUtility.HtmlEncode(name)}</th><td>{WebUtility.HtmlEncode(value)}</td></tr>");
        }

        html.Append("</table>");
        if (absoluteLink is not null)
        {
            html.Append($"<p><a href=\"{WebUtility.HtmlEncode(absoluteLink)}\">{WebhookPayloads.OpenLinkText}</a></p>");
        }

        html.Append("</body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static List<(string Name, string Value)> Facts(AlertMessage alert)
    {
        var facts = new List<(string, string)> { ("Severity", alert.Severity.ToString()), ("Kind", alert.Kind.ToString()) };
        if (AlertText.Amount(alert) is { } amount)
        {
            facts.Add(("Amount", amount));
        }

        facts.Add(("When", AlertText.Time(alert.OccurredAt)));
        return facts;
    }

    private static string ColorOf(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "#c62828",
        AlertSeverity.Warning => "#ef6c00",
        _ => "#1565c0",
    };
}
