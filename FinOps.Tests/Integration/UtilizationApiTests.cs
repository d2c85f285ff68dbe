using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinOps.Domain;
using FinOps.Domain.Optimization.Utilization;
using FinOps.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Integration;

/// <summary>Utilization files reach the store through the API and through the inbox poll of the running app.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class UtilizationApiTests : IAsyncLifetime
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

    private async Task<HttpResponseMessage> PostAsync(string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "utilization.csv");
        return await _client.PostAsync(new Uri("/api/v1/utilization", UriKind.Relative), form);
    }

    private Task<IReadOnlyDictionary<string, ResourceUtilizationSummary>> SummaryAsync(params string[] resources) =>
        _app.Services.GetRequiredService<UtilizationStatistics>().SummarizeAsync(resources, new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1), CancellationToken.None);

    [Fact]
    public async Task Post_ImportsTheFile_AndABadFileAnswers400WithEveryErrorAndStoresNothing()
    {
        using var ok = await PostAsync("ResourceId,Date,CpuUtilization\ni-1,2024-09-01,40\ni-1,2024-09-02,60\n");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(50, (await SummaryAsync("i-1"))["i-1"].Cpu!.Average);

        using var bad = await PostAsync("ResourceId,Date,CpuUtilization\ni-2,2024-09-01,40\ni-2,2024-09-02,sixty\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal("CpuUtilization", error.GetProperty("column").GetString());
        Assert.Empty(await SummaryAsync("i-2"));

        using var notAForm = await _client.PostAsync(new Uri("/api/v1/utilization", UriKind.Relative), new StringContent("x"));
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
    }

    [Fact]
    public async Task InboxPoll_ImportsAUtilizationFile_RecognisedByItsHeader()
    {
        var inbox = _app.Services.GetRequiredService<FinOpsPaths>().InboxDirectory;
        Directory.CreateDirectory(inbox);
        var path = Path.Combine(inbox, "metrics-export.csv");
        await File.WriteAllTextAsync(path, "ResourceId,Date,MemoryUtilization\ni-9,2024-09-03,70\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));

        await _app.Services.GetRequiredService<InboxPollJob>().PollAsync(CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.Equal(70, (await SummaryAsync("i-9"))["i-9"].Memory!.P95);
        using var ledger = await _client.GetAsync(new Uri("/api/v1/imports", UriKind.Relative));
        Assert.DoesNotContain("metrics-export.csv", await ledger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
