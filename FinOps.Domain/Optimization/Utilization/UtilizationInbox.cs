using System.Globalization;
using FinOps.Domain.Common;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Optimization.Utilization;

/// <summary>Published after utilization values were imported (views showing utilization reload).</summary>
public sealed record UtilizationImported(string FileName, long Rows);

/// <summary>
/// Takes utilization CSV files out of the billing inbox, recognised by their header (ResourceId, Date and a metric
/// column, no cost column): an imported file is archived under <c>imports/utilization/</c>; a rejected one is moved to
/// <c>inbox/rejected/</c> with a <c>.errors.txt</c> beside it naming every line and column. Other files are left for
/// the billing import.
/// </summary>
public sealed class UtilizationInbox(UtilizationCsvImporter importer, FinOpsPaths paths, TimeProvider time,
    Notifier<UtilizationImported> imported, ILogger<UtilizationInbox> logger)
{
    /// <summary>Imports <paramref name="path"/> when it is a utilization file; false (file untouched) otherwise.</summary>
    public async Task<bool> TryTakeAsync(string path, CancellationToken ct)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || !UtilizationCsvImporter.IsUtilizationFile(path))
        {
            return false;
        }

        var name = Path.GetFileName(path);
        var result = await importer.ImportFileAsync(path, ct);
        if (result.Succeeded)
        {
            var archive = Path.Combine(paths.ImportsDirectory, "utilization", time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(archive);
            File.Move(path, Path.Combine(archive, $"{Guid.NewGuid():N}-{name}"));
            logger.LogInformation("Imported {Rows} utilization rows from {File}", result.Rows, name);
            await imported.PublishAsync(new UtilizationImported(name, result.Rows));
            return true;
        }

        var rejected = Path.Combine(paths.InboxDirectory, "rejected");
        Directory.CreateDirectory(rejected);
        var target = Path.Combine(rejected, name);
        File.Move(path, target, overwrite: true);
        await File.WriteAllLinesAsync(target + ".errors.txt", result.Errors.Select(e => e.ToString()), ct);
        logger.LogWarning("Rejected utilization file {File}: {Count} errors, first: {First}; nothing was stored (see {Errors})",
            name, result.Errors.Count, result.Errors[0], target + ".errors.txt");
        return true;
    }
}
