using System.Net;
using System.Text;
using System.Text.Json;
using FinOps.Tests.Support;

namespace FinOps.Tests.Integration;

/// <summary>POST /api/v1/imports and GET /api/v1/imports/{id} on the real app: Hangfire runs the import on real SQLite.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ImportsApiTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    [Fact]
    public async Task PostImport_WithoutFileField_Answers400NamingFile()
    {
        using var client = app.CreateApiClient();

        using var response = await client.PostImportAsync("focus.csv", "BilledCost\n1\n", field: "notfile");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("file", problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains("file", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostImport_NotMultipart_AnswersProblemDetailsNamingFile()
    {
        using var client = app.CreateApiClient();
        using var content = new StringContent(new FocusCsv().Row().ToCsv(), Encoding.UTF8, "text/csv");

        using var response = await client.PostAsync(new Uri("/api/v1/imports", UriKind.Relative), content);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{(int)response.StatusCode} {response.Content.Headers.ContentType}: not a problem details answer: '{body}'");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("file", problem.RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task UnknownApiPath_AnswersProblemDetails404_NotTheHtmlPage()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostImport_ValidFile_Answers202Queued_ThenSucceedsWithRowCountAndExactTotalsPerCurrency()
    {
        using var client = app.CreateApiClient();
        var csv = new FocusCsv()
            .Row(("BillingAccountId", "V1"), ("BilledCost", "0.00000080000"), ("EffectiveCost", "0.1"), ("ListCost", "0.3"), ("ContractedCost", "0.2"))
            .Row(("BillingAccountId", "V1"), ("BilledCost", "0.00001605990"), ("EffectiveCost", "0.2"), ("ListCost", "0.4"), ("ContractedCost", "0.3"))
            .Row(("BillingAccountId", "V1"), ("BilledCost", "-3.123456789012"), ("EffectiveCost", "-0.3"), ("ListCost", "-3.5"), ("ContractedCost", "-3.25"))
            .Row(("BillingAccountId", "V2"), ("BilledCost", "10"), ("EffectiveCost", "9.99"), ("BillingCurrency", "EUR"));

        using var response = await client.PostImportAsync("valid.csv", csv.ToCsv());

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        using var queued = JsonDocument.Parse(body);
        var id = queued.RootElement.GetProperty("id").GetInt64();
        Assert.Equal("Queued", queued.RootElement.GetProperty("status").GetString());
        Assert.NotNull(response.Headers.Location);
        Assert.EndsWith($"/api/v1/imports/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The Location header is where the import's state is read.
        var import = await client.WaitForImportAsync(id);
        using var located = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);

        Assert.Equal("Succeeded", import.GetProperty("status").GetString());
        Assert.Equal(id, import.GetProperty("id").GetInt64());
        Assert.Equal("valid.csv", import.GetProperty("fileName").GetString());
        Assert.Equal(4, import.GetProperty("rowCount").GetInt64());
        Assert.Empty(import.GetProperty("errors").EnumerateArray());
        var totals = import.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("billingCurrency").GetString()!);
        Assert.Equal(["EUR", "USD"], totals.Keys.Order(StringComparer.Ordinal));
        var usd = totals["USD"];
        Assert.Equal(0.00000080000m + 0.00001605990m - 3.123456789012m, usd.GetProperty("billedCost").GetDecimal());
        Assert.Equal(0.0m, usd.GetProperty("effectiveCost").GetDecimal());
        Assert.Equal(-2.8m, usd.GetProperty("listCost").GetDecimal());
        Assert.Equal(-2.75m, usd.GetProperty("contractedCost").GetDecimal());
        Assert.Equal(3, usd.GetProperty("rowCount").GetInt64());
        var eur = totals["EUR"];
        Assert.Equal(10m, eur.GetProperty("billedCost").GetDecimal());
        Assert.Equal(9.99m, eur.GetProperty("effectiveCost").GetDecimal());
        Assert.Equal(1, eur.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task Import_WithValueThatDoesNotParse_FailsWithErrorCarryingLineColumnAndValue()
    {
        using var client = app.CreateApiClient();
        var csv = new FocusCsv()
            .Row(("BillingAccountId", "BAD1"), ("BilledCost", "5"))
            .Row(("BillingAccountId", "BAD1"), ("BilledCost", "12,5x"))
            .Row(("BillingAccountId", "BAD1"), ("BilledCost", "7"));

        var import = await client.ImportAsync("bad-value.csv", csv.ToCsv());

        Assert.Equal("Failed", import.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(import.GetProperty("failureReason").GetString()), "a failed import says why");
        var error = Assert.Single(import.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt64()); // Header is line 1, the bad row is the second data row.
        Assert.Equal("BilledCost", error.GetProperty("column").GetString());
        Assert.Equal("12,5x", error.GetProperty("value").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));

        // Nothing of the rejected file reaches the cost store.
        var costs = await client.GetCostsAsync("from=2024-09-01&to=2024-10-01&filter=BillingAccountId:BAD1");
        Assert.Empty(costs.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondIsDuplicateOfTheFirst()
    {
        using var client = app.CreateApiClient();
        var csv = new FocusCsv().Row(("BillingAccountId", "DUP1"), ("BilledCost", "4.25")).Row(("BillingAccountId", "DUP1"), ("BilledCost", "0.75")).ToCsv();

        var first = await client.ImportAsync("twice.csv", csv);
        var second = await client.ImportAsync("twice-again.csv", csv);

        Assert.Equal("Succeeded", first.GetProperty("status").GetString());
        Assert.Equal("Duplicate", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("duplicateOfImportId").GetInt64());
        Assert.Equal(first.GetProperty("sha256").GetString(), second.GetProperty("sha256").GetString());

        // Loaded once: the account's costs are counted once.
        var costs = await client.GetCostsAsync("from=2024-09-01&to=2024-10-01&filter=BillingAccountId:DUP1");
        Assert.Equal(5m, costs.Totals()["USD"]);
    }

    [Fact]
    public async Task GetImport_UnknownId_Answers404NamingId()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(new Uri("/api/v1/imports/987654321", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("id", problem.RootElement.GetProperty("parameter").GetString());
    }
}
