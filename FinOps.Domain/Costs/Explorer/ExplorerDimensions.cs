namespace FinOps.Domain.Costs.Explorer;

/// <summary>
/// The dimensions the Cost Explorer offers for filters and grouping, their names for people, and the natural drill-down
/// order (service category → service → resource; billing account → sub-account → service; provider → billing account).
/// </summary>
public static class ExplorerDimensions
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ProviderName"] = "Provider",
        ["BillingAccountId"] = "Billing account",
        ["SubAccountId"] = "Sub-account",
        ["ServiceCategory"] = "Service category",
        ["ServiceName"] = "Service",
        ["RegionId"] = "Region",
        ["ChargeCategory"] = "Charge category",
        ["PricingCategory"] = "Pricing category",
        ["CommitmentDiscountId"] = "Commitment discount",
        ["ResourceId"] = "Resource",
        ["ResourceName"] = "Resource name",
        ["ChargeClass"] = "Charge class",
        ["InvoiceIssuerName"] = "Invoice issuer",
        ["ServiceProviderName"] = "Service provider",
    };

    private static readonly Dictionary<string, string> NaturalNext = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceCategory"] = "ServiceName",
        ["ServiceName"] = "ResourceId",
        ["BillingAccountId"] = "SubAccountId",
        ["SubAccountId"] = "ServiceName",
        ["ProviderName"] = "BillingAccountId",
        ["ServiceProviderName"] = "ServiceName",
        ["InvoiceIssuerName"] = "BillingAccountId",
        ["RegionId"] = "ServiceName",
        ["ChargeCategory"] = "ServiceCategory",
        ["ChargeClass"] = "ServiceName",
        ["PricingCategory"] = "ServiceName",
        ["CommitmentDiscountId"] = "ResourceId",
    };

    /// <summary>The columns offered in the filter panel and the group-by lists, in the order people look for them (tags come after).</summary>
    public static IReadOnlyList<CostDimension> Columns { get; } =
    [
        .. new[]
        {
            "ProviderName", "BillingAccountId", "SubAccountId", "ServiceCategory", "ServiceName", "RegionId", "ChargeCategory",
            "PricingCategory", "CommitmentDiscountId", "ResourceId",
        }.Select(CostDimension.ForColumn),
    ];

    /// <summary>"Service", "Billing account", "Tag team"...</summary>
    public static string Label(CostDimension dimension) =>
        dimension.IsTag ? $"Tag {dimension.TagKey}" : Labels.GetValueOrDefault(dimension.Column!, dimension.Column!);

    /// <summary>How an empty value reads: "(untagged)" for a tag, "(none)" for a column.</summary>
    public static string EmptyValueLabel(CostDimension dimension) => dimension.IsTag ? "(untagged)" : "(none)";

    /// <summary>A value as people read it (empty → "(none)" / "(untagged)").</summary>
    public static string ValueLabel(CostDimension dimension, string? value) => string.IsNullOrWhiteSpace(value) ? EmptyValueLabel(dimension) : value;

    /// <summary>
    /// The dimension a drill-down into one value of <paramref name="dimension"/> regroups by, or null at the bottom
    /// (a resource). Tags and columns without a natural child go to the service.
    /// </summary>
    public static CostDimension? Next(CostDimension dimension)
    {
        if (dimension.IsTag)
        {
            return CostDimension.ForColumn("ServiceName");
        }

        if (NaturalNext.TryGetValue(dimension.Column!, out var next))
        {
            return CostDimension.ForColumn(next);
        }

        return string.Equals(dimension.Column, "ResourceId", StringComparison.OrdinalIgnoreCase)
               || string.Equals(dimension.Column, "ResourceName", StringComparison.OrdinalIgnoreCase)
            ? null
            : CostDimension.ForColumn("ServiceName");
    }
}
