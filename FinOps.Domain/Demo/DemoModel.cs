namespace FinOps.Domain.Demo;

/// <summary>A billing account of the demo world (one invoice, one currency).</summary>
internal sealed class DemoAccount
{
    public required DemoProvider Provider { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public required string FileSlug { get; init; }
    public required string Currency { get; init; }
    /// <summary>Multiplies USD list prices into this account's currency price list.</summary>
    public required decimal PriceFactor { get; init; }
    /// <summary>Negotiated discount off list (EDP, EA, contract): ContractedUnitPrice = ListUnitPrice x (1 - this).</summary>
    public required decimal NegotiatedDiscount { get; init; }
    public decimal TaxRate { get; init; }
    public string TaxDescription { get; init; } = "";
    public required DemoRegion[] Regions { get; init; }
    public required string SubAccountType { get; init; }
    public List<DemoSubAccount> SubAccounts { get; } = [];
    public List<DemoCommitment> Commitments { get; } = [];
    public int Index { get; set; }

    public string ProviderName => Provider switch
    {
        DemoProvider.Aws => "AWS",
        DemoProvider.Azure => "Microsoft",
        _ => "Google Cloud",
    };

    public string InvoiceIssuerName => Provider switch
    {
        DemoProvider.Aws => "Amazon Web Services, Inc.",
        DemoProvider.Azure => "Microsoft",
        _ => "Google Cloud",
    };

    public string PublisherName => InvoiceIssuerName;

    public string CurrencySymbol => Currency == "EUR" ? "€" : "$";
}

internal sealed class DemoSubAccount
{
    public required DemoAccount Account { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Team { get; init; }
    public required string Env { get; init; }
    public List<DemoResource> Resources { get; } = [];
    public int Index { get; set; }
}

internal sealed class DemoResource
{
    public required DemoSubAccount SubAccount { get; init; }
    public required ServiceSpec Service { get; init; }
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DemoRegion Region { get; init; }
    public string? Zone { get; init; }
    public string? ResourceGroup { get; init; }
    public InstanceSize? Size { get; init; }
    public required string Env { get; init; }
    public required int Team { get; init; }
    public required string App { get; init; }
    /// <summary>Stopped at nights and weekends (dev and test machines): the strongest weekly pattern.</summary>
    public bool OfficeHours { get; init; }
    /// <summary>First window day the resource exists (0 = the whole window).</summary>
    public int StartDay { get; set; }
    /// <summary>Window day from which it no longer exists (int.MaxValue = never deleted).</summary>
    public int EndDay { get; set; } = int.MaxValue;
    /// <summary>Must exist for the whole window (commitment targets, anomaly hosts).</summary>
    public bool Pinned { get; init; }
    public string? Tags { get; set; }
    public string? TeamTag { get; set; }
    public List<DemoSeries> Series { get; } = [];
    public double CpuMean { get; set; }
    public double MemoryMean { get; set; }
    public double StorageMean { get; set; }
    public bool OverProvisioned { get; set; }

    public bool IsAlive(int day) => day >= StartDay && day < EndDay;

    /// <summary>Anomaly group of the resource: (billing account, sub-account, service name).</summary>
    public string GroupKey => groupKey ??= SubAccount.Account.Id + "|" + SubAccount.Id + "|" + Service.Name;

    private string? groupKey;
}

/// <summary>One meter of one resource: one usage row per day while the resource runs.</summary>
internal sealed class DemoSeries
{
    public required DemoResource Resource { get; init; }
    public required MeterSpec Meter { get; init; }
    public required int Key { get; init; }
    public required decimal ListUnitPrice { get; init; }
    public required decimal ContractedUnitPrice { get; init; }
    public required double BaseQuantity { get; init; }
    /// <summary>Continuous monthly growth rate (0.03 = about 3 % a month).</summary>
    public required double MonthlyGrowth { get; init; }
    public required double WeekendFactor { get; init; }
    public required double NoiseSpread { get; init; }
    public required bool IntegerQuantity { get; init; }
    /// <summary>Seeds the day-by-day noise of this series (depends on the demo seed and the series).</summary>
    public required ulong NoiseKey { get; init; }
    public required string SkuId { get; init; }
    public required string SkuMeter { get; init; }
    public required string SkuPriceId { get; init; }
    public required string ChargeDescription { get; init; }
    public string? SkuPriceDetails { get; init; }
    public required string[] Extensions { get; init; }
    public DemoCommitment? Commitment { get; set; }
    /// <summary>Sustained-use credit rate (Google Compute Engine always-on instances), 0 when none.</summary>
    public decimal SustainedUseRate { get; set; }
}

/// <summary>A commitment discount (savings plan, reserved instance, reservation) with a fixed daily amount.</summary>
internal sealed class DemoCommitment
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Type { get; init; }
    /// <summary>Discount off the contracted price for covered usage.</summary>
    public required decimal DiscountRate { get; init; }
    public required DemoSubAccount Owner { get; init; }
    public required string ServiceName { get; init; }
    public required string ServiceCategory { get; init; }
    public required string ServiceSubcategory { get; init; }
    public required DemoRegion Region { get; init; }
    public required string PurchaseDescription { get; init; }
    public string? Unit { get; init; }
    public string[] Extensions { get; init; } = [];
    /// <summary>The commitment's amortized amount per day, set once covered series are known.</summary>
    public decimal DailyAmount { get; set; }
}
