using FinOps.Domain.Billing;

namespace FinOps.Domain.Costs.LineItems;

/// <summary>A named group of FOCUS columns, for showing one row's columns in an order a person can scan.</summary>
public sealed record LineItemColumnGroup(string Name, IReadOnlyList<FocusColumn> Columns);

/// <summary>Which FOCUS columns a line-item listing shows by default, and how every column is grouped for display.</summary>
public static class LineItemColumns
{
    /// <summary>
    /// The columns shown until a person chooses others: when, what, and what it cost first (so the cost is on screen on
    /// a laptop without scrolling sideways), then where and how it was charged.
    /// </summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "ChargePeriodStart", "ServiceName", "ResourceId", "BilledCost", "EffectiveCost", "ProviderName", "SubAccountName",
        "RegionId", "ChargeCategory", "ChargeDescription",
    ];

    private static readonly (string Group, string[] Columns)[] Layout =
    [
        ("Cost", ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency"]),
        ("Time", ["ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd"]),
        ("Charge", ["ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency"]),
        ("Account and invoice", ["BillingAccountId", "BillingAccountName", "BillingAccountType", "SubAccountId", "SubAccountName",
            "SubAccountType", "InvoiceIssuerName", "InvoiceId"]),
        ("Provider and service", ["ProviderName", "PublisherName", "ServiceProviderName", "HostProviderName", "ServiceName",
            "ServiceCategory", "ServiceSubcategory"]),
        ("Resource and location", ["ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName", "AvailabilityZone"]),
        ("SKU and pricing", ["SkuId", "SkuMeter", "SkuPriceId", "SkuPriceDetails", "PricingCategory", "PricingQuantity", "PricingUnit",
            "ListUnitPrice", "ContractedUnitPrice", "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
            "PricingCurrencyListUnitPrice", "ConsumedQuantity", "ConsumedUnit"]),
        ("Commitments and reservations", ["CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountCategory",
            "CommitmentDiscountType", "CommitmentDiscountStatus", "CommitmentDiscountQuantity", "CommitmentDiscountUnit",
            "CapacityReservationId", "CapacityReservationStatus", "ContractApplied"]),
        ("Allocation", ["AllocatedMethodId", "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedResourceName", "AllocatedTags"]),
    ];

    /// <summary>Every FOCUS column except Tags (shown as its own key/value list), each in exactly one group.</summary>
    public static readonly IReadOnlyList<LineItemColumnGroup> Groups = BuildGroups();

    private static List<LineItemColumnGroup> BuildGroups()
    {
        var groups = Layout
            .Select(g => new LineItemColumnGroup(g.Group, g.Columns.Select(name => FocusColumns.TryFind(name, out var c)
                ? c : throw new InvalidOperationException($"{name} is not in the FOCUS catalogue.")).ToList()))
            .ToList();
        var placed = groups.SelectMany(g => g.Columns).Select(c => c.Name).Append("Tags").ToHashSet(StringComparer.Ordinal);
        var rest = FocusColumns.All.Where(c => !placed.Contains(c.Name)).ToList();
        if (rest.Count > 0)
        {
            groups.Add(new LineItemColumnGroup("Other", rest));
        }

        return groups;
    }
}
