using System.Globalization;
using System.Net;
using System.Text;
using FinOps.Domain.Administration;
using FinOps.Tests.Support;

namespace FinOps.Tests.Integration;

/// <summary>Exports downloaded over HTTP (token and browser cookie) parse back to exactly the engine's totals.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CostExportApiTests(CostExportApiTests.KnownCosts data) : IClassFixture<CostExportApiTests.KnownCosts>
{
    private const string September = "from=2024-09-01&to=2024-10-01";

    /// <summary>Six rows in September 2024 (USD and EUR, costs with many decimals, a credit, a text cell that looks like a formula) and one in August.</summary>
    public sealed class KnownCosts : IAsyncLifetime
    {
        public FinOpsAppFactory App { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = App.CreateApiClient();
            var csv = new FocusCsv(FocusCsv.DefaultColumns.Append("x_Owner"))
                .Row([.. FocusCsv.Day(1), ("ServiceName", "Amazon EC2"), ("BilledCost", "1.123456789012345678"), ("EffectiveCost", "1"), ("Tags", """{"team":"web"}"""), ("x_Owner", "ana")])
                .Row([.. FocusCsv.Day(2), ("ServiceName", "Amazon S3"), ("BilledCost", "2.25"), ("ResourceId", "=cmd|' /C calc'!A0")])
                .Row([.. FocusCsv.Day(3), ("ServiceName", "Amazon EC2"), ("BilledCost", "-0.75"), ("ChargeCategory", "Credit")])
                .Row([.. FocusCsv.Day(9), ("ServiceName", "Amazon EC2"), ("BilledCost", "0.000000000000000001")])
                .Row([.. FocusCsv.Day(4), ("BillingAccountId", "M1"), ("ProviderName", "Microsoft"), ("ServiceName", "Virtual Machines"),
                    ("BillingCurrency", "EUR"), ("BilledCost", "5.5")])
                .Row([.. FocusCsv.Day(5), ("BillingAccountId", "M1"), ("ProviderName", "Microsoft"), ("ServiceName", "Virtual Machines"),
                    ("BillingCurrency", "EUR"), ("BilledCost", "0.1")])
                .Row([("ChargePeriodStart", "2024-08-20T00:00:00Z"), ("ChargePeriodEnd", "2024-08-21T00:00:00Z"), ("BillingPeriodStart", "2024-08-01T00:00:00Z"),
                    ("BillingPeriodEnd", "2024-09-01T00:00:00Z"), ("ServiceName", "Amazon EC2"), ("BilledCost", "7")]);
            var import = await Client.ImportAsync("export-costs.csv", csv.ToCsv());
            Assert.True(import.GetProperty("status").GetString() == "Succeeded", $"the data set did not import: {import}");
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static Dictionary<string, decimal> Sum(IEnumerable<(string Currency, string Amount)> rows) =>
        rows.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Sum(r => decimal.Parse(r.Amount, NumberStyles.Float, CultureInfo.InvariantCulture)));

    private async Task<Dictionary<string, decimal>> EngineTotalsAsync(string query) =>
        (await data.Client.GetCostsAsync(query)).Totals();

    private async Task<List<string[]>> CsvAsync(string url)
    {
        using var response = await GetAsync(data.Client, url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return ExportFiles.ParseCsv(Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    private async Task<List<ExportFiles.Cell?[]>> XlsxAsync(string url)
    {
        using var response = await GetAsync(data.Client, url);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        return ExportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GroupedCsv_TotalsEqualTheEnginesTotalsExactly()
    {
        var records = await CsvAsync($"/api/v1/costs/export?format=csv&view=grouped&{September}&groupBy=ServiceName&granularity=Day");

        Assert.Equal(["ServiceName", "Period", "BillingCurrency", "BilledCost"], records[0]);
        var totals = Sum(records.Skip(1).Select(r => (r[2], r[3])));
        Assert.Equal(await EngineTotalsAsync($"{September}&groupBy=ServiceName&granularity=Day"), totals);
        Assert.Equal(2.623456789012345679m, totals["USD"]);
        Assert.Equal(5.6m, totals["EUR"]);
        Assert.Contains(records, r => r[0] == "Amazon EC2" && r[1] == "2024-09-03" && r[3] == "-0.75");
    }

    [Fact]
    public async Task GroupedXlsx_WithComparison_HasNumericCellsWhoseTotalsEqualTheEngines()
    {
        var rows = await XlsxAsync($"/api/v1/costs/export?format=xlsx&{September}&groupBy=ServiceName&compare=true");

        Assert.Equal(["ServiceName", "BillingCurrency", "BilledCost", "PreviousBilledCost", "Change"], rows[0].Select(c => c!.Text));
        Assert.All(rows.Skip(1), r => Assert.True(r[2]!.IsNumber && r[3]!.IsNumber && r[4]!.IsNumber));
        Assert.Equal(await EngineTotalsAsync($"{September}&groupBy=ServiceName"), Sum(rows.Skip(1).Select(r => (r[1]!.Text, r[2]!.Text))));
        var ec2 = rows.Single(r => r[0]!.Text == "Amazon EC2");
        Assert.Equal(7m, decimal.Parse(ec2[3]!.Text, CultureInfo.InvariantCulture)); // the previous 30 days hold the August row
    }

    [Fact]
    public async Task LineItemsCsv_HaveEveryRow_EveryColumn_AndEscapedText()
    {
        var records = await CsvAsync($"/api/v1/costs/export?format=csv&view=lineitems&{September}&sort=BilledCost:asc");

        var header = records[0];
        Assert.Equal(FinOps.Domain.Billing.FocusColumns.All.Select(c => c.Name).Append("x_Columns"), header);
        var body = records.Skip(1).ToList();
        Assert.Equal(6, body.Count);
        int Column(string name) => Array.IndexOf(header, name);
        Assert.Equal(await EngineTotalsAsync(September), Sum(body.Select(r => (r[Column("BillingCurrency")], r[Column("BilledCost")]))));
        Assert.Equal("-0.75", body[0][Column("BilledCost")]);
        Assert.Contains(body, r => r[Column("ResourceId")] == "'=cmd|' /C calc'!A0");
        Assert.Contains(body, r => r[Column("x_Columns")] == """{"x_Owner":"ana"}""" && r[Column("Tags")] == """{"team":"web"}""");
        Assert.Contains(body, r => r[Column("ChargePeriodStart")] == "2024-09-09T00:00:00Z" && r[Column("BilledCost")] == "0.000000000000000001");
    }

    [Fact]
    public async Task LineItemsXlsx_FilteredByProvider_TotalsEqualTheEngines()
    {
        var rows = await XlsxAsync($"/api/v1/costs/export?format=xlsx&view=lineitems&{September}&filter=ProviderName:Microsoft");

        var header = rows[0].Select(c => c!.Text).ToList();
        var currency = header.IndexOf("BillingCurrency");
        var billed = header.IndexOf("BilledCost");
        Assert.Equal(2, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.True(r[billed]!.IsNumber));
        Assert.Equal(await EngineTotalsAsync($"{September}&filter=ProviderName:Microsoft"), Sum(rows.Skip(1).Select(r => (r[currency]!.Text, r[billed]!.Text))));
    }

    [Fact]
    public async Task BrowserDownload_WorksWithTheCookieOfAViewer_AndNamesTheFile()
    {
        var viewer = await data.App.CreateUserAsync(Roles.Viewer);
        using var browser = await data.App.SignInAsync(viewer.Email);

        using var response = await GetAsync(browser, $"/explorer/export?format=csv&view=lineitems&{September}");

        Assert.Equal("line-items-2024-09-01-to-2024-09-30.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        Assert.Equal(7, ExportFiles.ParseCsv(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync()).AsSpan(3))).Count);

        using var anonymous = data.App.CreateBrowserClient();
        using var refused = await anonymous.GetAsync(new Uri($"/explorer/export?format=csv&{September}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format=pdf&" + September, "format")]
    [InlineData("view=pivot&" + September, "view")]
    [InlineData("from=2024-09-31&to=2024-10-01", "from")]
    [InlineData("view=lineitems&sort=Price:asc&" + September, "sort")]
    [InlineData("compare=maybe&" + September, "compare")]
    [InlineData("compare=true&granularity=Day&" + September, "compare")]
    public async Task BadParameters_Answer400NamingTheParameter(string query, string parameter)
    {
        using var response = await data.Client.GetAsync(new Uri($"/api/v1/costs/export?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }
}
