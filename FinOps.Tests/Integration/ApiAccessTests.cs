using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FinOps.Tests.Integration;

/// <summary>Who may call /api/v1, and what the OpenAPI document describes.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ApiAccessTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    [Theory]
    [InlineData("/api/v1/costs?from=2024-09-01&to=2024-10-01")]
    [InlineData("/api/v1/imports")]
    [InlineData("/api/v1/imports/1")]
    public async Task Get_WithoutToken_Answers401WithBearerChallenge(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task PostImport_WithoutToken_Answers401_AndRecordsNothing()
    {
        using var anonymous = app.CreateClient();

        using var response = await anonymous.PostImportAsync("anonymous.csv", new Support.FocusCsv().Row(("ResourceId", "anonymous")).ToCsv());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var api = app.CreateApiClient();
        var ledger = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/imports", UriKind.Relative))).RootElement;
        Assert.DoesNotContain(ledger.EnumerateArray(), i => i.GetProperty("fileName").GetString() == "anonymous.csv");
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(FinOpsAppFactory.Token + "x")]
    public async Task Get_WithWrongToken_Answers401(string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var costs = await client.GetAsync(new Uri("/api/v1/costs?from=2024-09-01&to=2024-10-01", UriKind.Relative));
        using var imports = await client.GetAsync(new Uri("/api/v1/imports", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, costs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, imports.StatusCode);
    }

    [Fact]
    public async Task Get_WithBootstrapToken_Answers200()
    {
        using var client = app.CreateApiClient();

        using var costs = await client.GetAsync(new Uri("/api/v1/costs?from=2024-09-01&to=2024-10-01", UriKind.Relative));
        using var imports = await client.GetAsync(new Uri("/api/v1/imports", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, costs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, imports.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheCostsAndImportsEndpoints()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/costs", out var costs), "the OpenAPI document has no /api/v1/costs");
        Assert.True(costs.TryGetProperty("get", out _), "/api/v1/costs has no GET operation");
        Assert.True(paths.TryGetProperty("/api/v1/imports", out var imports), "the OpenAPI document has no /api/v1/imports");
        Assert.True(imports.TryGetProperty("post", out _), "/api/v1/imports has no POST operation");
        Assert.True(paths.TryGetProperty("/api/v1/imports/{id}", out _), "the OpenAPI document has no /api/v1/imports/{id}");
    }
}
