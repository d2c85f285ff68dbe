using System.Globalization;
using FinOps.Domain.Billing;

namespace FinOps.Domain.Costs;

/// <summary>Which money column is summed.</summary>
public enum CostMetric
{
    BilledCost,
    EffectiveCost,
    ListCost,
    ContractedCost,
}

/// <summary>How rows are bucketed in time (by ChargePeriodStart, UTC). Weeks start on Monday.</summary>
public enum Granularity
{
    None,
    Day,
    Week,
    Month,
}

/// <summary>Something costs can be grouped or filtered by: a FOCUS string column, or the value of one tag key.</summary>
public sealed record CostDimension
{
    private CostDimension(string name, string? column, string? tagKey)
    {
        Name = name;
        Column = column;
        TagKey = tagKey;
    }

    /// <summary>As written in queries: the FOCUS column name, or <c>Tag:&lt;key&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The FOCUS column (null for a tag).</summary>
    public string? Column { get; }

    /// <summary>The tag key (null for a column).</summary>
    public string? TagKey { get; }

    public bool IsTag => TagKey is not null;

    /// <summary>True when the daily rollup holds this dimension, so queries need not read line items.</summary>
    public bool InRollup => IsTag || RollupSchema.Contains(Column!);

    public static CostDimension ForColumn(string column) => TryParse(column, out var d, out var error) ? d : throw new ArgumentException(error, nameof(column));

    public static CostDimension ForTag(string key) => new($"Tag:{key}", null, key);

    /// <summary>Parses a FOCUS column name (case-insensitive, any string column) or <c>Tag:&lt;key&gt;</c>.</summary>
    public static bool TryParse(string text, out CostDimension dimension, out string error)
    {
        dimension = null!;
        text = text.Trim();
        if (text.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase))
        {
            var key = text[4..];
            if (key.Length == 0)
            {
                error = "a tag dimension needs a key: Tag:<key>";
                return false;
            }

            dimension = ForTag(key);
            error = "";
            return true;
        }

        if (!FocusColumns.TryFind(text, out var column))
        {
            error = $"'{text}' is not a FOCUS column (or Tag:<key>)";
            return false;
        }

        if (column.Kind != FocusValueKind.Dimension)
        {
            error = $"'{column.Name}' is a {column.Kind.ToString().ToLowerInvariant()} column; costs are grouped and filtered by string columns";
            return false;
        }

        dimension = new CostDimension(column.Name, column.Name, null);
        error = "";
        return true;
    }

    public override string ToString() => Name;
}

/// <summary>Keeps rows whose dimension has any of the values (null or "" matches rows where it is empty / untagged).</summary>
public sealed record CostFilter(CostDimension Dimension, IReadOnlyList<string?> Values);

/// <summary>
/// A cost question: what did it cost (metric), between From (inclusive) and To (exclusive) by ChargePeriodStart,
/// for rows matching every filter (values of one dimension are alternatives), grouped by zero or more dimensions
/// and optionally by period. Currencies are never summed together: every row carries its billing currency.
/// </summary>
public sealed record CostQuery(
    DateOnly From,
    DateOnly To,
    CostMetric Metric = CostMetric.BilledCost,
    IReadOnlyList<CostDimension>? GroupBy = null,
    Granularity Granularity = Granularity.None,
    IReadOnlyList<CostFilter>? Filters = null)
{
    public IReadOnlyList<CostDimension> GroupBy { get; init; } = GroupBy ?? [];

    public IReadOnlyList<CostFilter> Filters { get; init; } = Filters ?? [];

    /// <summary>True when the daily rollup answers it (every dimension involved is in the rollup).</summary>
    public bool CanUseRollup => GroupBy.All(g => g.InRollup) && Filters.All(f => f.Dimension.InRollup);

    /// <summary>
    /// Parses the query-string form used by the API and by page URLs. On failure, <paramref name="parameter"/> names the
    /// offending parameter and <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? from, string? to, string? metric, string? groupBy, string? granularity,
        IEnumerable<string>? filters, out CostQuery query, out string parameter, out string error)
    {
        query = null!;
        if (!TryParseDate(from, out var fromDate))
        {
            (parameter, error) = ("from", $"from must be an ISO date (YYYY-MM-DD), got '{from}'");
            return false;
        }

        if (!TryParseDate(to, out var toDate))
        {
            (parameter, error) = ("to", $"to must be an ISO date (YYYY-MM-DD), got '{to}'");
            return false;
        }

        if (toDate <= fromDate)
        {
            (parameter, error) = ("to", "to must be after from (from is inclusive, to exclusive)");
            return false;
        }

        var parsedMetric = CostMetric.BilledCost;
        if (!string.IsNullOrWhiteSpace(metric) && !Enum.TryParse(metric.Trim(), true, out parsedMetric))
        {
            (parameter, error) = ("metric", $"metric must be one of {string.Join(", ", Enum.GetNames<CostMetric>())}, got '{metric}'");
            return false;
        }

        var parsedGranularity = Granularity.None;
        if (!string.IsNullOrWhiteSpace(granularity) && !Enum.TryParse(granularity.Trim(), true, out parsedGranularity))
        {
            (parameter, error) = ("granularity", $"granularity must be one of {string.Join(", ", Enum.GetNames<Granularity>())}, got '{granularity}'");
            return false;
        }

        var dimensions = new List<CostDimension>();
        foreach (var part in (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!CostDimension.TryParse(part, out var dimension, out var why))
            {
                (parameter, error) = ("groupBy", $"groupBy: {why}");
                return false;
            }

            if (!dimensions.Contains(dimension))
            {
                dimensions.Add(dimension);
            }
        }

        var byDimension = new Dictionary<CostDimension, List<string?>>();
        foreach (var filter in filters ?? [])
        {
            if (!TryParseFilter(filter, out var dimension, out var value, out var why))
            {
                (parameter, error) = ("filter", $"filter '{filter}': {why}");
                return false;
            }

            if (!byDimension.TryGetValue(dimension, out var values))
            {
                byDimension[dimension] = values = [];
            }

            values.Add(value);
        }

        query = new CostQuery(fromDate, toDate, parsedMetric, dimensions, parsedGranularity,
            byDimension.Select(kv => new CostFilter(kv.Key, kv.Value)).ToList());
        (parameter, error) = ("", "");
        return true;
    }

    /// <summary><c>Column:value</c> or <c>Tag:key=value</c>; an empty value means "empty" / "untagged".</summary>
    private static bool TryParseFilter(string text, out CostDimension dimension, out string? value, out string error)
    {
        dimension = null!;
        value = null;
        if (text.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase))
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                error = "a tag filter is Tag:<key>=<value> (an empty value means untagged)";
                return false;
            }

            if (!CostDimension.TryParse(text[..equals], out dimension, out error))
            {
                return false;
            }

            value = text[(equals + 1)..];
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = "a filter is <Column>:<value> or Tag:<key>=<value>";
            return false;
        }

        if (!CostDimension.TryParse(text[..colon], out dimension, out error))
        {
            return false;
        }

        value = text[(colon + 1)..];
        return true;
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>One answer row. Keys hold the grouped dimensions' values (null when empty / untagged).</summary>
public sealed record CostRow(IReadOnlyDictionary<string, string?> Keys, DateOnly? Period, string BillingCurrency, decimal Cost);

/// <summary>
/// The grouped values of one <see cref="CostRow"/>: a read-only map from dimension name to value over two arrays, the
/// names shared by every row of an answer (large answers have tens of thousands of rows: one dictionary each would
/// cost more than the aggregation). Names compare ordinally; a name given twice keeps its last value.
/// </summary>
public sealed class GroupKeyDictionary : IReadOnlyDictionary<string, string?>
{
    private readonly string[] _names;
    private readonly string?[] _values;

    public GroupKeyDictionary(string[] names, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Length != values.Length)
        {
            throw new ArgumentException("one value per name", nameof(values));
        }

        _names = names;
        _values = values;
    }

    public int Count => Enumerable.Range(0, _names.Length).Count(IsLastOfItsName);

    public IEnumerable<string> Keys => this.Select(kv => kv.Key);

    public IEnumerable<string?> Values => this.Select(kv => kv.Value);

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not a grouped dimension of this row");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (IsLastOfItsName(i))
            {
                yield return new KeyValuePair<string, string?>(_names[i], _values[i]);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = _names.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private bool IsLastOfItsName(int index) => IndexOf(_names[index]) == index;
}

public sealed record CostTotal(string BillingCurrency, decimal Cost);

public sealed record CostResult(CostMetric Metric, IReadOnlyList<CostRow> Rows, IReadOnlyList<CostTotal> Totals, bool AnsweredFromRollup);
