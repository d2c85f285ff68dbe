using System.Net;
using System.Text;
using System.Text.Json;
using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Common;
using FinOps.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Integration;

/// <summary>
/// Who may connect to /hubs/alerts, asked at SignalR's negotiate step (the first request of every client; the
/// SignalR client package is not part of this solution's restore).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AlertsHubTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    private static readonly Uri Negotiate = new(AlertsHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative);

    private static async Task<string?> ConnectionTokenAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("connectionToken", out var token) ? token.GetString() : null;
    }

    [Fact]
    public async Task Anonymous_IsRefusedWith401_NotRedirectedToSignIn()
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnInvalidToken_IsRefusedWith401()
    {
        using var client = app.CreateTokenClient("not-a-token");

        using var response = await client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AViewersReadOnlyToken_InTheHeader_Negotiates()
    {
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        using var client = app.CreateTokenClient((await app.CreateTokenAsync(viewer, canWrite: false)).Token);

        using var response = await client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await ConnectionTokenAsync(response)));
    }

    [Fact]
    public async Task AToken_InTheAccessTokenQuery_Negotiates_AsWebSocketClientsSendIt()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        var token = (await app.CreateTokenAsync(analyst, canWrite: false)).Token;
        using var client = app.CreateBrowserClient();

        using var response = await client.PostAsync(new Uri($"{AlertsHub.Path}/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await ConnectionTokenAsync(response)));
    }

    [Fact]
    public async Task AViewersCookie_Negotiates()
    {
        using var client = await app.SignInAsync((await app.CreateUserAsync(Roles.Viewer)).Email);

        using var response = await client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AKioskLink_IsForbidden()
    {
        using var client = await app.OpenKioskAsync((await app.CreateKioskLinkAsync("Hub probe")).Token);

        using var response = await client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// A real hub connection over SignalR's long-polling transport, spoken by hand (negotiate, handshake, polls):
    /// what the detection publishes reaches the connected client as <see cref="AlertsHub.AnomaliesDetectedMethod"/>.
    /// </summary>
    [Fact]
    public async Task AConnectedTokenClient_ReceivesNewlyDetectedAnomalies()
    {
        const char RecordSeparator = '\u001e';
        using var client = app.CreateTokenClient(FinOpsAppFactory.Token);
        client.Timeout = TimeSpan.FromSeconds(30);
        using var negotiate = await client.PostAsync(Negotiate, null);
        var connection = Uri.EscapeDataString((await ConnectionTokenAsync(negotiate))!);
        var endpoint = new Uri($"{AlertsHub.Path}?id={connection}", UriKind.Relative);
        using var handshake = new StringContent("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, Encoding.UTF8, "text/plain");
        (await client.PostAsync(endpoint, handshake)).EnsureSuccessStatusCode();
        await PollUntilAsync(client, endpoint, text => text.Contains("{}" + RecordSeparator, StringComparison.Ordinal));

        var anomaly = Anomaly.From(new DetectedAnomaly(SeriesKey.ForService("AWS", "A1", "S1", "Amazon Elastic Compute Cloud", "USD"),
            new DateOnly(2024, 10, 10), AnomalyKind.Spike, 100m, 1400m, 1300m, 12.5, AnomalyDetector.MethodName, "p", "why"), DateTimeOffset.UnixEpoch);
        anomaly.Id = 4242;
        // SignalR answers the handshake before it registers the connection, so a single publish can go out before this
        // client is there to receive it: publish until a poll brings the message (a duplicate is harmless here).
        using var stop = new CancellationTokenSource();
        var notifier = app.Services.GetRequiredService<Notifier<AnomaliesDetected>>();
        var publishing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await notifier.PublishAsync(new AnomaliesDetected([anomaly]));
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
        }, CancellationToken.None);

        string received;
        try
        {
            received = await PollUntilAsync(client, endpoint, text => text.Contains(AlertsHub.AnomaliesDetectedMethod, StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await publishing;
        }

        using var message = JsonDocument.Parse(received.Split(RecordSeparator).First(m => m.Contains(AlertsHub.AnomaliesDetectedMethod, StringComparison.Ordinal)));
        var alert = Assert.Single(message.RootElement.GetProperty("arguments")[0].EnumerateArray());
        Assert.Equal(4242, alert.GetProperty("id").GetInt64());
        Assert.Equal("Amazon Elastic Compute Cloud · S1 · AWS", alert.GetProperty("series").GetString());
        Assert.Equal(1300m, alert.GetProperty("impact").GetDecimal());
        Assert.Equal("2024-10-10", alert.GetProperty("date").GetString());
    }

    private static async Task<string> PollUntilAsync(HttpClient client, Uri endpoint, Func<string, bool> done)
    {
        var seen = new StringBuilder();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var poll = await client.GetAsync(endpoint);
            poll.EnsureSuccessStatusCode();
            seen.Append(await poll.Content.ReadAsStringAsync());
            if (done(seen.ToString()))
            {
                return seen.ToString();
            }
        }

        throw new Xunit.Sdk.XunitException($"The hub did not send what was expected; received: {seen}");
    }
}
