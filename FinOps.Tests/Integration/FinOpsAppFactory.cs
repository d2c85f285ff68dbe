using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinOps.Tests.Integration;

/// <summary>
/// The real app in memory on a real SQLite file: its own temporary data directory, demo data off, a bootstrap token
/// for the API. The data directory is deleted on dispose.
/// </summary>
public sealed class FinOpsAppFactory : WebApplicationFactory<Program>
{
    public const string Token = "integration-test-token";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "finops-tests", "app-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FinOps:DataDirectory", DataDirectory);
        builder.UseSetting("FinOps:Api:BootstrapToken", Token);
        builder.UseSetting("FinOps:Demo:Enabled", "false");
        builder.UseSetting("FinOps:Demo:LiveFeed:Enabled", "false");
        builder.UseSetting("FinOps:Ingestion:InboxPollSeconds", "3600");
    }

    /// <summary>A client that sends the bootstrap token (full rights).</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Also reached from DisposeAsync: the base class ends it with Dispose(true).</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>
/// Integration test classes run one after another: Hangfire keeps its job storage in a process-wide static
/// (JobStorage.Current), so two app instances alive at once in one process could pick up each other's jobs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection
{
    public const string Name = "integration";
}
