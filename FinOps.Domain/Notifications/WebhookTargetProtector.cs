using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FinOps.Domain.Notifications;

/// <summary>
/// A webhook URL as read back from its stored form: the URL, or why it cannot be read (then <see cref="Url"/> is null).
/// </summary>
public readonly record struct WebhookTargetRead(string? Url, string? Error)
{
    public bool IsReadable => Error is null;
}

/// <summary>
/// Webhook URLs (Slack, Teams, generic webhooks: the URL is the credential) are stored encrypted with ASP.NET Core Data
/// Protection under the purpose <see cref="Purpose"/>; the host configures the key ring (FinOps.Web keeps it in the
/// data directory's <c>keys/</c> folder, shared with the sign-in cookies).
/// <para>
/// A stored value is recognised as protected by its <see cref="StoredPrefix"/>. Every webhook URL ever accepted was an
/// absolute http or https URL (<see cref="ChannelTargets.ValidateWebhookUrl"/>), so it starts with <c>http:</c> or
/// <c>https:</c> and can never be mistaken for a protected value; anything without the prefix is a plain URL saved
/// before encryption existed (see <see cref="NotificationChannelService.ProtectStoredWebhookUrlsAsync"/>).
/// </para>
/// </summary>
public sealed class WebhookTargetProtector(IDataProtectionProvider dataProtection)
{
    /// <summary>The Data Protection purpose: a value protected under another purpose (or by another key ring) cannot be read here.</summary>
    public const string Purpose = "FinOps.Notifications.WebhookTarget.v1";

    /// <summary>Starts every protected stored value (followed by the Data Protection payload, base64url).</summary>
    public const string StoredPrefix = "protected:v1:";

    /// <summary>
    /// The longest stored form of a URL of <see cref="NotificationChannelService.MaxTargetLength"/> characters: each
    /// character is at most 3 bytes of UTF-8, the payload adds at most 100 bytes (magic header, key id, key modifier, IV,
    /// padding, MAC), base64url writes 4 characters per 3 bytes, plus the prefix.
    /// </summary>
    public const int MaxStoredLength = (NotificationChannelService.MaxTargetLength * 3 + 100 + 2) / 3 * 4 + 16;

    /// <summary>Why a protected URL cannot be read: shown on the channel in Settings and as its deliveries' error.</summary>
    public const string UnreadableError =
        "The stored URL cannot be read (it was encrypted with a data protection key this installation no longer has): enter it again.";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>Whether a stored target is already protected (recognised by <see cref="StoredPrefix"/>).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(StoredPrefix, StringComparison.Ordinal);

    /// <summary>The stored form of a webhook URL: <see cref="StoredPrefix"/> and the encrypted, authenticated URL.</summary>
    public string Protect(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return StoredPrefix + _protector.Protect(url);
    }

    /// <summary>
    /// The URL of a stored target: decrypted when protected, as it is when it is a plain URL saved before encryption
    /// existed; <see cref="UnreadableError"/> when the key ring cannot decrypt it (keys lost, or the value was altered).
    /// </summary>
    public WebhookTargetRead Read(string? stored)
    {
        if (!IsProtected(stored))
        {
            return new WebhookTargetRead(stored ?? "", null);
        }

        try
        {
            return new WebhookTargetRead(_protector.Unprotect(stored![StoredPrefix.Length..]), null);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return new WebhookTargetRead(null, UnreadableError);
        }
    }
}
