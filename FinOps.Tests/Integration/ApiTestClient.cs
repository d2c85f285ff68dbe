using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FinOps.Tests.Integration;

/// <summary>What the integration tests do over HTTP: upload a file, wait for its import to end, query costs.</summary>
public static class ApiTestClient
{
    public static readonly string[] FinalStatuses = ["Succeeded", "Failed", "Duplicate"];

    /// <summary>POST /api/v1/imports with the file in the multipart field <paramref name="field"/>.</summary>
    public static Task<HttpResponseMessage> PostImportAsync(this HttpClient client, string fileName, string csv, string field = "file") =>
        client.PostImportAsync(fileName, Encoding.UTF8.GetBytes(csv), field);

    public static async Task<HttpResponseMessage> PostImportAsync(this HttpClient client, string fileName, byte[] bytes, string field = "file")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, field, fileName);
        return await client.PostAsync(new Uri("/api/v1/imports", UriKind.Relative), content);
    }

    /// <summary>Uploads a file and returns the id from the 202 answer (fails the test on any other answer).</summary>
    public static async Task<long> SubmitImportAsync(this HttpClient client, string fileName, string csv)
    {
        using var response = await client.PostImportAsync(fileName, csv);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/v1/imports answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Polls GET /api/v1/imports/{id} until the import reaches a final status; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitForImportAsync(this HttpClient client, long id, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < limit)
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/imports/{id}", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var import = JsonDocument.Parse(last).RootElement.Clone();
                if (FinalStatuses.Contains(import.GetProperty("status").GetString()))
                {
                    return import;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Import {id} did not reach Succeeded, Failed or Duplicate within {limit.TotalSeconds:0} s; last answer: {last}");
        return default;
    }

    /// <summary>Uploads a file and waits for its import to end.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, string fileName, string csv) =>
        await client.WaitForImportAsync(await client.SubmitImportAsync(fileName, csv));

    /// <summary>GET /api/v1/costs?... and the parsed body (fails the test unless the answer is 200).</summary>
    public static async Task<JsonElement> GetCostsAsync(this HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/costs?" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/costs?{query} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The rows of a costs answer as (keys joined by '|', period, currency) -> cost.</summary>
    public static Dictionary<(string Keys, string? Period, string Currency), decimal> Rows(this JsonElement costs, params string[] keyNames) =>
        costs.GetProperty("rows").EnumerateArray().ToDictionary(
            r => (string.Join('|', keyNames.Select(k => r.GetProperty("keys").GetProperty(k).GetString() ?? "<none>")),
                r.TryGetProperty("period", out var p) ? p.GetString() : null,
                r.GetProperty("billingCurrency").GetString()!),
            r => r.GetProperty("cost").GetDecimal());

    /// <summary>The totals of a costs answer: currency -> cost.</summary>
    public static Dictionary<string, decimal> Totals(this JsonElement costs) =>
        costs.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("billingCurrency").GetString()!, t => t.GetProperty("cost").GetDecimal());
}
