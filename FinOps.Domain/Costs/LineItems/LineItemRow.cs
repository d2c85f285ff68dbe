using System.Globalization;
using FinOps.Domain.Billing;

namespace FinOps.Domain.Costs.LineItems;

/// <summary>
/// One stored FOCUS row, decoded: every FOCUS column by name with its typed value (money and quantities as
/// <see cref="decimal"/>, timestamps as UTC <see cref="DateTimeOffset"/>, strings and JSON as text, null when the
/// source had no value), the tags as key/value pairs and the provider extension (<c>x_</c>) columns.
/// </summary>
public sealed class LineItemRow
{
    private static readonly Dictionary<string, int> IndexByName =
        FocusColumns.All.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);

    private readonly object?[] _values;

    internal LineItemRow(long id, long importId, long sourceLine, object?[] values,
        IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> extensions)
    {
        Id = id;
        ImportId = importId;
        SourceLine = sourceLine;
        _values = values;
        Tags = tags;
        Extensions = extensions;
    }

    /// <summary>The stored row's id (stable until its billing period is delivered again).</summary>
    public long Id { get; }

    /// <summary>The import (ledger entry) that delivered the row.</summary>
    public long ImportId { get; }

    /// <summary>The line of the source file where the row starts.</summary>
    public long SourceLine { get; }

    /// <summary>Tag key to value (a key without value holds <c>true</c>, as FOCUS writes it); empty when untagged.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Provider extension columns (<c>x_…</c>) and other non-FOCUS columns of the source, by their header name.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; }

    public string? BillingCurrency => this["BillingCurrency"] as string;

    /// <summary>The typed value of a FOCUS column (see the class summary), or null.</summary>
    public object? this[string column] =>
        IndexByName.TryGetValue(column, out var index) ? _values[index] : throw new ArgumentException($"'{column}' is not a FOCUS column.", nameof(column));

    public object? this[FocusColumn column] => this[column.Name];

    /// <summary>The value as text in invariant form (decimals as stored, timestamps ISO 8601 UTC), or null.</summary>
    public string? Text(string column) => this[column] switch
    {
        null => null,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };
}

/// <summary>One page of line items. <see cref="TotalCount"/> is exact unless <see cref="TotalIsLowerBound"/>.</summary>
/// <param name="TotalIsLowerBound">True when counting stopped at a limit: there are at least <see cref="TotalCount"/> rows ("10,000+").</param>
public sealed record LineItemPage(
    IReadOnlyList<LineItemRow> Rows,
    int PageIndex,
    int PageSize,
    long TotalCount,
    bool TotalIsLowerBound);

/// <summary>Which line items to list: the cost query's range and filters, an optional resource search, the order and the page.</summary>
/// <param name="Query">From, To and Filters are used; metric, grouping and granularity do not change which rows match.</param>
/// <param name="ResourceSearch">Keeps rows whose ResourceId or ResourceName contains this text (case-insensitive for ASCII letters).</param>
public sealed record LineItemRequest(CostQuery Query, LineItemSort? Sort = null, int PageIndex = 0, int PageSize = 50, string? ResourceSearch = null)
{
    public const int MaxPageSize = 500;

    public LineItemSort Sort { get; init; } = Sort ?? LineItemSort.Default;
}
