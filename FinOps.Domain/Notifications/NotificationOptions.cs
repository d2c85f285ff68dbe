namespace FinOps.Domain.Notifications;

/// <summary>How MailKit secures the SMTP connection.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,

    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,

    /// <summary>Upgrade with STARTTLS; refuse a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>FinOps:Notifications</c> section (and <c>FinOps:PublicBaseUrl</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "FinOps:Notifications";

    /// <summary>
    /// The address people open the app at (e.g. https://finops.example.com): alert links in emails and chat messages
    /// are made absolute with it. The web app fills it from <c>FinOps:PublicBaseUrl</c>, else the first address it
    /// listens on (fine on one machine, wrong behind a proxy).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How long a webhook call may take before it counts as failed, 1 to 300 seconds.</summary>
    public int WebhookTimeoutSeconds { get; set; } = 15;

    /// <summary>Alerts older than this many days are deleted with their delivery history (0 keeps them forever); see <see cref="AlertRetention"/>.</summary>
    public int AlertRetentionDays { get; set; } = 180;

    /// <summary>The base URL for links: <see cref="PublicBaseUrl"/> with one trailing slash (http://localhost:5000/ when unset or invalid).</summary>
    public Uri BaseUri => Uri.TryCreate((string.IsNullOrWhiteSpace(PublicBaseUrl) ? DefaultBaseUrl : PublicBaseUrl.Trim()).TrimEnd('/') + "/",
        UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : new Uri(DefaultBaseUrl + "/");

    private const string DefaultBaseUrl = "http://localhost:5000";
}

/// <summary>The SMTP server email alerts go through (<c>FinOps:Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Empty: email channels cannot deliver (each attempt fails saying so).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Empty: no authentication.</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The sender, e.g. <c>FinOps Cockpit &lt;finops@example.com&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>How long each step (connect, authenticate, send) may take, 1 to 120 seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
