using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinOps.Domain.Administration;

namespace FinOps.Tests.Integration;

/// <summary>/api/v1/budgets on the real app: validation errors name the field, changes need the version they are based on, stale ones get 409.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class BudgetsApiTests : IAsyncLifetime
{
    private readonly FinOpsAppFactory _app = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _app.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static object Budget(decimal amount = 3000m, string owner = "ana@example.com", int? version = null) => new
    {
        name = "Platform team",
        owner,
        scope = new[] { "ProviderName:AWS", "Tag:team=platform" },
        currency = "USD",
        periodType = "Monthly",
        amount,
        plan = new[] { new { month = "2025-12", amount = 4500m } },
        thresholds = new[] { new { basis = "Actual", percent = 80m }, new { basis = "Forecast", percent = 100m } },
        startDate = "2025-01-01",
        version,
    };

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<(long Id, string ETag)> CreateAsync()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/budgets", Budget());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {body}");
        return (JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64(), response.Headers.ETag!.Tag);
    }

    private async Task<HttpResponseMessage> PutAsync(long id, object budget, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/budgets/{id}") { Content = JsonContent.Create(budget) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task Post_InvalidBudget_Is400NamingEachField_AndNothingIsSaved()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/budgets", new
        {
            name = "",
            owner = "ana",
            scope = new[] { "Provider:AWS" },
            currency = "dollars",
            periodType = "Weekly",
            amount = 0,
            startDate = "2025-13-01",
        });

        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body.GetProperty("errors");
        Assert.Equal("A budget needs a name.", errors.GetProperty("name")[0].GetString());
        Assert.Contains("'Provider' is not a FOCUS column", errors.GetProperty("scope")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'dollars'", errors.GetProperty("currency")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'Weekly'", errors.GetProperty("periodType")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("more than 0", errors.GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'2025-13-01'", errors.GetProperty("startDate")[0].GetString(), StringComparison.Ordinal);
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/v1/budgets");
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Post_Then_Get_ReturnsTheBudgetWithItsVersionAsETag_AndItsStatus()
    {
        var (id, etag) = await CreateAsync();

        using var response = await _client.GetAsync(new Uri($"/api/v1/budgets/{id}", UriKind.Relative));
        var body = await BodyAsync(response);

        Assert.Equal("\"1\"", etag);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("EffectiveCost", body.GetProperty("metric").GetString());
        Assert.Equal(["ProviderName:AWS", "Tag:team=platform"], body.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(4500m, body.GetProperty("plan")[0].GetProperty("amount").GetDecimal());
        Assert.Equal("Forecast", body.GetProperty("thresholds")[1].GetProperty("basis").GetString());
        Assert.Equal(0m, body.GetProperty("status").GetProperty("actual").GetDecimal());
        Assert.StartsWith("api:", body.GetProperty("createdBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithAStaleVersion_Is409_AndTheFirstChangeIsKept()
    {
        var (id, etag) = await CreateAsync();
        using var first = await PutAsync(id, Budget(amount: 3500m), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        using var second = await PutAsync(id, Budget(owner: "bo@example.com"), etag);
        using var secondByBody = await PutAsync(id, Budget(owner: "bo@example.com", version: 1), null);

        var problem = await BodyAsync(second);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("your change was not saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, secondByBody.StatusCode);
        var stored = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{id}");
        Assert.Equal((3500m, "ana@example.com", 2), (stored.GetProperty("amount").GetDecimal(), stored.GetProperty("owner").GetString(), stored.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Put_WithoutAVersion_Is428_AndInvalidValues_Are400()
    {
        var (id, etag) = await CreateAsync();

        using var noVersion = await PutAsync(id, Budget(amount: 10m), null);
        using var invalid = await PutAsync(id, Budget(amount: -1m), etag);
        using var missing = await PutAsync(id + 100, Budget(), "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("amount", (await BodyAsync(invalid)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var stored = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{id}");
        Assert.Equal(3000m, stored.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Delete_WithAStaleVersion_Is409_WithTheCurrentOne_Is204()
    {
        var (id, etag) = await CreateAsync();
        using (var change = await PutAsync(id, Budget(amount: 3500m), etag))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }

        using var stale = await _client.DeleteAsync(new Uri($"/api/v1/budgets/{id}?version=1", UriKind.Relative));
        using var current = await _client.DeleteAsync(new Uri($"/api/v1/budgets/{id}?version=2", UriKind.Relative));
        using var gone = await _client.GetAsync(new Uri($"/api/v1/budgets/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Post_WithAViewersToken_IsForbidden_ButTheViewerCanRead()
    {
        var viewer = await _app.CreateUserAsync(Roles.Viewer);
        using var client = _app.CreateTokenClient((await _app.CreateTokenAsync(viewer, canWrite: true)).Token);

        using var post = await client.PostAsJsonAsync("/api/v1/budgets", Budget());
        using var list = await client.GetAsync(new Uri("/api/v1/budgets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Post_BodyThatIsNotABudget_Is400NamingWhere_OrNotJson_Is415()
    {
        using var badNumber = await _client.PostAsync(new Uri("/api/v1/budgets", UriKind.Relative),
            new StringContent("""{"name":"x","amount":"lots"}""", System.Text.Encoding.UTF8, "application/json"));
        using var notJson = await _client.PostAsync(new Uri("/api/v1/budgets", UriKind.Relative), new StringContent("name=x"));

        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Equal("amount", (await BodyAsync(badNumber)).GetProperty("parameter").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }
}
