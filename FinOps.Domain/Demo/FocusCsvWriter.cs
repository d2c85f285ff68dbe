using System.Globalization;
using System.IO.Compression;
using System.Text;
using FinOps.Domain.Billing;
using nietras.SeparatedValues;

namespace FinOps.Domain.Demo;

/// <summary>
/// Writes FOCUS rows as RFC 4180 CSV with Sep: every column of <see cref="FocusColumns.All"/> in catalogue order, then the
/// provider's x_ extension columns; values quoted when they contain a comma, quote or line break; numbers invariant.
/// </summary>
internal sealed class FocusCsvWriter : IDisposable
{
    private static readonly string[] FocusNames = FocusColumns.All.Select(c => c.Name).ToArray();
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly int BilledCost = Column("BilledCost");
    private static readonly int EffectiveCost = Column("EffectiveCost");
    private static readonly int ListCost = Column("ListCost");
    private static readonly int ContractedCost = Column("ContractedCost");
    private static readonly int BillingPeriodStart = Column("BillingPeriodStart");
    private static readonly int BillingPeriodEnd = Column("BillingPeriodEnd");
    private static readonly int ChargePeriodStart = Column("ChargePeriodStart");
    private static readonly int ChargePeriodEnd = Column("ChargePeriodEnd");
    private static readonly int BillingAccountId = Column("BillingAccountId");
    private static readonly int BillingAccountName = Column("BillingAccountName");
    private static readonly int BillingAccountType = Column("BillingAccountType");
    private static readonly int BillingCurrency = Column("BillingCurrency");
    private static readonly int ChargeCategory = Column("ChargeCategory");
    private static readonly int ChargeClass = Column("ChargeClass");
    private static readonly int ChargeDescription = Column("ChargeDescription");
    private static readonly int ChargeFrequency = Column("ChargeFrequency");
    private static readonly int InvoiceIssuerName = Column("InvoiceIssuerName");
    private static readonly int InvoiceId = Column("InvoiceId");
    private static readonly int ProviderName = Column("ProviderName");
    private static readonly int PublisherName = Column("PublisherName");
    private static readonly int ServiceProviderName = Column("ServiceProviderName");
    private static readonly int HostProviderName = Column("HostProviderName");
    private static readonly int ServiceName = Column("ServiceName");
    private static readonly int ServiceCategory = Column("ServiceCategory");
    private static readonly int ServiceSubcategory = Column("ServiceSubcategory");
    private static readonly int SubAccountId = Column("SubAccountId");
    private static readonly int SubAccountName = Column("SubAccountName");
    private static readonly int SubAccountType = Column("SubAccountType");
    private static readonly int RegionId = Column("RegionId");
    private static readonly int RegionName = Column("RegionName");
    private static readonly int AvailabilityZone = Column("AvailabilityZone");
    private static readonly int ResourceId = Column("ResourceId");
    private static readonly int ResourceName = Column("ResourceName");
    private static readonly int ResourceType = Column("ResourceType");
    private static readonly int SkuId = Column("SkuId");
    private static readonly int SkuMeter = Column("SkuMeter");
    private static readonly int SkuPriceId = Column("SkuPriceId");
    private static readonly int SkuPriceDetails = Column("SkuPriceDetails");
    private static readonly int PricingCategory = Column("PricingCategory");
    private static readonly int PricingQuantity = Column("PricingQuantity");
    private static readonly int PricingUnit = Column("PricingUnit");
    private static readonly int ListUnitPrice = Column("ListUnitPrice");
    private static readonly int ContractedUnitPrice = Column("ContractedUnitPrice");
    private static readonly int ConsumedQuantity = Column("ConsumedQuantity");
    private static readonly int ConsumedUnit = Column("ConsumedUnit");
    private static readonly int CommitmentDiscountId = Column("CommitmentDiscountId");
    private static readonly int CommitmentDiscountName = Column("CommitmentDiscountName");
    private static readonly int CommitmentDiscountCategory = Column("CommitmentDiscountCategory");
    private static readonly int CommitmentDiscountType = Column("CommitmentDiscountType");
    private static readonly int CommitmentDiscountStatus = Column("CommitmentDiscountStatus");
    private static readonly int CommitmentDiscountQuantity = Column("CommitmentDiscountQuantity");
    private static readonly int CommitmentDiscountUnit = Column("CommitmentDiscountUnit");
    private static readonly int Tags = Column("Tags");

    private readonly SepWriter writer;

    public FocusCsvWriter(TextWriter textWriter, IReadOnlyList<string> extensionColumns)
    {
        writer = CreateSepWriter(textWriter);
        writer.Header.Add(FocusNames);
        writer.Header.Add(extensionColumns);
        writer.Header.Write();
    }

    public long Rows { get; private set; }

    /// <summary>The column names every demo file starts with, in order (the FOCUS catalogue).</summary>
    public static IReadOnlyList<string> FocusColumnNames => FocusNames;

    internal static int Column(string name) => Array.IndexOf(FocusNames, name) is var index and >= 0
        ? index
        : throw new InvalidOperationException($"{name} is not in the FOCUS column catalogue.");

    internal static SepWriter CreateSepWriter(TextWriter textWriter) =>
        Sep.New(',').Writer(o => o with
        {
            Escape = true,
            CultureInfo = CultureInfo.InvariantCulture,
            DisableColCountCheck = true,
            ColNotSetOption = SepColNotSetOption.Empty,
        }).To(textWriter, leaveOpen: false);

    /// <summary>Opens a UTF-8 (no BOM) text writer on a new file, gzip-compressed when asked, with "\n" line ends.</summary>
    internal static StreamWriter OpenText(string path, bool gzip)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (gzip)
        {
            stream = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: false);
        }

        return new StreamWriter(stream, Utf8NoBom, 1 << 16) { NewLine = "\n" };
    }

    public void Write(ChargeRow row)
    {
        var account = row.SubAccount.Account;
        using var csv = writer.NewRow();
        csv[BilledCost].Format(row.BilledCost);
        csv[EffectiveCost].Format(row.EffectiveCost);
        csv[ListCost].Format(row.ListCost);
        csv[ContractedCost].Format(row.ContractedCost);
        csv[BillingPeriodStart].Set(row.BillingPeriodStart);
        csv[BillingPeriodEnd].Set(row.BillingPeriodEnd);
        csv[ChargePeriodStart].Set(row.ChargePeriodStart);
        csv[ChargePeriodEnd].Set(row.ChargePeriodEnd);
        csv[BillingAccountId].Set(account.Id);
        csv[BillingAccountName].Set(account.Name);
        csv[BillingAccountType].Set(account.Type);
        csv[BillingCurrency].Set(account.Currency);
        csv[ChargeCategory].Set(row.ChargeCategory);
        csv[ChargeClass].Set(row.ChargeClass);
        csv[ChargeDescription].Set(row.ChargeDescription);
        csv[ChargeFrequency].Set(row.ChargeFrequency);
        csv[InvoiceIssuerName].Set(account.InvoiceIssuerName);
        csv[InvoiceId].Set(row.InvoiceId);
        csv[ProviderName].Set(account.ProviderName);
        csv[PublisherName].Set(account.PublisherName);
        csv[ServiceProviderName].Set(account.ProviderName);
        csv[HostProviderName].Set(account.ProviderName);
        csv[ServiceName].Set(row.ServiceName);
        csv[ServiceCategory].Set(row.ServiceCategory);
        csv[ServiceSubcategory].Set(row.ServiceSubcategory);
        csv[SubAccountId].Set(row.SubAccount.Id);
        csv[SubAccountName].Set(row.SubAccount.Name);
        csv[SubAccountType].Set(account.SubAccountType);
        csv[RegionId].Set(row.RegionId);
        csv[RegionName].Set(row.RegionName);
        csv[AvailabilityZone].Set(row.AvailabilityZone);
        csv[ResourceId].Set(row.ResourceId);
        csv[ResourceName].Set(row.ResourceName);
        csv[ResourceType].Set(row.ResourceType);
        csv[SkuId].Set(row.SkuId);
        csv[SkuMeter].Set(row.SkuMeter);
        csv[SkuPriceId].Set(row.SkuPriceId);
        csv[SkuPriceDetails].Set(row.SkuPriceDetails);
        csv[PricingCategory].Set(row.PricingCategory);
        SetNumber(csv[PricingQuantity], row.PricingQuantity);
        csv[PricingUnit].Set(row.PricingUnit);
        SetNumber(csv[ListUnitPrice], row.ListUnitPrice);
        SetNumber(csv[ContractedUnitPrice], row.ContractedUnitPrice);
        SetNumber(csv[ConsumedQuantity], row.ConsumedQuantity);
        csv[ConsumedUnit].Set(row.ConsumedUnit);
        csv[CommitmentDiscountId].Set(row.CommitmentDiscountId);
        csv[CommitmentDiscountName].Set(row.CommitmentDiscountName);
        csv[CommitmentDiscountCategory].Set(row.CommitmentDiscountCategory);
        csv[CommitmentDiscountType].Set(row.CommitmentDiscountType);
        csv[CommitmentDiscountStatus].Set(row.CommitmentDiscountStatus);
        SetNumber(csv[CommitmentDiscountQuantity], row.CommitmentDiscountQuantity);
        csv[CommitmentDiscountUnit].Set(row.CommitmentDiscountUnit);
        csv[Tags].Set(row.Tags);
        if (row.Extensions is { } extensions)
        {
            for (var i = 0; i < extensions.Length; i++)
            {
                csv[FocusNames.Length + i].Set(extensions[i]);
            }
        }

        Rows++;
    }

    private static void SetNumber(SepWriter.Col col, decimal? value)
    {
        if (value is { } number)
        {
            col.Format(number);
        }
        else
        {
            col.Set(ReadOnlySpan<char>.Empty);
        }
    }

    public void Dispose() => writer.Dispose();
}
