using System.Security.Cryptography;
using FinOps.Domain.Billing.Reading;
using FinOps.Domain.Common;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>An import's status changed (queued, running, finished).</summary>
public sealed record ImportChanged(long ImportId, ImportStatus Status);

/// <summary>New cost data was committed (an import succeeded): everything that shows costs should refresh.</summary>
public sealed record CostDataChanged(long ImportId, DateTimeOffset CommittedAt);

/// <summary>
/// The import ledger's life cycle: a delivered file is stored under the data directory and recorded as Queued;
/// a worker claims it (Queued -> Running), loads it in one transaction and records the outcome in the same
/// transaction (Succeeded), or rolls everything back and records why (Failed). Same bytes as an earlier successful
/// import: Duplicate. Runs are serialised (SQLite has one writer) and safe to repeat: a second run of a claimed or
/// finished import does nothing, and an import interrupted by a crash is re-queued at start-up.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    FinOpsPaths paths,
    FinOpsOptions options,
    TimeProvider time,
    ImportProgressTracker progress,
    Notifier<ImportChanged> importChanged,
    Notifier<CostDataChanged> costDataChanged,
    Administration.AuditLog audit,
    ILogger<ImportService> logger)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Stores the delivered bytes and queues the import. The caller then schedules <see cref="RunAsync"/>.</summary>
    public async Task<ImportRecord> SubmitAsync(Stream content, string fileName, ImportSource source, string submittedBy, CancellationToken ct)
    {
        var safeName = SafeFileName(fileName);
        var relative = Path.Combine(time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            $"{Guid.NewGuid():N}-{safeName}");
        var target = Path.Combine(paths.ImportsDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        long size = 0;
        string sha;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }

            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch
        {
            File.Delete(target); // A failed or refused upload leaves nothing behind.
            throw;
        }

        return await RecordQueuedAsync(safeName, relative, size, sha, source, submittedBy, ct);
    }

    /// <summary>Takes a file that is already on disk (the inbox): moves it under the data directory and queues it.</summary>
    public async Task<ImportRecord> SubmitExistingFileAsync(string path, ImportSource source, string submittedBy, CancellationToken ct)
    {
        var name = SafeFileName(Path.GetFileName(path));
        var relative = Path.Combine(time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            $"{Guid.NewGuid():N}-{name}");
        var target = Path.Combine(paths.ImportsDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(path, target);
        string sha;
        long size;
        await using (var stream = File.OpenRead(target))
        {
            size = stream.Length;
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }

        return await RecordQueuedAsync(name, relative, size, sha, source, submittedBy, ct);
    }

    private async Task<ImportRecord> RecordQueuedAsync(string name, string relative, long size, string sha, ImportSource source,
        string submittedBy, CancellationToken ct)
    {
        var record = new ImportRecord
        {
            FileName = name,
            StoredPath = relative,
            SizeBytes = size,
            Sha256 = sha,
            Source = source,
            SubmittedBy = submittedBy,
            Status = ImportStatus.Queued,
            QueuedAt = time.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Imports.Add(record);
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Queued import {ImportId} {FileName} ({Size} bytes) from {Source}", record.Id, name, size, source);
        await audit.WriteAsync(submittedBy, "import.queued", "Import", record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { record.FileName, record.SizeBytes, record.Sha256, Source = source.ToString() }, $"Import of {name} queued", ct);
        await importChanged.PublishAsync(new ImportChanged(record.Id, ImportStatus.Queued));
        return record;
    }

    /// <summary>Marks imports left Running by a dead process as Queued again; returns every Queued import to schedule.</summary>
    public async Task<IReadOnlyList<long>> RecoverInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var interrupted = await db.Imports.Where(i => i.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Queued), ct);
        if (interrupted > 0)
        {
            logger.LogWarning("Re-queued {Count} import(s) interrupted by a restart", interrupted);
        }

        return await db.Imports.Where(i => i.Status == ImportStatus.Queued).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
    }

    /// <summary>Loads a queued import. Safe to call any number of times: only a Queued import is processed.</summary>
    public async Task RunAsync(long importId, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await RunClaimedAsync(importId, ct);
        }
        finally
        {
            progress.Remove(importId);
            _writer.Release();
        }
    }

    private async Task RunClaimedAsync(long importId, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        ImportRecord record;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var claimed = await db.Imports
                .Where(i => i.Id == importId && i.Status == ImportStatus.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Running)
                    .SetProperty(i => i.StartedAt, started)
                    .SetProperty(i => i.Attempts, i => i.Attempts + 1), ct);
            if (claimed == 0)
            {
                logger.LogDebug("Import {ImportId} is not queued (already done or running); nothing to do", importId);
                return;
            }

            record = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId, ct);
            var original = await db.Imports
                .Where(i => i.Sha256 == record.Sha256 && i.Status == ImportStatus.Succeeded && i.Id != importId)
                .OrderBy(i => i.Id)
                .Select(i => (long?)i.Id)
                .FirstOrDefaultAsync(ct);
            if (original is not null)
            {
                await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Duplicate)
                    .SetProperty(i => i.DuplicateOfImportId, original)
                    .SetProperty(i => i.FinishedAt, time.GetUtcNow())
                    .SetProperty(i => i.DurationMs, (long)time.GetElapsedTime(startTimestamp).TotalMilliseconds), ct);
                logger.LogInformation("Import {ImportId} has the same bytes as import {Original}: recorded as Duplicate", importId, original);
                await importChanged.PublishAsync(new ImportChanged(importId, ImportStatus.Duplicate));
                return;
            }
        }

        await importChanged.PublishAsync(new ImportChanged(importId, ImportStatus.Running));
        var issues = new ImportIssueCollector(Math.Max(1, options.Ingestion.MaxStoredIssuesPerImport / 10), 100);
        var path = Path.Combine(paths.ImportsDirectory, record.StoredPath);
        string? failure;
        try
        {
            failure = await LoadAsync(importId, path, issues, started, startTimestamp, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the transaction was rolled back; the next start picks the import up again.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Queued), CancellationToken.None);
            throw;
        }
        catch (FocusFileFormatException ex)
        {
            issues.Error(ex.Line, ex.Column, null, ex.Message);
            failure = $"Rejected: {ex.Message}";
        }
        catch (Exception ex) when (ex is IOException or SqliteException or InvalidOperationException or OverflowException)
        {
            logger.LogError(ex, "Import {ImportId} failed", importId);
            issues.Error(null, null, null, ex.Message);
            failure = $"Failed: {ex.Message}";
        }

        if (failure is null)
        {
            await importChanged.PublishAsync(new ImportChanged(importId, ImportStatus.Succeeded));
            await costDataChanged.PublishAsync(new CostDataChanged(importId, time.GetUtcNow()));
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var failed = await db.Imports.SingleAsync(i => i.Id == importId, CancellationToken.None);
            failed.Status = ImportStatus.Failed;
            failed.FailureReason = failure;
            failed.FinishedAt = time.GetUtcNow();
            failed.DurationMs = (long)time.GetElapsedTime(startTimestamp).TotalMilliseconds;
            failed.ErrorCount = Math.Max(1, issues.ErrorCount);
            failed.WarningCount = issues.WarningCount;
            failed.Issues.AddRange(issues.ToStoredIssues());
            await db.SaveChangesAsync(CancellationToken.None);
        }

        logger.LogWarning("Import {ImportId} failed: {Reason}", importId, failure);
        await importChanged.PublishAsync(new ImportChanged(importId, ImportStatus.Failed));
    }

    /// <summary>Loads the file and records success in one transaction; returns the failure reason, or null.</summary>
    private async Task<string?> LoadAsync(long importId, string path, ImportIssueCollector issues, DateTimeOffset started,
        long startTimestamp, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            issues.Error(null, null, null, $"The delivered file is missing from the data directory ({path}).");
            return "Failed: the delivered file is missing.";
        }

        using var reader = FocusRecordReaders.Open(path);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await ImportProcessor.RunAsync(db, connection, importId, reader, issues,
            (rows, bytes, total) => progress.Report(importId, rows, bytes, total), ct);
        if (!outcome.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return outcome.FailureReason;
        }

        db.ChangeTracker.Clear();
        var record = await db.Imports.SingleAsync(i => i.Id == importId, ct);
        record.Status = ImportStatus.Succeeded;
        record.RowCount = outcome.RowCount;
        record.WarningCount = issues.WarningCount;
        record.ErrorCount = 0;
        record.FinishedAt = time.GetUtcNow();
        record.StartedAt = started;
        record.DurationMs = (long)time.GetElapsedTime(startTimestamp).TotalMilliseconds;
        record.Totals.AddRange(outcome.Totals);
        record.Issues.AddRange(issues.ToStoredIssues());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Import {ImportId} loaded {Rows} rows in {Duration} ms ({Warnings} warnings); {Phases}",
            importId, outcome.RowCount, record.DurationMs, issues.WarningCount, outcome.Phases);

        // The data is committed and visible. Now copy the write-ahead log into the database file (the import kept SQLite
        // from doing it halfway) and give the pooled connection its automatic checkpoints back.
        var checkpointStarted = time.GetTimestamp();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE); PRAGMA wal_autocheckpoint = 1000;";
            await checkpoint.ExecuteNonQueryAsync(CancellationToken.None);
        }

        logger.LogInformation("Import {ImportId}: write-ahead log checkpointed in {Duration} ms", importId,
            (long)time.GetElapsedTime(checkpointStarted).TotalMilliseconds);
        return null;
    }

    private static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        name = name.Trim();
        return string.IsNullOrEmpty(name) || name is "." or ".." ? "upload.csv" : name[..Math.Min(name.Length, 180)];
    }
}
