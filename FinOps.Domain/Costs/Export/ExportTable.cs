namespace FinOps.Domain.Costs.Export;

/// <summary>How a column's values are written: text (escaped against formula injection), exact numbers, UTC timestamps or dates.</summary>
public enum ExportColumnKind
{
    Text,
    Number,
    Timestamp,
    Date,
}

public sealed record ExportColumn(string Name, ExportColumnKind Kind);

/// <summary>
/// A table to export: its columns and its rows, produced while they are written (never all in memory). Each row holds
/// one value per column: a string (Text), a decimal (Number), a DateTimeOffset (Timestamp), a DateOnly (Date) or null.
/// </summary>
public sealed record ExportTable(IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows);

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>What is exported: the grouped sums the explorer shows, or every matching line item.</summary>
public enum ExportView
{
    Grouped,
    LineItems,
}
