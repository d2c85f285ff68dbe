using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace FinOps.Tests.Domain.Demo;

/// <summary>The fields of a written FOCUS row the demo tests look at, parsed independently of the app's readers.</summary>
internal sealed record Charge(
    string BillingAccountId,
    string BillingCurrency,
    string ProviderName,
    string BillingPeriodStart,
    string ChargePeriodStart,
    string ChargePeriodEnd,
    string ChargeCategory,
    string ChargeClass,
    string ChargeFrequency,
    string ServiceName,
    string ServiceCategory,
    string SubAccountId,
    string ResourceId,
    string Tags,
    string PricingCategory,
    string CommitmentDiscountStatus,
    decimal BilledCost,
    decimal EffectiveCost,
    decimal ListCost,
    decimal ContractedCost)
{
    public DateOnly ChargeDate => DateOnly.ParseExact(ChargePeriodStart[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Reads demo CSV files with Sep directly.</summary>
internal static class DemoCsv
{
    private static readonly string[] MoneyColumns = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost"];

    public static SepReader Open(string path)
    {
        var options = Sep.New(',').Reader(o => o with { Unescape = true });
        return path.EndsWith(".gz", StringComparison.Ordinal)
            ? options.From(new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            : options.FromFile(path);
    }

    public static IReadOnlyList<string> Header(string path)
    {
        using var reader = Open(path);
        return reader.Header.ColNames.ToList();
    }

    /// <summary>Strict money parsing: an optional sign, digits and a decimal point (no exponent, no grouping).</summary>
    public static decimal Money(ReadOnlySpan<char> text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static List<Charge> ReadCharges(string path)
    {
        var charges = new List<Charge>();
        using var reader = Open(path);
        foreach (var row in reader)
        {
            foreach (var column in MoneyColumns)
            {
                var text = row[column].Span;
                var dot = text.IndexOf('.');
                if (dot >= 0 && text.Length - dot - 1 > 10)
                {
                    throw new InvalidDataException($"{column} '{text}' has more than 10 decimals in {path}.");
                }
            }

            charges.Add(new Charge(
                row["BillingAccountId"].ToString(),
                row["BillingCurrency"].ToString(),
                row["ProviderName"].ToString(),
                row["BillingPeriodStart"].ToString(),
                row["ChargePeriodStart"].ToString(),
                row["ChargePeriodEnd"].ToString(),
                row["ChargeCategory"].ToString(),
                row["ChargeClass"].ToString(),
                row["ChargeFrequency"].ToString(),
                row["ServiceName"].ToString(),
                row["ServiceCategory"].ToString(),
                row["SubAccountId"].ToString(),
                row["ResourceId"].ToString(),
                row["Tags"].ToString(),
                row["PricingCategory"].ToString(),
                row["CommitmentDiscountStatus"].ToString(),
                Money(row["BilledCost"].Span),
                Money(row["EffectiveCost"].Span),
                Money(row["ListCost"].Span),
                Money(row["ContractedCost"].Span)));
        }

        return charges;
    }
}
