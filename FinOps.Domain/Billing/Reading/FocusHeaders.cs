namespace FinOps.Domain.Billing.Reading;

/// <summary>Normalizes and validates the header names of a billing file (shared by the CSV and Parquet readers).</summary>
internal static class FocusHeaders
{
    /// <summary>Trims a header name and removes a BOM or a pair of quotes left around it by surrounding spaces.</summary>
    public static string Normalize(ReadOnlySpan<char> raw)
    {
        var name = raw.Trim().TrimStart('\uFEFF').Trim();
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            return name[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal).Trim();
        return name.ToString();
    }

    /// <summary>Rejects duplicate names (case-insensitive: FOCUS columns are matched case-insensitively).</summary>
    /// <exception cref="FocusFileFormatException">Two columns have the same name.</exception>
    public static void EnsureUnique(IReadOnlyList<string> names, long headerLine)
    {
        var seen = new Dictionary<string, int>(names.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            if (!seen.TryAdd(names[i], i))
            {
                var first = seen[names[i]];
                throw new FocusFileFormatException(
                    $"Line {headerLine}: duplicate column name '{names[i]}' (columns {first + 1} and {i + 1}; names are compared case-insensitively).",
                    headerLine,
                    names[i]);
            }
        }
    }
}
