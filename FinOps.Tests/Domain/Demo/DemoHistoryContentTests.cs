using System.Globalization;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Demo;

namespace FinOps.Tests.Domain.Demo;

public sealed class DemoHistoryContentTests(DemoHistoryFixture fixture) : IClassFixture<DemoHistoryFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DemoHistoryFixture.Now.UtcDateTime);
    private static readonly DateOnly CurrentMonth = new(Today.Year, Today.Month, 1);

    [Fact]
    public void Every_billing_file_starts_with_every_FOCUS_column_in_catalogue_order_then_provider_extensions()
    {
        var expected = FocusColumns.All.Select(c => c.Name).ToList();
        foreach (var file in fixture.BillingFiles)
        {
            var header = DemoCsv.Header(file.Path);
            Assert.Equal(expected, header.Take(expected.Count));
            Assert.All(header.Skip(expected.Count), name => Assert.StartsWith("x_", name, StringComparison.Ordinal));
            Assert.All(FocusColumns.RequiredHeaders, column => Assert.Contains(column.Name, header));
        }

        Assert.Contains("x_ServiceCode", DemoCsv.Header(fixture.BillingFiles.First(f => f.ProviderName == "AWS").Path));
        Assert.Contains("x_UsageType", DemoCsv.Header(fixture.BillingFiles.First(f => f.ProviderName == "AWS").Path));
    }

    [Fact]
    public void History_has_one_file_per_billing_account_for_each_of_the_13_months_up_to_the_current_one()
    {
        Assert.Equal(5, fixture.Generator.BillingAccounts.Count);
        var expectedMonths = Enumerable.Range(0, 13).Select(i => CurrentMonth.AddMonths(i - 12)).ToList();
        foreach (var account in fixture.Generator.BillingAccounts)
        {
            var files = fixture.BillingFiles.Where(f => f.BillingAccountId == account.BillingAccountId).ToList();
            Assert.Equal(expectedMonths, files.Select(f => f.BillingPeriodStart!.Value).Order());
            var periods = fixture.Charges.Where(c => c.BillingAccountId == account.BillingAccountId)
                .Select(c => c.BillingPeriodStart).Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedMonths.Select(m => m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"), periods);
        }

        Assert.Equal(fixture.Charges.Count, fixture.BillingFiles.Sum(f => f.Rows));
    }

    [Fact]
    public void Daily_rows_cover_complete_days_up_to_yesterday_and_today_so_far()
    {
        var daily = fixture.Charges.Where(c => c.ChargeCategory == "Usage").ToList();
        var complete = daily.Where(c => c.ChargeDate < Today).ToList();
        Assert.All(complete, c => Assert.Equal(c.ChargeDate.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z", c.ChargePeriodEnd));
        Assert.Equal(CurrentMonth.AddMonths(-12), daily.Min(c => c.ChargeDate));
        Assert.Equal(Today, daily.Max(c => c.ChargeDate));
        // Now is 09:30: today's rows cover 00:00 to 09:30, a growing partial day that the live feed re-delivers.
        var today = daily.Where(c => c.ChargeDate == Today).ToList();
        Assert.NotEmpty(today);
        Assert.All(today, c => Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:30:00Z", c.ChargePeriodEnd));
        var days = daily.Select(c => c.ChargeDate).Distinct().Count();
        Assert.Equal(Today.DayNumber - CurrentMonth.AddMonths(-12).DayNumber + 1, days);
    }

    [Fact]
    public void Data_spans_three_providers_two_currencies_30_services_and_8_service_categories()
    {
        Assert.Equal(["AWS", "Google Cloud", "Microsoft"], fixture.Charges.Select(c => c.ProviderName).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["EUR", "USD"], fixture.Charges.Select(c => c.BillingCurrency).Distinct().Order(StringComparer.Ordinal));
        Assert.True(fixture.Charges.Select(c => c.ServiceName).Distinct().Count() >= 30);
        var categories = fixture.Charges.Select(c => c.ServiceCategory).Distinct().ToList();
        Assert.True(categories.Count >= 8, string.Join(", ", categories));
        Assert.All(categories, category => Assert.Contains(category, FocusColumns.ServiceCategories));
        foreach (var service in new[] { "Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "AWS Lambda", "Virtual Machines",
                     "Azure SQL Database", "Azure Kubernetes Service", "Compute Engine", "BigQuery", "Cloud Storage" })
        {
            Assert.Contains(service, fixture.Charges.Select(c => c.ServiceName));
        }
    }

    [Fact]
    public void Each_billing_account_has_between_3_and_6_named_sub_accounts()
    {
        foreach (var group in fixture.Charges.Where(c => c.ChargeCategory == "Usage").GroupBy(c => c.BillingAccountId))
        {
            var subAccounts = group.Select(c => c.SubAccountId).Distinct().Count();
            Assert.InRange(subAccounts, 3, 6);
        }
    }

    [Fact]
    public void About_15_percent_of_resources_are_untagged_and_some_only_partially_tagged()
    {
        var resources = fixture.Charges
            .Where(c => c.ChargeCategory == "Usage" && c.CommitmentDiscountStatus != "Unused" && c.ResourceId.Length > 0)
            .GroupBy(c => c.ResourceId)
            .Select(g => g.First().Tags)
            .ToList();
        var untagged = resources.Count(t => t.Length == 0) / (double)resources.Count;
        Assert.InRange(untagged, 0.12, 0.18);

        var keys = resources.Where(t => t.Length > 0)
            .Select(t => JsonDocument.Parse(t).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet())
            .ToList();
        Assert.Contains(keys, k => k.SetEquals(["team", "env", "app", "cost-center"]));
        Assert.Contains(keys, k => k.Count < 4);
        Assert.All(keys, k => Assert.Contains("team", k));
    }

    [Fact]
    public void Purchase_credit_tax_and_refund_rows_are_present_with_FOCUS_values()
    {
        var byCategory = fixture.Charges.GroupBy(c => c.ChargeCategory).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byCategory.Keys, category => Assert.Contains(category, FocusColumns.ChargeCategories));

        Assert.NotEmpty(byCategory["Purchase"]);
        Assert.All(byCategory["Purchase"], c => Assert.Equal("Recurring", c.ChargeFrequency));
        Assert.All(byCategory["Purchase"], c => Assert.True(c.BilledCost > 0));

        Assert.NotEmpty(byCategory["Credit"]);
        Assert.All(byCategory["Credit"], c => Assert.True(c.BilledCost < 0 && c.EffectiveCost < 0));

        Assert.NotEmpty(byCategory["Tax"]);
        Assert.All(byCategory["Tax"], c => Assert.True(c.BilledCost > 0));
        Assert.Contains(byCategory["Tax"], c => c.BillingCurrency == "EUR");

        var refund = Assert.Single(fixture.Charges, c => c.ChargeClass.Length > 0);
        Assert.Equal("Correction", refund.ChargeClass);
        Assert.Equal("Adjustment", refund.ChargeCategory);
        Assert.True(refund.BilledCost < 0);
        Assert.True(string.CompareOrdinal(refund.ChargePeriodStart, refund.BillingPeriodStart) < 0, "a correction of an earlier period");

        Assert.All(fixture.Charges, c => Assert.Contains(c.ChargeFrequency, new[] { "One-Time", "Recurring", "Usage-Based" }));
        Assert.All(fixture.Charges, c => Assert.Contains(c.PricingCategory, new[] { "", "Standard", "Dynamic", "Committed", "Other" }));
    }

    [Fact]
    public void Usage_rows_never_cost_more_than_contracted_or_list_and_committed_usage_is_amortized()
    {
        var usage = fixture.Charges.Where(c => c.ChargeCategory == "Usage").ToList();
        Assert.All(usage, c => Assert.True(c.EffectiveCost <= c.ContractedCost && c.ContractedCost <= c.ListCost,
            $"{c.ServiceName} {c.ChargePeriodStart}: {c.EffectiveCost} / {c.ContractedCost} / {c.ListCost}"));
        Assert.True(usage.Sum(c => c.ListCost - c.EffectiveCost) > 0, "negotiated rates and commitments save money");

        var used = usage.Where(c => c.CommitmentDiscountStatus == "Used").ToList();
        Assert.NotEmpty(used);
        Assert.All(used, c => Assert.Equal(0m, c.BilledCost));
        Assert.All(used, c => Assert.True(c.EffectiveCost > 0 && c.EffectiveCost < c.ContractedCost));
        Assert.All(used, c => Assert.Equal("Committed", c.PricingCategory));
        Assert.Contains(usage, c => c.CommitmentDiscountStatus == "Unused" && c.EffectiveCost > 0);
        Assert.Contains(used, c => c.ProviderName == "AWS");
        Assert.Contains(used, c => c.ProviderName == "Microsoft");
    }

    [Fact]
    public void Commitment_purchases_equal_the_amortized_used_and_unused_cost_of_complete_months()
    {
        var lastCompleteMonth = CurrentMonth.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        var month = fixture.Charges.Where(c => c.BillingPeriodStart == lastCompleteMonth).ToList();
        var purchased = month.Where(c => c.ChargeCategory == "Purchase").Sum(c => c.BilledCost);
        var amortized = month.Where(c => c.CommitmentDiscountStatus is "Used" or "Unused").Sum(c => c.EffectiveCost);
        Assert.True(purchased > 0);
        Assert.InRange(amortized, purchased - 0.05m, purchased + 0.05m);
    }

    [Fact]
    public void Weekdays_cost_more_than_weekends()
    {
        var daily = fixture.Charges.Where(c => c.ChargeCategory == "Usage" && c.PricingCategory == "Standard")
            .GroupBy(c => c.ChargeDate)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.EffectiveCost));
        var weekend = daily.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Value);
        var weekday = daily.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        Assert.True(weekday > weekend * 1.1m, $"weekday {weekday:N0}, weekend {weekend:N0}");
    }

    [Fact]
    public void Monthly_cost_grows_a_few_percent_a_month()
    {
        var monthly = fixture.Charges.Where(c => c.ChargeCategory == "Usage")
            .GroupBy(c => c.BillingPeriodStart)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Sum(c => c.EffectiveCost) / g.Select(c => c.ChargeDate).Distinct().Count())
            .ToList();
        var monthlyGrowth = Math.Pow((double)(monthly[^2] / monthly[0]), 1.0 / (monthly.Count - 2)) - 1;
        Assert.InRange(monthlyGrowth, 0.005, 0.08);
    }

    [Fact]
    public void Utilization_file_has_a_row_per_resource_day_with_percentages_and_some_idle_machines()
    {
        var utilization = fixture.Files.Single(f => f.Kind == DemoFileKind.Utilization);
        Assert.Equal(["ResourceId", "Date", "CpuUtilization", "MemoryUtilization", "StorageUtilization"], DemoCsv.Header(utilization.Path));
        var cpuByResource = new Dictionary<string, List<double>>();
        var storageRows = 0;
        long rows = 0;
        using (var reader = DemoCsv.Open(utilization.Path))
        {
            foreach (var row in reader)
            {
                rows++;
                var date = DateOnly.ParseExact(row["Date"].Span, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.True(date < Today);
                foreach (var column in new[] { "CpuUtilization", "MemoryUtilization", "StorageUtilization" })
                {
                    var text = row[column].Span;
                    if (text.Length > 0)
                    {
                        Assert.InRange(double.Parse(text, CultureInfo.InvariantCulture), 0, 100);
                    }
                }

                storageRows += row["StorageUtilization"].Span.Length > 0 ? 1 : 0;
                if (row["CpuUtilization"].Span.Length > 0)
                {
                    var id = row["ResourceId"].ToString();
                    if (!cpuByResource.TryGetValue(id, out var values))
                    {
                        cpuByResource[id] = values = [];
                    }

                    values.Add(double.Parse(row["CpuUtilization"].Span, CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.Equal(utilization.Rows, rows);
        Assert.True(storageRows > 0);
        var idle = cpuByResource.Count(r => r.Value.Average() < 10);
        Assert.True(idle >= 2, $"{idle} over-provisioned resources");
        Assert.True(cpuByResource.Count(r => r.Value.Average() > 20) > idle);

        var billedResources = fixture.Charges.Select(c => c.ResourceId).ToHashSet();
        Assert.All(cpuByResource.Keys, id => Assert.Contains(id, billedResources));
    }
}
