namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// Collects errors and warnings of one import. Every issue is counted; the first ones of each (column, message) are
/// kept with their line, then one summary line per (column, message) says how many more there were, so a file with
/// ten million empty values does not write ten million ledger rows.
/// </summary>
public sealed class ImportIssueCollector(int maxStoredPerKind = 20, int maxErrors = 100)
{
    private readonly List<ImportIssue> _stored = [];
    private readonly Dictionary<(ImportIssueSeverity, string?, string), long> _counts = [];

    public long ErrorCount { get; private set; }

    public long WarningCount { get; private set; }

    /// <summary>True once so many errors were found that reading on is pointless.</summary>
    public bool TooManyErrors => ErrorCount >= maxErrors;

    public int MaxErrors => maxErrors;

    public void Error(long? line, string? column, string? value, string message) =>
        Add(ImportIssueSeverity.Error, line, column, value, message);

    public void Warning(long? line, string? column, string? value, string message) =>
        Add(ImportIssueSeverity.Warning, line, column, value, message);

    private void Add(ImportIssueSeverity severity, long? line, string? column, string? value, string message)
    {
        if (severity == ImportIssueSeverity.Error)
        {
            ErrorCount++;
        }
        else
        {
            WarningCount++;
        }

        var key = (severity, column, message);
        _counts.TryGetValue(key, out var count);
        _counts[key] = count + 1;
        if (count < maxStoredPerKind)
        {
            _stored.Add(new ImportIssue
            {
                Severity = severity,
                Line = line,
                Column = column,
                Value = value is { Length: > 200 } ? value[..200] + "…" : value,
                Message = message,
            });
        }
    }

    /// <summary>The issues to store: errors first, then warnings, each in file order, plus "N more" summaries.</summary>
    public IReadOnlyList<ImportIssue> ToStoredIssues()
    {
        var result = _stored
            .OrderBy(i => i.Severity == ImportIssueSeverity.Error ? 0 : 1)
            .ThenBy(i => i.Line ?? 0)
            .ToList();
        foreach (var ((severity, column, message), count) in _counts.Where(kv => kv.Value > maxStoredPerKind))
        {
            result.Add(new ImportIssue
            {
                Severity = severity,
                Column = column,
                Message = $"{count - maxStoredPerKind:N0} more like this: {message}",
            });
        }

        return result;
    }

    public IEnumerable<ImportIssue> Errors => _stored.Where(i => i.Severity == ImportIssueSeverity.Error);
}
