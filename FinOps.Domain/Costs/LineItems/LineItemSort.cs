using FinOps.Domain.Billing;

namespace FinOps.Domain.Costs.LineItems;

/// <summary>
/// The order of a line-item listing: one FOCUS column, ascending or descending (ties are broken by the stored row id,
/// so pages never overlap). Written in URLs as <c>Column:asc</c> or <c>Column:desc</c>.
/// </summary>
public sealed record LineItemSort
{
    private LineItemSort(FocusColumn column, bool descending)
    {
        Column = column;
        Descending = descending;
    }

    /// <summary>Newest charge first: the order a person expects from a list of charges.</summary>
    public static LineItemSort Default { get; } = new(FocusColumns.ChargePeriodStart, true);

    public FocusColumn Column { get; }

    public bool Descending { get; }

    public static LineItemSort By(string column, bool descending) =>
        FocusColumns.TryFind(column, out var found)
            ? new LineItemSort(found, descending)
            : throw new ArgumentException($"'{column}' is not a FOCUS column.", nameof(column));

    /// <summary>
    /// Parses <c>Column</c>, <c>Column:asc</c> or <c>Column:desc</c> (case-insensitive); empty text is the default order.
    /// On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, out LineItemSort sort, out string error)
    {
        sort = Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (!FocusColumns.TryFind(parts[0], out var column))
        {
            error = $"sort: '{parts[0]}' is not a FOCUS column";
            return false;
        }

        var direction = parts.Length == 2 ? parts[1] : "asc";
        if (!direction.Equals("asc", StringComparison.OrdinalIgnoreCase) && !direction.Equals("desc", StringComparison.OrdinalIgnoreCase))
        {
            error = $"sort: the direction must be asc or desc, got '{direction}'";
            return false;
        }

        sort = new LineItemSort(column, direction.Equals("desc", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>The URL form, <c>Column:asc</c> or <c>Column:desc</c>.</summary>
    public override string ToString() => $"{Column.Name}:{(Descending ? "desc" : "asc")}";
}
