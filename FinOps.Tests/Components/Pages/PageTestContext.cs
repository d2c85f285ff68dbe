using FinOps.Domain.Billing.Ingestion;
using FinOps.Tests.Support;
using FinOps.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Tests.Components.Pages;

/// <summary>Page tests: the real domain services on a temporary SQLite store, a job client that records what was scheduled.</summary>
public abstract class PageTestContext : BunitTestBase
{
    private readonly string _directory = IdentityTestStore.NewDirectory();

    protected PageTestContext()
    {
        Services.AddFinOpsIdentityTestStore(_directory, Time);
        Services.AddSingleton<IBackgroundJobClient>(Jobs);
        Services.AddSingleton<ImportScheduler>();
    }

    protected FakeTimeProvider Time { get; } = new(IdentityTestStore.Start);

    protected RecordingJobClient Jobs { get; } = new();

    protected ImportService Imports => Services.GetRequiredService<ImportService>();

    protected Task InitializeStoreAsync() => IdentityTestStore.InitializeAsync(Services);

    /// <summary>Submits and runs an import of the CSV text, as the pipeline would.</summary>
    protected async Task<ImportRecord> ImportAsync(string csv, string name = "focus.csv")
    {
        await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var queued = await Imports.SubmitAsync(content, name, ImportSource.Api, "test", CancellationToken.None);
        await Imports.RunAsync(queued.Id, CancellationToken.None);
        return queued;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        IdentityTestStore.DeleteDirectory(_directory);
    }
}

/// <summary>Records jobs instead of running them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Hangfire.Common.Job> Created { get; } = [];

    /// <summary>The state each job was created in (Enqueued, Scheduled...), in the order of <see cref="Created"/>.</summary>
    public List<Hangfire.States.IState> States { get; } = [];

    public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
    {
        Created.Add(job);
        States.Add(state);
        return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => true;
}
