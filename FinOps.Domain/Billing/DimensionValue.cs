namespace FinOps.Domain.Billing;

/// <summary>One distinct string of the cost data (a service name, an account id, a tag-set JSON, ...), interned once.</summary>
public sealed class DimensionValue
{
    public long Id { get; set; }

    public required string Value { get; set; }
}

/// <summary>One key/value pair of a tag set: lets queries filter and group by a tag key.</summary>
public sealed class TagEntry
{
    public long TagSetId { get; set; }

    public long KeyId { get; set; }

    public long ValueId { get; set; }
}

/// <summary>
/// The daily rollup: cost per day per the dimensions the UI groups by, maintained in the same transaction as the
/// line items it summarises. Money columns are exact sums of the <see cref="ExactMoney"/> parts.
/// </summary>
public sealed class DailyCost
{
    public long Id { get; set; }

    public long SliceId { get; set; }

    public int ChargeDay { get; set; }

    public long? BillingCurrencyId { get; set; }
    public long? BillingAccountIdId { get; set; }
    public long? SubAccountIdId { get; set; }
    public long? ProviderNameId { get; set; }
    public long? ServiceProviderNameId { get; set; }
    public long? InvoiceIssuerNameId { get; set; }
    public long? ServiceCategoryId { get; set; }
    public long? ServiceNameId { get; set; }
    public long? RegionIdId { get; set; }
    public long? ChargeCategoryId { get; set; }
    public long? ChargeClassId { get; set; }
    public long? PricingCategoryId { get; set; }
    public long? CommitmentDiscountIdId { get; set; }
    public long? TagSetId { get; set; }

    public long RowCount { get; set; }

    public long? BilledCostNanos { get; set; }
    public long? BilledCostAttos { get; set; }
    public long? EffectiveCostNanos { get; set; }
    public long? EffectiveCostAttos { get; set; }
    public long? ListCostNanos { get; set; }
    public long? ListCostAttos { get; set; }
    public long? ContractedCostNanos { get; set; }
    public long? ContractedCostAttos { get; set; }
}
