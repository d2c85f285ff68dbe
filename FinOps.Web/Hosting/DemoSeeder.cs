using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Demo;
using FinOps.Domain.Persistence;
using FinOps.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Web.Hosting;

/// <summary>
/// Demo mode: on first start with an empty store, generated multi-cloud FOCUS files are dropped into the inbox so
/// that the real pipeline (inbox poll, Hangfire import jobs, ledger) loads them; utilization.csv goes through the inbox
/// too (recognised by its header). The list of injected anomalies goes to &lt;data&gt;/demo.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    FinOpsPaths paths,
    FinOpsOptions options,
    TimeProvider time,
    InboxPollJob inbox,
    ILogger<DemoSeeder> logger)
{
    public string DemoDirectory => Path.Combine(paths.DataDirectory, "demo");

    public DemoDataGenerator CreateGenerator() =>
        new(new DemoDataOptions(options.Demo.Seed, Math.Clamp(options.Demo.Months, 1, 36), Math.Clamp(options.Demo.Scale, 0.01, 50)));

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Imports.AnyAsync(ct))
            {
                return;
            }
        }

        var staging = Path.Combine(DemoDirectory, "staging");
        Directory.CreateDirectory(staging);
        var files = CreateGenerator().WriteHistory(staging, time.GetUtcNow());
        var moved = 0;
        foreach (var file in files.Where(f => f.Kind is DemoFileKind.Billing or DemoFileKind.Utilization))
        {
            // Moved whole into the inbox (never half-written), dated in the past so the poller takes it at once.
            var target = Path.Combine(paths.InboxDirectory, Path.GetFileName(file.Path));
            File.Move(file.Path, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime.AddMinutes(-1));
            moved++;
        }

        foreach (var side in Directory.EnumerateFiles(staging))
        {
            File.Move(side, Path.Combine(DemoDirectory, Path.GetFileName(side)), overwrite: true);
        }

        logger.LogInformation("Demo data: {Count} billing and utilization files dropped into the inbox {Inbox}", moved, paths.InboxDirectory);
        await inbox.PollAsync(ct);
    }
}

/// <summary>The demo's live feed: re-delivers the current month to date for every billing account, as exports do.</summary>
public sealed class DemoLiveFeedJob(DemoSeeder demo, FinOpsPaths paths, TimeProvider time, InboxPollJob inbox, ImportLedger ledger)
{
    [Hangfire.AutomaticRetry(Attempts = 0)]
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var staging = Path.Combine(demo.DemoDirectory, "staging");
        Directory.CreateDirectory(staging);
        foreach (var file in demo.CreateGenerator().WriteCurrentPeriod(staging, time.GetUtcNow()))
        {
            // Today grows by quarter-hours: an unchanged month (same bytes) is not delivered again.
            await using (var stream = File.OpenRead(file.Path))
            {
                var sha = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken));
                if (await ledger.AlreadyLoadedAsync(sha, cancellationToken))
                {
                    stream.Close();
                    File.Delete(file.Path);
                    continue;
                }
            }

            var target = Path.Combine(paths.InboxDirectory, Path.GetFileName(file.Path));
            File.Move(file.Path, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime.AddMinutes(-1));
        }

        await inbox.PollAsync(cancellationToken);
    }
}
