namespace FinOps.Domain.Billing;

/// <summary>The dimensions kept in the daily rollup (<see cref="RollupChunk"/>): the ones the UI groups and filters by.</summary>
public static class RollupSchema
{
    public const string Table = "RollupChunks";

    /// <summary>FOCUS columns (dimension kind) present in the rollup; Tags are present as the tag-set id.</summary>
    public static readonly IReadOnlyList<string> DimensionColumns =
    [
        "BillingCurrency", "BillingAccountId", "SubAccountId", "ProviderName", "ServiceProviderName", "InvoiceIssuerName",
        "ServiceCategory", "ServiceName", "RegionId", "ChargeCategory", "ChargeClass", "PricingCategory", "CommitmentDiscountId", "ResourceId", "ResourceName",
    ];

    private static readonly HashSet<string> DimensionSet = new(DimensionColumns, StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string focusColumn) => DimensionSet.Contains(focusColumn);
}
