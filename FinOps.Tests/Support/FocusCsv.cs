using System.Globalization;
using System.Text;

namespace FinOps.Tests.Support;

/// <summary>Builds small FOCUS CSV files for tests: every mandatory column has a sensible default a row can override.</summary>
public sealed class FocusCsv
{
    public static readonly string[] DefaultColumns =
    [
        "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
        "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceName", "ServiceCategory",
        "SubAccountId", "RegionId", "ResourceId", "Tags",
    ];

    private readonly List<string> _columns;
    private readonly List<Dictionary<string, string?>> _rows = [];

    public FocusCsv(IEnumerable<string>? columns = null) => _columns = (columns ?? DefaultColumns).ToList();

    public IReadOnlyList<string> Columns => _columns;

    public int RowCount => _rows.Count;

    /// <summary>Adds a row: defaults for 2024-09-01 in account A1 (USD, AWS, Compute), overridden by the given values.</summary>
    public FocusCsv Row(params (string Column, string? Value)[] values)
    {
        var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BilledCost"] = "1.00", ["EffectiveCost"] = "1.00", ["ListCost"] = "1.20", ["ContractedCost"] = "1.10",
            ["BillingAccountId"] = "A1", ["BillingAccountName"] = "Account one", ["BillingCurrency"] = "USD",
            ["BillingPeriodStart"] = "2024-09-01T00:00:00Z", ["BillingPeriodEnd"] = "2024-10-01T00:00:00Z",
            ["ChargePeriodStart"] = "2024-09-01T00:00:00Z", ["ChargePeriodEnd"] = "2024-09-02T00:00:00Z",
            ["ChargeCategory"] = "Usage", ["ChargeClass"] = "", ["ChargeDescription"] = "usage",
            ["InvoiceIssuerName"] = "Amazon Web Services, Inc.", ["ProviderName"] = "AWS", ["PublisherName"] = "Amazon Web Services, Inc.",
            ["ServiceName"] = "Amazon Elastic Compute Cloud", ["ServiceCategory"] = "Compute", ["SubAccountId"] = "S1",
            ["RegionId"] = "us-east-1", ["ResourceId"] = "i-1", ["Tags"] = "",
        };
        foreach (var (column, value) in values)
        {
            row[column] = value;
            if (!_columns.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                _columns.Add(column);
            }
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>A day in September 2024 (1-based) as a charge period.</summary>
    public static (string, string?)[] Day(int day) =>
    [
        ("ChargePeriodStart", new DateTime(2024, 9, day, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        ("ChargePeriodEnd", new DateTime(2024, 9, day, 0, 0, 0, DateTimeKind.Utc).AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
    ];

    public FocusCsv Without(string column)
    {
        _columns.RemoveAll(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public string ToCsv(string newline = "\n")
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', _columns.Select(Quote))).Append(newline);
        foreach (var row in _rows)
        {
            sb.Append(string.Join(',', _columns.Select(c => Quote(row.GetValueOrDefault(c) ?? "")))).Append(newline);
        }

        return sb.ToString();
    }

    public string WriteTo(string directory, string name = "focus.csv")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, ToCsv(), new UTF8Encoding(false));
        return path;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
