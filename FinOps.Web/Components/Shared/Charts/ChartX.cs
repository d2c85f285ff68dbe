using System.Globalization;

namespace FinOps.Web.Components.Shared.Charts;

/// <summary>An x value: a calendar date (datetime axis) or a category (category axis).</summary>
public readonly record struct ChartX
{
    private ChartX(DateOnly? date, string? category)
    {
        Date = date;
        Category = category;
    }

    public DateOnly? Date { get; }

    public string? Category { get; }

    public bool IsDate => Date.HasValue;

    public static ChartX FromDate(DateOnly date) => new(date, null);

    public static ChartX FromCategory(string category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        return new(null, category);
    }

    public static implicit operator ChartX(DateOnly date) => FromDate(date);

    public static implicit operator ChartX(string category) => FromCategory(category);

    /// <summary>The category, or the date as yyyy-MM-dd.</summary>
    public override string ToString() =>
        Category ?? Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
