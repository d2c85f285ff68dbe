using FinOps.Domain.Notifications;
using FinOps.Web.Jobs;
using Microsoft.Extensions.Configuration;

namespace FinOps.Tests.Domain.Notifications;

public sealed class ChannelTargetsTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXXsecretWXYZ", "https://hooks.slack.com/…WXYZ")]
    [InlineData("https://prod.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=topsecret1234", "https://prod.westeurope.logic.azure.com/…1234")]
    [InlineData("http://127.0.0.1:9000/short", "http://127.0.0.1:9000/…")]
    [InlineData("http://example.com/", "http://example.com/")]
    public void MaskUrl_ShowsOnlyTheOriginAndTheLastFourCharacters(string url, string masked) =>
        Assert.Equal(masked, ChannelTargets.MaskUrl(url));

    [Theory]
    [InlineData("https://hooks.slack.com/services/x", null)]
    [InlineData("http://localhost:8080/hook", null)]
    [InlineData("", "Enter the webhook URL.")]
    [InlineData("hooks.slack.com/services/x", "'hooks.slack.com/services/x' is not an absolute URL (e.g. https://hooks.slack.com/services/...).")]
    [InlineData("ftp://example.com/x", "The webhook URL must start with http:// or https://, not ftp:.")]
    public void ValidateWebhookUrl_AcceptsAbsoluteHttpUrlsOnly(string url, string? error) =>
        Assert.Equal(error, ChannelTargets.ValidateWebhookUrl(url));

    [Fact]
    public void ParseRecipients_SplitsOnCommasSemicolonsAndLines_AndNamesTheBadEntry()
    {
        var (recipients, error) = ChannelTargets.ParseRecipients("a@example.com; Finance <b@example.com>,\nc@example.com");
        Assert.Null(error);
        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], recipients.Select(r => r.Address));

        Assert.Equal("'b@' is not an email address.", ChannelTargets.ParseRecipients("a@example.com, b@").Error);
        Assert.Equal("Enter at least one recipient email address.", ChannelTargets.ParseRecipients(" ; ").Error);
    }

    [Theory]
    [InlineData("https://finops.example.com/", "http://localhost:5000", "https://finops.example.com/")]
    [InlineData("", "http://*:8080;https://*:8443", "http://localhost:8080/")]
    [InlineData("", "http://0.0.0.0:5000", "http://localhost:5000/")]
    [InlineData("https://example.com/finops", "", "https://example.com/finops/")]
    public void PublicBaseUrl_FromConfiguration_OrTheFirstListeningAddress(string publicBaseUrl, string urls, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FinOps:PublicBaseUrl"] = publicBaseUrl,
            ["Urls"] = urls,
            ["FinOps:Notifications:Smtp:Host"] = "mail.example.com",
            ["FinOps:Notifications:Smtp:Security"] = "StartTls",
        }).Build();

        var options = configuration.ReadNotificationOptions();

        Assert.Equal(expected, options.BaseUri.ToString());
        Assert.Equal(("mail.example.com", SmtpSecurity.StartTls, 587), (options.Smtp.Host, options.Smtp.Security, options.Smtp.Port));
        Assert.Equal(expected + "budgets/12", AlertText.AbsoluteLink(NotificationTestData.Budget("k"), options.BaseUri));
    }
}
