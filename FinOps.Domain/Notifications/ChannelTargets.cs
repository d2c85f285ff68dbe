using MimeKit;

namespace FinOps.Domain.Notifications;

/// <summary>Validation and display of channel targets: email recipient lists and webhook URLs.</summary>
public static class ChannelTargets
{
    private static readonly char[] RecipientSeparators = [',', ';', '\n', '\r'];

    /// <summary>
    /// The recipients of an email target (separated by commas, semicolons or new lines), or an error naming the entry that
    /// is not an email address.
    /// </summary>
    public static (IReadOnlyList<MailboxAddress> Recipients, string? Error) ParseRecipients(string? target)
    {
        var entries = (target ?? "").Split(RecipientSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return ([], "Enter at least one recipient email address.");
        }

        var recipients = new List<MailboxAddress>();
        foreach (var entry in entries)
        {
            if (!MailboxAddress.TryParse(entry, out var address) || !IsPlausibleAddress(address.Address))
            {
                return ([], $"'{entry}' is not an email address.");
            }

            recipients.Add(address);
        }

        return (recipients, null);
    }

    /// <summary>Null when <paramref name="url"/> is an absolute http or https URL with a host; the problem otherwise.</summary>
    public static string? ValidateWebhookUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the webhook URL.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return $"'{Shorten(url.Trim())}' is not an absolute URL (e.g. https://hooks.slack.com/services/...).";
        }

        return uri.Scheme is "http" or "https" ? null : $"The webhook URL must start with http:// or https://, not {uri.Scheme}:.";
    }

    /// <summary>What the in-app channel delivers to, where other channels show their target.</summary>
    public const string InAppDisplay = "open dashboards and /hubs/alerts";

    /// <summary>
    /// A target as it may be shown once saved, from its plain value (recipients, or the decrypted webhook URL): webhook URLs
    /// masked (they contain tokens), recipients as they are.
    /// </summary>
    public static string Display(ChannelType type, string? plainTarget) => type switch
    {
        ChannelType.InApp => InAppDisplay,
        ChannelType.Email => plainTarget ?? "",
        _ => MaskUrl(plainTarget),
    };

    /// <summary>
    /// A webhook URL as it is shown once saved: scheme and host, then only the last four characters of the rest (the
    /// path and query carry the credentials).
    /// </summary>
    public static string MaskUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return string.IsNullOrWhiteSpace(url) ? "" : "••••";
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        var rest = uri.PathAndQuery + uri.Fragment;
        return rest.Length <= 1 ? origin + rest : $"{origin}/…{(rest.Length > 12 ? rest[^4..] : "")}";
    }

    private static bool IsPlausibleAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1 && address.IndexOf('@', at + 1) < 0 && !address.Any(char.IsWhiteSpace);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
