using System.Globalization;

namespace FinOps.Domain.Demo;

/// <summary>One FOCUS row as the demo generator produces it (columns it does not set are written empty).</summary>
internal sealed class ChargeRow
{
    public required DemoSubAccount SubAccount { get; init; }
    public decimal BilledCost { get; init; }
    public decimal EffectiveCost { get; init; }
    public decimal ListCost { get; init; }
    public decimal ContractedCost { get; init; }
    public required string BillingPeriodStart { get; init; }
    public required string BillingPeriodEnd { get; init; }
    public required string ChargePeriodStart { get; init; }
    public required string ChargePeriodEnd { get; init; }
    public required string ChargeCategory { get; init; }
    public string? ChargeClass { get; init; }
    public string? ChargeDescription { get; init; }
    public string? ChargeFrequency { get; init; }
    public string? InvoiceId { get; init; }
    public required string ServiceName { get; init; }
    public required string ServiceCategory { get; init; }
    public string? ServiceSubcategory { get; init; }
    public string? RegionId { get; init; }
    public string? RegionName { get; init; }
    public string? AvailabilityZone { get; init; }
    public string? ResourceId { get; init; }
    public string? ResourceName { get; init; }
    public string? ResourceType { get; init; }
    public string? SkuId { get; init; }
    public string? SkuMeter { get; init; }
    public string? SkuPriceId { get; init; }
    public string? SkuPriceDetails { get; init; }
    public string? PricingCategory { get; init; }
    public decimal? PricingQuantity { get; init; }
    public string? PricingUnit { get; init; }
    public decimal? ListUnitPrice { get; init; }
    public decimal? ContractedUnitPrice { get; init; }
    public decimal? ConsumedQuantity { get; init; }
    public string? ConsumedUnit { get; init; }
    public string? CommitmentDiscountId { get; init; }
    public string? CommitmentDiscountName { get; init; }
    public string? CommitmentDiscountCategory { get; init; }
    public string? CommitmentDiscountType { get; init; }
    public string? CommitmentDiscountStatus { get; init; }
    public decimal? CommitmentDiscountQuantity { get; init; }
    public string? CommitmentDiscountUnit { get; init; }
    public string? Tags { get; init; }
    public string[]? Extensions { get; init; }
}

/// <summary>
/// Produces the rows of one (billing account, billing month) file. Row order: the month's commitment purchases, then
/// each complete day in order (usage rows by sub-account, resource and meter, then the day's unused commitment rows),
/// then, once the month is complete, the month-end rows (tax, promotional credit, refund). A file for a month in
/// progress is therefore a prefix of the same file delivered later in that month.
/// </summary>
internal static class DemoLedger
{
    private const double DaysPerMonth = 30.436875;

    /// <summary>The quantity (in pricing units) of a series on a window day; 0 when the resource does not run.</summary>
    public static decimal Quantity(DemoSeries series, int day, DemoTimeline timeline, bool withAnomalies = true)
    {
        var resource = series.Resource;
        if (!resource.IsAlive(day))
        {
            return 0m;
        }

        var date = timeline.Date(day);
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        switch (series.Meter.Kind)
        {
            case MeterKind.Hours:
                if (!resource.OfficeHours)
                {
                    return 24m;
                }

                return weekend ? 0m : 10 + (int)(DemoRandom.Hash(series.NoiseKey, (ulong)day) % 4);
            case MeterKind.Storage:
            {
                var capacity = series.BaseQuantity * Math.Exp(series.MonthlyGrowth * day / DaysPerMonth)
                    * DemoRandom.Noise(series.NoiseSpread, series.NoiseKey, (ulong)day);
                return Math.Round((decimal)capacity / DateTime.DaysInMonth(date.Year, date.Month), 8);
            }

            default:
            {
                var quantity = series.BaseQuantity * Math.Exp(series.MonthlyGrowth * day / DaysPerMonth)
                    * (weekend ? series.WeekendFactor : 1.0)
                    * DemoRandom.Noise(series.NoiseSpread, series.NoiseKey, (ulong)day);
                if (withAnomalies)
                {
                    quantity *= timeline.UsageMultiplier(resource, day);
                }

                return series.IntegerQuantity ? Math.Round((decimal)quantity, 0) : Math.Round((decimal)quantity, 6);
            }
        }
    }

    /// <summary>The on-demand (contracted) cost of a series on a day: its EffectiveCost when no commitment covers it.</summary>
    public static decimal ContractedCost(DemoSeries series, int day, DemoTimeline timeline, bool withAnomalies = true) =>
        Math.Round(Quantity(series, day, timeline, withAnomalies) * series.ContractedUnitPrice, 10);

    public static string? InvoiceId(DemoAccount account, DateOnly month, DemoTimeline timeline, int monthIndex)
    {
        if (!timeline.IsMonthComplete(monthIndex))
        {
            return null;
        }

        var number = DemoRandom.Hash((ulong)account.Index + 77, (ulong)(month.Year * 12 + month.Month)) % 900_000_000 + 100_000_000;
        var digits = number.ToString(CultureInfo.InvariantCulture);
        return account.Provider switch
        {
            DemoProvider.Aws => "2" + digits,
            DemoProvider.Azure => account.Currency == "EUR" ? "E0" + digits : "G0" + digits,
            _ => "5" + digits,
        };
    }

    public static IEnumerable<ChargeRow> Rows(DemoAccount account, int monthIndex, DemoTimeline timeline)
    {
        var month = timeline.MonthStart(monthIndex);
        var nextMonth = month.AddMonths(1);
        var firstDay = timeline.Day(month);
        var endDay = timeline.Day(nextMonth);
        var lastCompleteDay = Math.Min(endDay, timeline.CompleteDays);
        var billingStart = timeline.Timestamp(firstDay);
        var billingEnd = timeline.Timestamp(endDay);
        var invoiceId = InvoiceId(account, month, timeline, monthIndex);
        var daysInMonth = endDay - firstDay;

        // Billed cost per (sub-account, service, category) for month-end tax and credits, in first-seen order.
        var billed = new Dictionary<(DemoSubAccount, string, string), decimal>();
        var billedOrder = new List<(DemoSubAccount Sub, string Service, string Category)>();
        void AddBilled(DemoSubAccount sub, string service, string category, decimal amount)
        {
            var key = (sub, service, category);
            if (!billed.TryGetValue(key, out var sum))
            {
                billedOrder.Add(key);
            }

            billed[key] = sum + amount;
        }

        foreach (var commitment in account.Commitments)
        {
            var amount = commitment.DailyAmount * daysInMonth;
            AddBilled(commitment.Owner, commitment.ServiceName, commitment.ServiceCategory, amount);
            yield return new ChargeRow
            {
                SubAccount = commitment.Owner, BilledCost = amount, EffectiveCost = 0m, ListCost = amount, ContractedCost = amount,
                BillingPeriodStart = billingStart, BillingPeriodEnd = billingEnd, ChargePeriodStart = billingStart, ChargePeriodEnd = billingEnd,
                ChargeCategory = "Purchase", ChargeFrequency = "Recurring", ChargeDescription = commitment.PurchaseDescription,
                InvoiceId = invoiceId, ServiceName = commitment.ServiceName, ServiceCategory = commitment.ServiceCategory,
                ServiceSubcategory = commitment.ServiceSubcategory, RegionId = commitment.Region.Id, RegionName = commitment.Region.Name,
                ResourceId = commitment.Id, ResourceName = commitment.Name, ResourceType = commitment.Type,
                CommitmentDiscountId = commitment.Id, CommitmentDiscountName = commitment.Name,
                CommitmentDiscountCategory = commitment.Category, CommitmentDiscountType = commitment.Type,
                Extensions = commitment.Extensions,
            };
        }

        var remaining = new decimal[account.Commitments.Count];
        // Complete days, then today so far (usage and commitments scaled to the part of the day that has passed).
        var lastDay = timeline.PartialDay >= firstDay && timeline.PartialDay < endDay ? timeline.PartialDay + 1 : lastCompleteDay;
        for (var day = firstDay; day < lastDay; day++)
        {
            var partial = day == timeline.PartialDay;
            var scale = partial ? timeline.PartialDayFraction : 1m;
            var chargeStart = timeline.Timestamp(day);
            var chargeEnd = partial ? timeline.PartialDayEnd : timeline.Timestamp(day + 1);
            for (var i = 0; i < remaining.Length; i++)
            {
                remaining[i] = Math.Round(account.Commitments[i].DailyAmount * scale, 10);
            }

            foreach (var subAccount in account.SubAccounts)
            {
                foreach (var resource in subAccount.Resources)
                {
                    if (!resource.IsAlive(day))
                    {
                        continue;
                    }

                    foreach (var series in resource.Series)
                    {
                        var quantity = Quantity(series, day, timeline);
                        if (partial)
                        {
                            quantity = Math.Round(quantity * scale, 6);
                        }

                        if (quantity == 0m)
                        {
                            continue;
                        }

                        var listCost = Math.Round(quantity * series.ListUnitPrice, 10);
                        var contractedCost = Math.Round(quantity * series.ContractedUnitPrice, 10);
                        var commitment = series.Commitment;
                        var slot = commitment is null ? -1 : account.Commitments.IndexOf(commitment);
                        var committedCost = commitment is null ? 0m : Math.Round(contractedCost * (1m - commitment.DiscountRate), 10);
                        var covered = slot >= 0 && remaining[slot] >= committedCost;
                        if (covered)
                        {
                            remaining[slot] -= committedCost;
                        }
                        else
                        {
                            AddBilled(subAccount, resource.Service.Name, resource.Service.Category, contractedCost);
                        }

                        yield return UsageRow(series, quantity, covered ? commitment : null, covered ? 0m : contractedCost,
                            covered ? committedCost : contractedCost, listCost, contractedCost,
                            billingStart, billingEnd, chargeStart, chargeEnd, invoiceId);

                        if (series.SustainedUseRate > 0m)
                        {
                            var credit = -Math.Round(contractedCost * series.SustainedUseRate, 10);
                            AddBilled(subAccount, resource.Service.Name, resource.Service.Category, credit);
                            yield return new ChargeRow
                            {
                                SubAccount = subAccount, BilledCost = credit, EffectiveCost = credit, ListCost = 0m, ContractedCost = 0m,
                                BillingPeriodStart = billingStart, BillingPeriodEnd = billingEnd,
                                ChargePeriodStart = chargeStart, ChargePeriodEnd = chargeEnd,
                                ChargeCategory = "Credit", ChargeFrequency = "Usage-Based", ChargeDescription = "Sustained Usage Discount",
                                InvoiceId = invoiceId, ServiceName = resource.Service.Name, ServiceCategory = resource.Service.Category,
                                ServiceSubcategory = resource.Service.Subcategory, RegionId = resource.Region.Id, RegionName = resource.Region.Name,
                                AvailabilityZone = resource.Zone, ResourceId = resource.Id, ResourceName = resource.Name,
                                ResourceType = resource.Service.ResourceType, Tags = resource.Tags,
                                Extensions = [resource.Service.ServiceCode, "Sustained Usage Discount"],
                            };
                        }
                    }
                }
            }

            for (var i = 0; i < remaining.Length; i++)
            {
                var unused = remaining[i];
                if (unused < 0.01m)
                {
                    continue;
                }

                var commitment = account.Commitments[i];
                yield return new ChargeRow
                {
                    SubAccount = commitment.Owner, BilledCost = 0m, EffectiveCost = unused, ListCost = unused, ContractedCost = unused,
                    BillingPeriodStart = billingStart, BillingPeriodEnd = billingEnd, ChargePeriodStart = chargeStart, ChargePeriodEnd = chargeEnd,
                    ChargeCategory = "Usage", ChargeFrequency = "Usage-Based", PricingCategory = "Committed",
                    ChargeDescription = $"Unused {commitment.Type} commitment", InvoiceId = invoiceId,
                    ServiceName = commitment.ServiceName, ServiceCategory = commitment.ServiceCategory,
                    ServiceSubcategory = commitment.ServiceSubcategory, RegionId = commitment.Region.Id, RegionName = commitment.Region.Name,
                    ResourceId = commitment.Id, ResourceName = commitment.Name, ResourceType = commitment.Type,
                    CommitmentDiscountId = commitment.Id, CommitmentDiscountName = commitment.Name,
                    CommitmentDiscountCategory = commitment.Category, CommitmentDiscountType = commitment.Type,
                    CommitmentDiscountStatus = "Unused", Extensions = commitment.Extensions,
                };
            }
        }

        if (!timeline.IsMonthComplete(monthIndex))
        {
            yield break;
        }

        foreach (var row in MonthEndRows(account, monthIndex, timeline, billed, billedOrder, billingStart, billingEnd, invoiceId))
        {
            yield return row;
        }
    }

    private static ChargeRow UsageRow(DemoSeries series, decimal quantity, DemoCommitment? commitment, decimal billedCost,
        decimal effectiveCost, decimal listCost, decimal contractedCost, string billingStart, string billingEnd,
        string chargeStart, string chargeEnd, string? invoiceId)
    {
        var resource = series.Resource;
        var service = resource.Service;
        return new ChargeRow
        {
            SubAccount = resource.SubAccount, BilledCost = billedCost, EffectiveCost = effectiveCost, ListCost = listCost,
            ContractedCost = contractedCost, BillingPeriodStart = billingStart, BillingPeriodEnd = billingEnd,
            ChargePeriodStart = chargeStart, ChargePeriodEnd = chargeEnd, ChargeCategory = "Usage", ChargeFrequency = "Usage-Based",
            ChargeDescription = series.ChargeDescription, InvoiceId = invoiceId, ServiceName = service.Name,
            ServiceCategory = service.Category, ServiceSubcategory = service.Subcategory, RegionId = resource.Region.Id,
            RegionName = resource.Region.Name, AvailabilityZone = resource.Zone, ResourceId = resource.Id, ResourceName = resource.Name,
            ResourceType = service.ResourceType, SkuId = series.SkuId, SkuMeter = series.SkuMeter, SkuPriceId = series.SkuPriceId,
            SkuPriceDetails = series.SkuPriceDetails, PricingCategory = commitment is null ? "Standard" : "Committed",
            PricingQuantity = quantity, PricingUnit = series.Meter.PricingUnit, ListUnitPrice = series.ListUnitPrice,
            ContractedUnitPrice = series.ContractedUnitPrice, ConsumedQuantity = quantity, ConsumedUnit = series.Meter.ConsumedUnit,
            CommitmentDiscountId = commitment?.Id, CommitmentDiscountName = commitment?.Name,
            CommitmentDiscountCategory = commitment?.Category, CommitmentDiscountType = commitment?.Type,
            CommitmentDiscountStatus = commitment is null ? null : "Used",
            CommitmentDiscountQuantity = commitment?.Unit is null ? null : quantity, CommitmentDiscountUnit = commitment?.Unit,
            Tags = resource.Tags, Extensions = series.Extensions,
        };
    }

    private static IEnumerable<ChargeRow> MonthEndRows(DemoAccount account, int monthIndex, DemoTimeline timeline,
        Dictionary<(DemoSubAccount, string, string), decimal> billed, List<(DemoSubAccount Sub, string Service, string Category)> billedOrder,
        string billingStart, string billingEnd, string? invoiceId)
    {
        ChargeRow MonthRow(DemoSubAccount sub, string service, string category, decimal amount, string chargeCategory,
            string frequency, string description, string? chargeClass = null, string? chargeStart = null, string? chargeEnd = null) => new()
        {
            SubAccount = sub, BilledCost = amount, EffectiveCost = amount,
            ListCost = chargeCategory == "Tax" ? amount : 0m, ContractedCost = chargeCategory == "Tax" ? amount : 0m,
            BillingPeriodStart = billingStart, BillingPeriodEnd = billingEnd,
            ChargePeriodStart = chargeStart ?? billingStart, ChargePeriodEnd = chargeEnd ?? billingEnd,
            ChargeCategory = chargeCategory, ChargeClass = chargeClass, ChargeFrequency = frequency, ChargeDescription = description,
            InvoiceId = invoiceId, ServiceName = service, ServiceCategory = category,
            Extensions = new string[DemoCatalog.ExtensionColumns(account.Provider).Length],
        };

        if (account.TaxRate > 0m)
        {
            foreach (var (sub, service, category) in billedOrder)
            {
                var tax = Math.Round(billed[(sub, service, category)] * account.TaxRate, 2);
                if (tax > 0m)
                {
                    yield return MonthRow(sub, service, category, tax, "Tax", "Recurring", account.TaxDescription);
                }
            }
        }

        var largest = billedOrder.Count == 0 ? default : billedOrder.MaxBy(k => billed[k]);
        if (account.Provider == DemoProvider.Aws && account.TaxRate > 0m && monthIndex < 8 && largest.Sub is not null)
        {
            var credit = -Math.Min(1200m * account.PriceFactor, Math.Round(billed[largest] * 0.5m, 2));
            yield return MonthRow(largest.Sub, largest.Service, largest.Category, credit, "Credit", "One-Time",
                "AWS Activate promotional credit");
        }

        var refundMonth = Math.Max(0, timeline.Months - 3);
        if (account.Provider == DemoProvider.Azure && account.Currency == "USD" && monthIndex == refundMonth && largest.Sub is not null)
        {
            var target = billedOrder.Where(k => k.Service == "Azure SQL Database").DefaultIfEmpty(largest).MaxBy(k => billed[k]);
            var refund = -Math.Round(billed[target] * 0.25m, 2);
            var month = timeline.MonthStart(monthIndex);
            var previousStart = month.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
            yield return MonthRow(target.Sub, target.Service, target.Category, refund, "Adjustment", "One-Time",
                string.Create(CultureInfo.InvariantCulture, $"Refund: SLA service credit for {target.Service} availability below 99.99% in {month.AddMonths(-1):MMMM yyyy}"),
                "Correction", previousStart, billingStart);
        }
    }
}
