using System.Net;
using System.Text.Json;
using FinOps.Domain.Administration;
using FinOps.Web.Realtime;

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
}
