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
/// leaves the same state as once. All rows are written in one transaction; memory does not grow with the file (rows are
/// staged in a temporary table while the file is checked).
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
        // Rows go into a temporary table as they are parsed (bounded memory, duplicates caught by its key), and from
        // there into ResourceUtilization only when the whole file is valid; any error rolls everything back.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
        SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = sqliteTransaction;
            command.CommandText = sql;
            return command;
        }

        await using (var create = Command(
            "CREATE TEMP TABLE IF NOT EXISTS UtilizationStaging (ResourceId TEXT NOT NULL, Day INTEGER NOT NULL, CpuPercent REAL, " +
            "MemoryPercent REAL, StoragePercent REAL, Line INTEGER NOT NULL, PRIMARY KEY (ResourceId, Day)); DELETE FROM temp.UtilizationStaging;"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var errors = new List<UtilizationIssue>();
        long rows = 0;
        await using (var insert = Command(
            "INSERT INTO temp.UtilizationStaging (ResourceId, Day, CpuPercent, MemoryPercent, StoragePercent, Line) " +
            "VALUES (@r, @d, @c, @m, @s, @l) ON CONFLICT DO NOTHING"))
        await using (var firstLine = Command("SELECT Line FROM temp.UtilizationStaging WHERE ResourceId = @r AND Day = @d"))
        {
            var resource = insert.Parameters.Add("@r", SqliteType.Text);
            var day = insert.Parameters.Add("@d", SqliteType.Integer);
            var cpu = insert.Parameters.Add("@c", SqliteType.Real);
            var memory = insert.Parameters.Add("@m", SqliteType.Real);
            var storage = insert.Parameters.Add("@s", SqliteType.Real);
            var line = insert.Parameters.Add("@l", SqliteType.Integer);
            var findResource = firstLine.Parameters.Add("@r", SqliteType.Text);
            var findDay = firstLine.Parameters.Add("@d", SqliteType.Integer);
            using var text = new StreamReader(csv, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            Parse(text, errors, (row, at) =>
            {
                ct.ThrowIfCancellationRequested();
                resource.Value = row.ResourceId;
                day.Value = row.Day;
                cpu.Value = (object?)row.CpuPercent ?? DBNull.Value;
                memory.Value = (object?)row.MemoryPercent ?? DBNull.Value;
                storage.Value = (object?)row.StoragePercent ?? DBNull.Value;
                line.Value = at;
                if (insert.ExecuteNonQuery() == 1)
                {
                    rows++;
                    return null;
                }

                findResource.Value = row.ResourceId;
                findDay.Value = row.Day;
                return Convert.ToInt64(firstLine.ExecuteScalar(), CultureInfo.InvariantCulture);
            });
        }

        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return new UtilizationImportResult(0, errors);
        }

        await using (var merge = Command(
            "INSERT INTO ResourceUtilization (ResourceId, Day, CpuPercent, MemoryPercent, StoragePercent) " +
            "SELECT ResourceId, Day, CpuPercent, MemoryPercent, StoragePercent FROM temp.UtilizationStaging WHERE true " +
            "ON CONFLICT (ResourceId, Day) DO UPDATE SET CpuPercent = excluded.CpuPercent, MemoryPercent = excluded.MemoryPercent, " +
            "StoragePercent = excluded.StoragePercent; DELETE FROM temp.UtilizationStaging;"))
        {
            await merge.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new UtilizationImportResult(rows, []);
    }

    /// <summary>Validates every row; hands each valid one to <paramref name="accept"/>, which returns the line of an earlier row for the same resource and day, if any.</summary>
    private static void Parse(TextReader text, List<UtilizationIssue> errors, Func<ResourceUtilization, long, long?> accept)
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

                if (accept(utilization, line) is { } first)
                {
                    errors.Add(new UtilizationIssue(line, DateHeader, dateText, $"{resource} on {dateText} is already on line {first}: one row per resource and day."));
                }
            }
        }
    }
}
