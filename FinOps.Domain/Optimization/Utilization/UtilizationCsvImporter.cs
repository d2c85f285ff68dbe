using System.Globalization;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using nietras.SeparatedValues;

namespace FinOps.Domain.Optimization.Utilization;

/// <summary>A value the importer could not accept: where (line, column) and why.</summary>
public sealed record UtilizationIssue(long Line, string? Column, string? Value, string Message)
{
    public override string ToString() => $"line {Line}{(Column is null ? "" : $", {Column}")}{(Value is null ? "" : $" '{Value}'")}: {Message}";
}

/// <summary>The outcome of one utilization file: stored rows (0 when rejected) and every error found.</summary>
public sealed record UtilizationImportResult(long Rows, IReadOnlyList<UtilizationIssue> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports resource utilization CSV files (docs/utilization-format.md): header <c>ResourceId,Date</c> plus any of
/// <c>CpuUtilization</c>, <c>MemoryUtilization</c>, <c>StorageUtilization</c> (percent, 0 to 100, empty when unknown).
/// Strict: a value that cannot be parsed rejects the whole file with its line and column, and nothing is stored.
/// Idempotent: a (resource, date) already stored is replaced by the file's values; importing the same file twice
/// leaves the same state as once. All rows are written in one transaction.
/// </summary>
public sealed class UtilizationCsvImporter(IDbContextFactory<FinOpsDbContext> dbFactory)
{
    public const string ResourceIdHeader = "ResourceId";
    public const string DateHeader = "Date";

    /// <summary>The metric columns by header name (matched case-insensitively).</summary>
    public static readonly IReadOnlyDictionary<string, UtilizationMetric> MetricHeaders =
        new Dictionary<string, UtilizationMetric>(StringComparer.OrdinalIgnoreCase)
        {
            ["CpuUtilization"] = UtilizationMetric.Cpu,
            ["MemoryUtilization"] = UtilizationMetric.Memory,
            ["StorageUtilization"] = UtilizationMetric.Storage,
        };

    /// <summary>Stop collecting errors after this many (the file is rejected anyway).</summary>
    public const int MaxErrors = 100;

    /// <summary>True when the header is a utilization file's: ResourceId, Date and at least one metric column, and no cost column.</summary>
    public static bool IsUtilizationHeader(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => h.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Contains(ResourceIdHeader) && names.Contains(DateHeader) && MetricHeaders.Keys.Any(names.Contains)
            && !names.Contains("BilledCost");
    }

    /// <summary>Reads only the first line of a CSV file: is it a utilization file?</summary>
    public static bool IsUtilizationFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            var header = reader.ReadLine();
            return header is not null && IsUtilizationHeader(header.Split(',').Select(h => h.Trim().Trim('"')).ToList());
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async Task<UtilizationImportResult> ImportFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(stream, ct);
    }

    public async Task<UtilizationImportResult> ImportAsync(Stream csv, CancellationToken ct)
    {
        var errors = new List<UtilizationIssue>();
        var rows = new List<ResourceUtilization>();
        using (var text = new StreamReader(csv, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            Parse(text, rows, errors);
        }

        if (errors.Count > 0)
        {
            return new UtilizationImportResult(0, errors);
        }

        await StoreAsync(rows, ct);
        return new UtilizationImportResult(rows.Count, []);
    }

    private static void Parse(TextReader text, List<ResourceUtilization> rows, List<UtilizationIssue> errors)
    {
        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            errors.Add(new UtilizationIssue(1, null, null, $"The header cannot be read: {ex.Message}"));
            return;
        }

        using (reader)
        {
            var headers = reader.Header.ColNames.Select(h => h.Trim()).ToList();
            int Find(string name) => headers.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            var resourceColumn = Find(ResourceIdHeader);
            var dateColumn = Find(DateHeader);
            var metricColumns = MetricHeaders.Select(m => (m.Value, Name: m.Key, Index: Find(m.Key))).Where(m => m.Index >= 0).ToList();
            if (resourceColumn < 0 || dateColumn < 0 || metricColumns.Count == 0)
            {
                errors.Add(new UtilizationIssue(1, null, string.Join(",", headers),
                    $"The header must name {ResourceIdHeader}, {DateHeader} and at least one of {string.Join(", ", MetricHeaders.Keys)}."));
                return;
            }

            var seen = new Dictionary<(string, int), long>();
            foreach (var row in reader)
            {
                long line = row.LineNumberFrom;
                if (errors.Count >= MaxErrors)
                {
                    errors.Add(new UtilizationIssue(line, null, null, $"Stopped after {MaxErrors} errors; nothing was stored."));
                    return;
                }

                var fields = new string[row.ColCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = row[i].ToString().Trim();
                }

                string Field(int index) => index < fields.Length ? fields[index] : "";
                var resource = Field(resourceColumn);
                if (resource.Length == 0)
                {
                    errors.Add(new UtilizationIssue(line, ResourceIdHeader, null, "ResourceId is empty."));
                    continue;
                }

                var dateText = Field(dateColumn);
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors.Add(new UtilizationIssue(line, DateHeader, dateText, "Date must be an ISO date (YYYY-MM-DD)."));
                    continue;
                }

                var utilization = new ResourceUtilization { ResourceId = resource, Day = ResourceUtilization.DayOf(date) };
                var valid = true;
                foreach (var (metric, name, index) in metricColumns)
                {
                    var valueText = Field(index);
                    if (valueText.Length == 0 || valueText.Equals("null", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (!double.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                        || percent is < 0 or > 100)
                    {
                        errors.Add(new UtilizationIssue(line, name, valueText, $"{name} must be a percentage from 0 to 100 (a dot for decimals), or empty when unknown."));
                        valid = false;
                        continue;
                    }

                    switch (metric)
                    {
                        case UtilizationMetric.Cpu: utilization.CpuPercent = percent; break;
                        case UtilizationMetric.Memory: utilization.MemoryPercent = percent; break;
                        default: utilization.StoragePercent = percent; break;
                    }
                }

                if (!valid)
                {
                    continue;
                }

                if (seen.TryGetValue((resource, utilization.Day), out var first))
                {
                    errors.Add(new UtilizationIssue(line, DateHeader, dateText, $"{resource} on {dateText} is already on line {first}: one row per resource and day."));
                    continue;
                }

                seen[(resource, utilization.Day)] = line;
                rows.Add(utilization);
            }
        }
    }

    private async Task StoreAsync(List<ResourceUtilization> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandText =
            "INSERT INTO ResourceUtilization (ResourceId, Day, CpuPercent, MemoryPercent, StoragePercent) VALUES (@r, @d, @c, @m, @s) " +
            "ON CONFLICT (ResourceId, Day) DO UPDATE SET CpuPercent = excluded.CpuPercent, MemoryPercent = excluded.MemoryPercent, " +
            "StoragePercent = excluded.StoragePercent";
        var resource = command.Parameters.Add("@r", SqliteType.Text);
        var day = command.Parameters.Add("@d", SqliteType.Integer);
        var cpu = command.Parameters.Add("@c", SqliteType.Real);
        var memory = command.Parameters.Add("@m", SqliteType.Real);
        var storage = command.Parameters.Add("@s", SqliteType.Real);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            resource.Value = row.ResourceId;
            day.Value = row.Day;
            cpu.Value = (object?)row.CpuPercent ?? DBNull.Value;
            memory.Value = (object?)row.MemoryPercent ?? DBNull.Value;
            storage.Value = (object?)row.StoragePercent ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
