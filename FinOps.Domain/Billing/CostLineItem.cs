namespace FinOps.Domain.Billing;

// Generated once from FocusColumns.All (the column order of the table); keep in step with it.

/// <summary>One FOCUS cost row as stored (see <see cref="LineItemSchema"/> for the encoding of each column).</summary>
public sealed class CostLineItem
{
    public long Id { get; set; }

    /// <summary>The (billing account, billing period) delivery this row belongs to.</summary>
    public long SliceId { get; set; }

    public long ImportId { get; set; }

    /// <summary>The line of the source file where the row starts.</summary>
    public long SourceLine { get; set; }

    /// <summary>ChargePeriodStart as days since 1970-01-01 (UTC).</summary>
    public int ChargeDay { get; set; }

    public long? BilledCostNanos { get; set; }
    public long? BilledCostAttos { get; set; }

    public long? EffectiveCostNanos { get; set; }
    public long? EffectiveCostAttos { get; set; }

    public long? ListCostNanos { get; set; }
    public long? ListCostAttos { get; set; }

    public long? ContractedCostNanos { get; set; }
    public long? ContractedCostAttos { get; set; }

    /// <summary>BillingPeriodStart in Unix seconds (UTC).</summary>
    public long? BillingPeriodStart { get; set; }

    /// <summary>BillingPeriodEnd in Unix seconds (UTC).</summary>
    public long? BillingPeriodEnd { get; set; }

    /// <summary>ChargePeriodStart in Unix seconds (UTC).</summary>
    public long? ChargePeriodStart { get; set; }

    /// <summary>ChargePeriodEnd in Unix seconds (UTC).</summary>
    public long? ChargePeriodEnd { get; set; }

    public long? BillingAccountIdId { get; set; }

    public long? BillingAccountNameId { get; set; }

    public long? BillingAccountTypeId { get; set; }

    public long? BillingCurrencyId { get; set; }

    public long? ChargeCategoryId { get; set; }

    public long? ChargeClassId { get; set; }

    public long? ChargeDescriptionId { get; set; }

    public long? ChargeFrequencyId { get; set; }

    public long? InvoiceIssuerNameId { get; set; }

    public long? InvoiceIdId { get; set; }

    public long? ProviderNameId { get; set; }

    public long? PublisherNameId { get; set; }

    public long? ServiceProviderNameId { get; set; }

    public long? HostProviderNameId { get; set; }

    public long? ServiceNameId { get; set; }

    public long? ServiceCategoryId { get; set; }

    public long? ServiceSubcategoryId { get; set; }

    public long? SubAccountIdId { get; set; }

    public long? SubAccountNameId { get; set; }

    public long? SubAccountTypeId { get; set; }

    public long? RegionIdId { get; set; }

    public long? RegionNameId { get; set; }

    public long? AvailabilityZoneId { get; set; }

    public long? ResourceIdId { get; set; }

    public long? ResourceNameId { get; set; }

    public long? ResourceTypeId { get; set; }

    public long? SkuIdId { get; set; }

    public long? SkuMeterId { get; set; }

    public long? SkuPriceIdId { get; set; }

    public string? SkuPriceDetails { get; set; }

    public long? PricingCategoryId { get; set; }

    public string? PricingQuantity { get; set; }

    public long? PricingUnitId { get; set; }

    public string? ListUnitPrice { get; set; }

    public string? ContractedUnitPrice { get; set; }

    public long? PricingCurrencyId { get; set; }

    public string? PricingCurrencyContractedUnitPrice { get; set; }

    public string? PricingCurrencyEffectiveCost { get; set; }

    public string? PricingCurrencyListUnitPrice { get; set; }

    public string? ConsumedQuantity { get; set; }

    public long? ConsumedUnitId { get; set; }

    public long? CommitmentDiscountIdId { get; set; }

    public long? CommitmentDiscountNameId { get; set; }

    public long? CommitmentDiscountCategoryId { get; set; }

    public long? CommitmentDiscountTypeId { get; set; }

    public long? CommitmentDiscountStatusId { get; set; }

    public string? CommitmentDiscountQuantity { get; set; }

    public long? CommitmentDiscountUnitId { get; set; }

    public long? CapacityReservationIdId { get; set; }

    public long? CapacityReservationStatusId { get; set; }

    public string? ContractApplied { get; set; }

    public long? AllocatedMethodIdId { get; set; }

    public string? AllocatedMethodDetails { get; set; }

    public long? AllocatedResourceIdId { get; set; }

    public long? AllocatedResourceNameId { get; set; }

    public string? AllocatedTags { get; set; }

    /// <summary>The canonical tag set (a <c>DimensionValues</c> id of its sorted JSON); null when untagged.</summary>
    public long? TagSetId { get; set; }

    /// <summary>Provider extension columns (x_...) and any other non-FOCUS columns, as a JSON object; null when none.</summary>
    public string? Extensions { get; set; }
}
