using System.Globalization;

namespace FinOps.Domain.Demo;

/// <summary>
/// Streams a large FOCUS CSV for benchmarks: 36 billing accounts (AWS, Azure, Google) in USD, EUR and GBP, 12 monthly
/// billing periods of 2025, every row in one contiguous block per (billing account, period) like a multi-account
/// export, every FOCUS column, tags on most rows. Values come from a hash of (seed, row), so nothing is kept in memory
/// but a small pool of resources; totals are summed in decimal exactly as the values are written.
/// </summary>
internal static class DemoBenchmarkWriter
{
    private const int AccountsPerProvider = 12;
    private const int Periods = 12;
    private const int ResourcesPerAccount = 400;
    private static readonly DateOnly FirstPeriod = new(2025, 1, 1);

    /// <summary>A billing account with its constant column runs already CSV-escaped.</summary>
    private sealed record BenchAccount(string Currency, string Issuer, string AccountColumns, string ProviderColumns,
        string[] CommitmentColumns, BenchResource[] Resources);

    /// <summary>A resource meter with its constant column runs already CSV-escaped.</summary>
    private sealed record BenchResource(decimal ListUnitPrice, decimal ContractedUnitPrice, string Description,
        string ServiceToSkuColumns, string PricingColumns, string ListUnitPriceText, string ConsumedUnit,
        string AllocationColumns, string TagAndExtensionColumns);

    public static BenchmarkFile Write(string path, long rows, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new DemoRandom(DemoRandom.Hash((ulong)(uint)seed, 0xBE4C));
        var accounts = CreateAccounts(random);
        var periodStarts = new string[Periods + 1];
        var dayStamps = new string[400];
        for (var p = 0; p <= Periods; p++)
        {
            periodStarts[p] = Stamp(FirstPeriod.AddMonths(p));
        }

        for (var d = 0; d < dayStamps.Length; d++)
        {
            dayStamps[d] = Stamp(FirstPeriod.AddDays(d));
        }

        var totals = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var currency in accounts.Select(a => a.Currency).Distinct())
        {
            totals[currency] = new decimal[4];
            counts[currency] = 0;
        }

        var combos = (long)accounts.Length * Periods;
        var invoiceIds = Enumerable.Range(0, (int)combos)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"INV-{c / Periods:000}-{FirstPeriod.AddMonths(c % Periods):yyyyMM}"))
            .ToArray();
        var rowSeed = DemoRandom.Hash((ulong)(uint)seed, 0x5EED);
        using (var text = FocusCsvWriter.OpenText(path, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)))
        {
            var csv = new CsvLineBuffer(text);
            foreach (var name in FocusCsvWriter.FocusColumnNames.Concat(DemoCatalog.AwsExtensionColumns).Append("x_ResourceGroupName"))
            {
                csv.Field(name);
            }

            csv.EndRow();
            for (long i = 0; i < rows; i++)
            {
                var combo = (int)(rows <= combos ? i % combos : i * combos / rows);
                var account = accounts[combo / Periods];
                var period = combo % Periods;
                var h = DemoRandom.Hash(rowSeed, (ulong)i);
                var resource = account.Resources[(int)(h % ResourcesPerAccount)];
                var periodStartDay = FirstPeriod.AddMonths(period).DayNumber - FirstPeriod.DayNumber;
                var daysInPeriod = DateTime.DaysInMonth(FirstPeriod.Year, period + 1);
                var day = periodStartDay + (int)((h >> 12) % (ulong)daysInPeriod);
                var kind = (int)((h >> 24) % 1000);

                // Quantity with 4 decimals; costs rounded to 10 decimals, exactly as written.
                var quantity = new decimal((long)((h >> 34) % 2_000_000) + 1) / 10_000m;
                var listCost = Math.Round(quantity * resource.ListUnitPrice, 10);
                var contractedCost = Math.Round(quantity * resource.ContractedUnitPrice, 10);
                decimal billed, effective;
                string category = "Usage", frequency = "Usage-Based", pricingCategory = "Standard", chargeClass = "";
                var committed = false;
                if (kind < 930)
                {
                    billed = effective = contractedCost;
                }
                else if (kind < 975)
                {
                    committed = true;
                    pricingCategory = "Committed";
                    billed = 0m;
                    effective = Math.Round(contractedCost * 0.72m, 10);
                }
                else if (kind < 985)
                {
                    category = "Tax";
                    frequency = "Recurring";
                    pricingCategory = "";
                    billed = effective = listCost = contractedCost = Math.Round(contractedCost * 0.08m, 2);
                }
                else if (kind < 993)
                {
                    category = "Credit";
                    frequency = "One-Time";
                    pricingCategory = "";
                    billed = effective = -contractedCost;
                    listCost = contractedCost = 0m;
                }
                else if (kind < 997)
                {
                    category = "Purchase";
                    frequency = "Recurring";
                    pricingCategory = "";
                    billed = listCost = contractedCost = Math.Round(contractedCost * 30m, 2);
                    effective = 0m;
                }
                else
                {
                    category = "Adjustment";
                    chargeClass = "Correction";
                    frequency = "One-Time";
                    pricingCategory = "";
                    billed = effective = -Math.Round(contractedCost * 0.5m, 2);
                    listCost = contractedCost = 0m;
                }

                var sums = totals[account.Currency];
                sums[0] += billed;
                sums[1] += effective;
                sums[2] += listCost;
                sums[3] += contractedCost;
                counts[account.Currency]++;

                var wholePeriod = category == "Purchase";
                csv.Field(billed);
                csv.Field(effective);
                csv.Field(listCost);
                csv.Field(contractedCost);
                csv.Field(periodStarts[period]);
                csv.Field(periodStarts[period + 1]);
                csv.Field(wholePeriod ? periodStarts[period] : dayStamps[day]);
                csv.Field(wholePeriod ? periodStarts[period + 1] : dayStamps[day + 1]);
                csv.Field(account.AccountColumns);
                csv.Field(category);
                csv.Field(chargeClass);
                csv.Field(resource.Description);
                csv.Field(frequency);
                csv.Field(account.Issuer);
                csv.Field(invoiceIds[combo]);
                csv.Field(account.ProviderColumns);
                csv.Field(resource.ServiceToSkuColumns);
                csv.Field(pricingCategory);
                csv.Field(quantity);
                csv.Field(resource.PricingColumns);
                csv.Field(effective);
                csv.Field(resource.ListUnitPriceText);
                csv.Field(quantity);
                csv.Field(resource.ConsumedUnit);
                if (committed)
                {
                    csv.Field(account.CommitmentColumns[period]);
                    csv.Field(effective);
                    csv.Field(account.Currency);
                }
                else
                {
                    csv.Field(",,,,,,");
                }

                csv.Field(kind % 50 == 7 ? resource.AllocationColumns : ",,,,,,,");
                csv.Field(resource.TagAndExtensionColumns);
                csv.EndRow();
            }

            csv.Flush();
        }

        var currencyTotals = totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new BenchmarkCurrencyTotal(t.Key, counts[t.Key], t.Value[0], t.Value[1], t.Value[2], t.Value[3]))
            .ToList();
        return new BenchmarkFile(Path.GetFullPath(path), rows, accounts.Length, Periods, currencyTotals);
    }

    private static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static BenchAccount[] CreateAccounts(DemoRandom random)
    {
        static string Join(params string?[] values) => CsvLineBuffer.Join(values);
        static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
        var accounts = new List<BenchAccount>();
        foreach (var provider in new[] { DemoProvider.Aws, DemoProvider.Azure, DemoProvider.Google })
        {
            var services = DemoCatalog.Services.Where(s => s.Provider == provider).ToArray();
            var regions = provider switch
            {
                DemoProvider.Aws => DemoCatalog.AwsRegions,
                DemoProvider.Azure => DemoCatalog.AzureRegions,
                _ => DemoCatalog.GoogleRegions,
            };
            for (var a = 0; a < AccountsPerProvider; a++)
            {
                var currency = (a % 4) switch { 1 => "EUR", 2 when provider == DemoProvider.Azure => "GBP", _ => "USD" };
                var factor = currency switch { "EUR" => 0.93m, "GBP" => 0.79m, _ => 1m };
                var discount = (a % 3) * 0.03m;
                var number = string.Create(CultureInfo.InvariantCulture, $"{a + 1:00}");
                var (id, name, providerName, issuer, subType) = provider switch
                {
                    DemoProvider.Aws => (Digits(ref random, 12), $"Bench AWS Org {number}", "AWS", "Amazon Web Services, Inc.", "Account"),
                    DemoProvider.Azure => ("/providers/Microsoft.Billing/billingAccounts/" + Digits(ref random, 8),
                        $"Bench Azure Agreement {number}", "Microsoft", "Microsoft", "Subscription"),
                    _ => ($"{random.Upper(6)}-{random.Upper(6)}-{random.Upper(6)}", $"Bench GCP Billing {number}", "Google Cloud",
                        "Google Cloud", "Project"),
                };
                var subs = new (string Id, string Name)[5];
                for (var s = 0; s < subs.Length; s++)
                {
                    subs[s] = provider switch
                    {
                        DemoProvider.Aws => (Digits(ref random, 12), $"bench-{number}-account-{s + 1}"),
                        DemoProvider.Azure => ($"/subscriptions/{random.NextGuid()}", $"Bench-{number}-Subscription-{s + 1}"),
                        _ => ($"bench-{number}-project-{s + 1}", $"Bench {number} Project {s + 1}"),
                    };
                }

                var resources = new BenchResource[ResourcesPerAccount];
                for (var r = 0; r < resources.Length; r++)
                {
                    var service = random.Pick(services);
                    var meter = random.Pick(service.Meters);
                    var region = service.Global ? DemoCatalog.Global : random.Pick(regions);
                    var zone = region.Zones.Length > 0 && service.Zonal ? random.Pick(region.Zones) : null;
                    var size = service.Sizes is null ? null : random.Pick(service.Sizes);
                    var sub = random.Pick(subs);
                    var team = random.Pick(DemoCatalog.Teams);
                    var app = random.Pick(team.Apps);
                    var env = random.Pick(Environments);
                    var list = Math.Round((meter.Kind == MeterKind.Hours && size is not null ? size.HourlyPrice : meter.ListUnitPrice) * factor, 10);
                    var contracted = Math.Round(list * (1m - discount), 10);
                    var resourceName = string.Create(CultureInfo.InvariantCulture, $"{app}-{service.NameSuffix}-{env}-{r:000}");
                    var resourceId = provider switch
                    {
                        DemoProvider.Aws => $"arn:aws:{service.NameSuffix}:{region.Id}:{sub.Id}:{resourceName}-{random.Hex(8)}",
                        DemoProvider.Azure => $"{sub.Id}/resourceGroups/rg-{app}-{env}/providers/Microsoft.Demo/{service.NameSuffix}/{resourceName}",
                        _ => $"//{service.NameSuffix}.googleapis.com/projects/{sub.Id}/{resourceName}-{random.Hex(6)}",
                    };
                    var tags = random.Chance(0.15) ? null
                        : random.Chance(0.1) ? $"{{\"team\":\"{team.Team}\",\"env\":\"{env}\"}}"
                        : $"{{\"team\":\"{team.Team}\",\"env\":\"{env}\",\"app\":\"{app}\",\"cost-center\":\"{team.CostCenter}\"}}";
                    var skuId = random.Upper(16);
                    resources[r] = new BenchResource(
                        list,
                        contracted,
                        CsvLineBuffer.Escape($"{meter.MeterName}, {service.Name} in {region.Name}"),
                        Join(service.Name, service.Category, service.Subcategory, sub.Id, sub.Name, subType, region.Id, region.Name, zone,
                            resourceId, resourceName, service.ResourceType, skuId, meter.MeterName, skuId + ".JRTCKXETXF.6YS6EN2CT7",
                            size is null ? null : $"{{\"CoreCount\":{size.VCpus},\"InstanceType\":\"{size.Name}\"}}"),
                        Join(meter.PricingUnit, Number(list), Number(contracted), currency, Number(contracted)),
                        Number(list),
                        CsvLineBuffer.Escape(meter.ConsumedUnit),
                        Join("cr-" + random.Hex(8), "Used", "{\"ContractId\":\"C-2025-001\",\"Type\":\"EDP\"}", "even-split",
                            "{\"Method\":\"even\",\"Shares\":2}", resourceId + "/shared", resourceName + "-shared", tags),
                        Join(tags, service.ServiceCode, region.UsagePrefix + meter.Key, meter.Operation,
                            provider == DemoProvider.Azure ? $"rg-{app}-{env}" : null));
                }

                var commitments = Enumerable.Range(0, Periods)
                    .Select(p => Join(string.Create(CultureInfo.InvariantCulture, $"{id}/commitments/cd-{p:00}"), "Compute commitment", "Spend", "Savings Plan", "Used"))
                    .ToArray();
                accounts.Add(new BenchAccount(currency, CsvLineBuffer.Escape(issuer), Join(id, name, "Billing Account", currency),
                    Join(providerName, issuer, providerName, providerName), commitments, resources));
            }
        }

        return accounts.ToArray();
    }

    private static readonly string[] Environments = ["prod", "prod", "dev", "staging", "test"];

    private static string Digits(ref DemoRandom random, int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + (i == 0 ? random.Next(1, 10) : random.Next(0, 10)));
        }

        return new string(digits);
    }
}

/// <summary>
/// A minimal, fast CSV row builder for the benchmark file: fields are appended to a large char buffer (strings given
/// already escaped, possibly several fields joined with commas; decimals formatted invariantly) and flushed in blocks.
/// </summary>
internal sealed class CsvLineBuffer(TextWriter writer)
{
    private const int Capacity = 1 << 20;
    private const int FlushThreshold = Capacity - (1 << 16);
    private readonly char[] buffer = new char[Capacity];
    private int length;
    private bool atRowStart = true;

    /// <summary>Appends an already escaped field, or a run of fields joined by commas.</summary>
    public void Field(string escaped)
    {
        Separator();
        escaped.CopyTo(0, buffer, length, escaped.Length);
        length += escaped.Length;
    }

    public void Field(decimal value)
    {
        Separator();
        value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
    }

    public void EndRow()
    {
        buffer[length++] = '\n';
        atRowStart = true;
        if (length >= FlushThreshold)
        {
            Flush();
        }
    }

    public void Flush()
    {
        writer.Write(buffer, 0, length);
        length = 0;
    }

    private void Separator()
    {
        if (atRowStart)
        {
            atRowStart = false;
        }
        else
        {
            buffer[length++] = ',';
        }
    }

    /// <summary>RFC 4180: quoted when the value holds a comma, quote or line break; quotes doubled.</summary>
    public static string Escape(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Join(params string?[] values) => string.Join(',', values.Select(Escape));
}
