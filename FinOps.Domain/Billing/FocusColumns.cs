namespace FinOps.Domain.Billing;

/// <summary>How a FOCUS column's text is parsed and stored.</summary>
public enum FocusValueKind
{
    /// <summary>Money in the billing currency, stored exactly and summed (BilledCost, EffectiveCost, ...).</summary>
    Money,
    /// <summary>A decimal that is shown but never summed (quantities, unit prices): stored as canonical text.</summary>
    Quantity,
    /// <summary>A UTC timestamp.</summary>
    DateTime,
    /// <summary>A string that repeats across rows: interned into the dimension dictionary.</summary>
    Dimension,
    /// <summary>A JSON value (an object, or for ContractApplied any JSON): stored as text.</summary>
    Json,
}

/// <summary>One column of the FOCUS 1.0 - 1.3 specification.</summary>
/// <param name="Name">The column name exactly as the specification spells it.</param>
/// <param name="Kind">How the value is parsed and stored.</param>
/// <param name="Mandatory">The specification marks it mandatory (a missing header rejects the file).</param>
/// <param name="Nullable">The specification allows null (an empty value in a non-nullable column is a conformance warning).</param>
/// <param name="AllowedValues">For enumerations: the values the specification allows (others are warnings).</param>
public sealed record FocusColumn(string Name, FocusValueKind Kind, bool Mandatory, bool Nullable, IReadOnlyList<string>? AllowedValues = null)
{
    public bool IsMoney => Kind == FocusValueKind.Money;
}

/// <summary>The catalogue of FOCUS columns this project stores (every mandatory, conditional and recommended column of 1.0 - 1.3).</summary>
public static class FocusColumns
{
    public static readonly IReadOnlyList<string> ChargeCategories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];

    public static readonly IReadOnlyList<string> ServiceCategories =
    [
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases", "Developer Tools",
        "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance", "Media",
        "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other",
    ];

    // Money (summed exactly).
    public static readonly FocusColumn BilledCost = new(nameof(BilledCost), FocusValueKind.Money, true, false);
    public static readonly FocusColumn EffectiveCost = new(nameof(EffectiveCost), FocusValueKind.Money, true, false);
    public static readonly FocusColumn ListCost = new(nameof(ListCost), FocusValueKind.Money, true, false);
    public static readonly FocusColumn ContractedCost = new(nameof(ContractedCost), FocusValueKind.Money, true, false);

    // Time.
    public static readonly FocusColumn BillingPeriodStart = new(nameof(BillingPeriodStart), FocusValueKind.DateTime, true, false);
    public static readonly FocusColumn BillingPeriodEnd = new(nameof(BillingPeriodEnd), FocusValueKind.DateTime, true, false);
    public static readonly FocusColumn ChargePeriodStart = new(nameof(ChargePeriodStart), FocusValueKind.DateTime, true, false);
    public static readonly FocusColumn ChargePeriodEnd = new(nameof(ChargePeriodEnd), FocusValueKind.DateTime, true, false);

    // Mandatory strings.
    public static readonly FocusColumn BillingAccountId = new(nameof(BillingAccountId), FocusValueKind.Dimension, true, false);
    public static readonly FocusColumn BillingCurrency = new(nameof(BillingCurrency), FocusValueKind.Dimension, true, false);
    public static readonly FocusColumn ChargeCategory = new(nameof(ChargeCategory), FocusValueKind.Dimension, true, false, ChargeCategories);
    public static readonly FocusColumn InvoiceIssuerName = new(nameof(InvoiceIssuerName), FocusValueKind.Dimension, true, false);
    public static readonly FocusColumn ProviderName = new(nameof(ProviderName), FocusValueKind.Dimension, false, true);
    public static readonly FocusColumn PublisherName = new(nameof(PublisherName), FocusValueKind.Dimension, false, true);
    public static readonly FocusColumn ServiceName = new(nameof(ServiceName), FocusValueKind.Dimension, true, false);
    public static readonly FocusColumn ServiceCategory = new(nameof(ServiceCategory), FocusValueKind.Dimension, true, false, ServiceCategories);

    /// <summary>Every column, in a stable order (the order of the line-item table).</summary>
    public static readonly IReadOnlyList<FocusColumn> All =
    [
        BilledCost, EffectiveCost, ListCost, ContractedCost,
        BillingPeriodStart, BillingPeriodEnd, ChargePeriodStart, ChargePeriodEnd,
        BillingAccountId,
        new("BillingAccountName", FocusValueKind.Dimension, false, true),
        new("BillingAccountType", FocusValueKind.Dimension, false, true),
        BillingCurrency,
        ChargeCategory,
        new("ChargeClass", FocusValueKind.Dimension, false, true, ["Correction"]),
        new("ChargeDescription", FocusValueKind.Dimension, false, true),
        new("ChargeFrequency", FocusValueKind.Dimension, false, true, ["One-Time", "Recurring", "Usage-Based"]),
        InvoiceIssuerName,
        new("InvoiceId", FocusValueKind.Dimension, false, true),
        // ProviderName and PublisherName are mandatory in 1.0 - 1.2 and deprecated in 1.3 (ServiceProviderName and
        // HostProviderName replace them): a file must carry one of each pair, checked by the validator.
        ProviderName,
        PublisherName,
        new("ServiceProviderName", FocusValueKind.Dimension, false, true),
        new("HostProviderName", FocusValueKind.Dimension, false, true),
        ServiceName,
        ServiceCategory,
        new("ServiceSubcategory", FocusValueKind.Dimension, false, true),
        new("SubAccountId", FocusValueKind.Dimension, false, true),
        new("SubAccountName", FocusValueKind.Dimension, false, true),
        new("SubAccountType", FocusValueKind.Dimension, false, true),
        new("RegionId", FocusValueKind.Dimension, false, true),
        new("RegionName", FocusValueKind.Dimension, false, true),
        new("AvailabilityZone", FocusValueKind.Dimension, false, true),
        new("ResourceId", FocusValueKind.Dimension, false, true),
        new("ResourceName", FocusValueKind.Dimension, false, true),
        new("ResourceType", FocusValueKind.Dimension, false, true),
        new("SkuId", FocusValueKind.Dimension, false, true),
        new("SkuMeter", FocusValueKind.Dimension, false, true),
        new("SkuPriceId", FocusValueKind.Dimension, false, true),
        new("SkuPriceDetails", FocusValueKind.Json, false, true),
        new("PricingCategory", FocusValueKind.Dimension, false, true, ["Standard", "Dynamic", "Committed", "Other"]),
        new("PricingQuantity", FocusValueKind.Quantity, false, true),
        new("PricingUnit", FocusValueKind.Dimension, false, true),
        new("ListUnitPrice", FocusValueKind.Quantity, false, true),
        new("ContractedUnitPrice", FocusValueKind.Quantity, false, true),
        new("PricingCurrency", FocusValueKind.Dimension, false, true),
        new("PricingCurrencyContractedUnitPrice", FocusValueKind.Quantity, false, true),
        new("PricingCurrencyEffectiveCost", FocusValueKind.Quantity, false, true),
        new("PricingCurrencyListUnitPrice", FocusValueKind.Quantity, false, true),
        new("ConsumedQuantity", FocusValueKind.Quantity, false, true),
        new("ConsumedUnit", FocusValueKind.Dimension, false, true),
        new("CommitmentDiscountId", FocusValueKind.Dimension, false, true),
        new("CommitmentDiscountName", FocusValueKind.Dimension, false, true),
        new("CommitmentDiscountCategory", FocusValueKind.Dimension, false, true, ["Spend", "Usage"]),
        new("CommitmentDiscountType", FocusValueKind.Dimension, false, true),
        new("CommitmentDiscountStatus", FocusValueKind.Dimension, false, true, ["Used", "Unused"]),
        new("CommitmentDiscountQuantity", FocusValueKind.Quantity, false, true),
        new("CommitmentDiscountUnit", FocusValueKind.Dimension, false, true),
        new("CapacityReservationId", FocusValueKind.Dimension, false, true),
        new("CapacityReservationStatus", FocusValueKind.Dimension, false, true, ["Used", "Unused"]),
        new("ContractApplied", FocusValueKind.Json, false, true),
        new("AllocatedMethodId", FocusValueKind.Dimension, false, true),
        new("AllocatedMethodDetails", FocusValueKind.Json, false, true),
        new("AllocatedResourceId", FocusValueKind.Dimension, false, true),
        new("AllocatedResourceName", FocusValueKind.Dimension, false, true),
        new("AllocatedTags", FocusValueKind.Json, false, true),
        new("Tags", FocusValueKind.Json, false, true),
    ];

    private static readonly Dictionary<string, FocusColumn> ByName =
        All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a column by name, case-insensitively.</summary>
    public static bool TryFind(string name, out FocusColumn column) => ByName.TryGetValue(name.Trim(), out column!);

    /// <summary>Columns a file must carry (by header), whatever FOCUS version it declares.</summary>
    public static IEnumerable<FocusColumn> RequiredHeaders => All.Where(c => c.Mandatory);

    /// <summary>Columns that name who provided the service: a file must carry at least one.</summary>
    public static readonly IReadOnlyList<string> ProviderColumns = ["ProviderName", "ServiceProviderName"];
}
