using System.Globalization;
using System.Text;
using System.Text.Json;
using FinOps.Domain.Demo;

namespace FinOps.Benchmarks;

/// <summary>
/// The Cost Explorer benchmark dataset (issue 4): hourly usage of a fleet of resources over 13 months up to a given
/// day, across 3 providers, 6 billing accounts in USD, EUR and GBP, 36 sub-accounts, 40 services, 15 regions, tags
/// team/env/app/cost-center (12 % of resources untagged, 10 % with team and env only), resources covered by
/// commitment discounts (billed 0, amortized), monthly commitment purchases and tax, occasional daily credits.
/// One FOCUS 1.2 CSV per (provider, month), as exports arrive. Every value comes from a hash of (seed, resource,
/// hour): reproducible, nothing kept in memory but the fleet. Exact per-currency totals are written beside the files.
/// </summary>
internal static class ExplorerDataset
{
    public const string TotalsFile = "totals.json";

    /// <summary>The first day after the data (the dataset's "today").</summary>
    public const string EndFile = "end.txt";

    private static readonly string[] Columns =
    [
        "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
        "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "ChargeFrequency", "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceName",
        "ServiceCategory", "SubAccountId", "SubAccountName", "RegionId", "RegionName", "ResourceId", "ResourceName",
        "ResourceType", "SkuId", "PricingCategory", "PricingQuantity", "PricingUnit", "ListUnitPrice", "ContractedUnitPrice",
        "ConsumedQuantity", "ConsumedUnit", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountCategory",
        "CommitmentDiscountType", "CommitmentDiscountStatus", "Tags",
    ];

    private sealed record Provider(string Name, string Issuer, string Prefix, (string Id, string Name)[] Regions, (string Name, string Category, string Unit, decimal Price)[] Services);

    private sealed record Account(Provider Provider, string Id, string Name, string Currency, decimal Factor, decimal Discount, (string Id, string Name)[] SubAccounts);

    private sealed record Resource(int Index, Account Account, string SubAccountId, string SubAccountName, string Service, string Category,
        string Unit, string RegionId, string RegionName, string Id, string Name, string Sku, decimal ListPrice, decimal ContractedPrice,
        double BaseQuantity, string? Commitment, string Tags);

    private static readonly Provider[] Providers =
    [
        new("AWS", "Amazon Web Services, Inc.", "aws",
            [("us-east-1", "US East (N. Virginia)"), ("us-west-2", "US West (Oregon)"), ("eu-west-1", "Europe (Ireland)"), ("eu-central-1", "Europe (Frankfurt)"), ("ap-southeast-2", "Asia Pacific (Sydney)")],
            [("Amazon Elastic Compute Cloud", "Compute", "Hours", 0.192m), ("Amazon Simple Storage Service", "Storage", "GB-Mo", 0.023m),
             ("Amazon Relational Database Service", "Databases", "Hours", 0.48m), ("AWS Lambda", "Compute", "Requests", 0.0000002m),
             ("Amazon DynamoDB", "Databases", "RCU-Hours", 0.00013m), ("Amazon CloudFront", "Networking", "GB", 0.085m),
             ("Amazon Elastic Kubernetes Service", "Compute", "Hours", 0.10m), ("Amazon Elastic Block Store", "Storage", "GB-Mo", 0.08m),
             ("Amazon Virtual Private Cloud", "Networking", "Hours", 0.045m), ("Amazon CloudWatch", "Management and Governance", "Metrics", 0.30m),
             ("Amazon SageMaker", "AI and Machine Learning", "Hours", 1.12m), ("Amazon Redshift", "Analytics", "Hours", 1.086m),
             ("Amazon ElastiCache", "Databases", "Hours", 0.136m), ("AWS Key Management Service", "Security", "Requests", 0.000003m)]),
        new("Microsoft", "Microsoft", "azure",
            [("westeurope", "West Europe"), ("northeurope", "North Europe"), ("uksouth", "UK South"), ("eastus", "East US"), ("swedencentral", "Sweden Central")],
            [("Virtual Machines", "Compute", "Hours", 0.21m), ("Storage", "Storage", "GB-Mo", 0.0208m), ("Azure SQL Database", "Databases", "vCore-Hours", 0.5044m),
             ("Azure Kubernetes Service", "Compute", "Hours", 0.10m), ("Azure Cosmos DB", "Databases", "RU-Hours", 0.008m),
             ("Azure App Service", "Web", "Hours", 0.095m), ("Azure Functions", "Compute", "Executions", 0.0000002m), ("Bandwidth", "Networking", "GB", 0.087m),
             ("Azure Monitor", "Management and Governance", "GB", 2.30m), ("Azure OpenAI Service", "AI and Machine Learning", "1K Tokens", 0.002m),
             ("Azure Synapse Analytics", "Analytics", "Hours", 1.20m), ("Azure Cache for Redis", "Databases", "Hours", 0.055m),
             ("Azure Key Vault", "Security", "Operations", 0.00003m)]),
        new("Google Cloud", "Google Cloud", "gcp",
            [("us-central1", "Iowa"), ("europe-west1", "Belgium"), ("europe-west4", "Netherlands"), ("asia-northeast1", "Tokyo"), ("us-east4", "Northern Virginia")],
            [("Compute Engine", "Compute", "Hours", 0.19m), ("Cloud Storage", "Storage", "GB-Mo", 0.02m), ("Cloud SQL", "Databases", "Hours", 0.41m),
             ("Google Kubernetes Engine", "Compute", "Hours", 0.10m), ("BigQuery", "Analytics", "TiB", 6.25m), ("Cloud Run", "Compute", "vCPU-Seconds", 0.000024m),
             ("Cloud Load Balancing", "Networking", "Hours", 0.025m), ("Vertex AI", "AI and Machine Learning", "Hours", 0.98m),
             ("Cloud Logging", "Management and Governance", "GiB", 0.50m), ("Cloud Spanner", "Databases", "Node-Hours", 0.90m),
             ("Secret Manager", "Security", "Operations", 0.000003m), ("Cloud Pub/Sub", "Integration", "TiB", 40m), ("Memorystore", "Databases", "GB-Hours", 0.049m)]),
    ];

    private static readonly (string Team, string CostCenter, string[] Apps)[] Teams =
    [
        ("platform", "CC-100", ["gateway", "auth", "mesh"]), ("data", "CC-200", ["warehouse", "etl", "lake"]),
        ("web", "CC-300", ["storefront", "cms"]), ("mobile", "CC-310", ["api", "push"]), ("ml", "CC-400", ["recommender", "search", "vision"]),
        ("payments", "CC-500", ["billing", "ledger"]), ("security", "CC-600", ["siem", "scanner"]), ("growth", "CC-700", ["experiments", "email"]),
    ];

    private static readonly string[] Environments = ["prod", "prod", "prod", "staging", "dev", "test"];

    public static (long Rows, int Files) Generate(string directory, long targetRows, DateOnly end, int seed)
    {
        Directory.CreateDirectory(directory);
        var firstMonth = new DateOnly(end.Year, end.Month, 1).AddMonths(end.Day == 1 ? -13 : -12);
        var start = firstMonth.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var stop = end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var hours = (long)(stop - start).TotalHours;
        var resourceCount = (int)Math.Max(1, Math.Round(targetRows / (double)hours));
        var root = DemoRandom.Hash((ulong)(uint)seed, 0xE8910);
        var accounts = CreateAccounts();
        var fleet = Enumerable.Range(0, resourceCount).Select(i => CreateResource(i, accounts, root)).ToArray();

        var totals = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
        long rows = 0;
        var files = 0;
        foreach (var provider in Providers)
        {
            var resources = fleet.Where(r => r.Account.Provider == provider).ToArray();
            for (var month = firstMonth; month.ToDateTime(TimeOnly.MinValue) < stop; month = month.AddMonths(1))
            {
                var path = Path.Combine(directory, $"{provider.Prefix}-{month:yyyy-MM}.csv");
                using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
                var csv = new RowWriter(writer, totals);
                writer.Write(string.Join(',', Columns));
                writer.Write('\n');
                var periodStart = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var periodEnd = month.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var monthStop = periodEnd < stop ? periodEnd : stop;
                for (var hour = periodStart; hour < monthStop; hour = hour.AddHours(1))
                {
                    var hourIndex = (ulong)(hour - start).TotalHours;
                    foreach (var resource in resources)
                    {
                        rows += csv.Usage(resource, periodStart, periodEnd, hour, DemoRandom.Hash(root, (ulong)resource.Index, hourIndex));
                    }

                    if (hour.Hour == 0)
                    {
                        foreach (var account in accounts.Where(a => a.Provider == provider))
                        {
                            var h = DemoRandom.Hash(root, 0xC4ED17, hourIndex, (ulong)account.Id.GetHashCode(StringComparison.Ordinal));
                            if (h % 100 < 3)
                            {
                                rows += csv.Other(account, periodStart, periodEnd, hour, hour.AddDays(1), "Credit", "One-Time",
                                    -Math.Round((decimal)(DemoRandom.Unit(h) * 400) * account.Factor, 2), null);
                            }
                        }
                    }
                }

                foreach (var account in accounts.Where(a => a.Provider == provider))
                {
                    foreach (var commitment in Commitments(account))
                    {
                        rows += csv.Other(account, periodStart, periodEnd, periodStart, periodEnd, "Purchase", "Recurring",
                            Math.Round(1800m * account.Factor, 2), commitment);
                    }

                    rows += csv.Other(account, periodStart, periodEnd, periodStart, periodEnd, "Tax", "Recurring",
                        Math.Round(950.37m * account.Factor, 2), null);
                }

                writer.Flush();
                files++;
            }
        }

        var summary = totals.Select(t => new BenchmarkCurrencyTotal(t.Key, 0, t.Value[0], t.Value[1], t.Value[2], t.Value[3])).ToList();
        File.WriteAllText(Path.Combine(directory, TotalsFile), JsonSerializer.Serialize(summary));
        File.WriteAllText(Path.Combine(directory, EndFile), end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return (rows, files);
    }

    private static string[] Commitments(Account account) =>
        [$"{account.Id}/commitments/compute-1", $"{account.Id}/commitments/compute-2"];

    private static Account[] CreateAccounts()
    {
        (int Provider, string Id, string Name, string Currency, decimal Factor)[] specs =
        [
            (0, "111122223333", "Acme AWS Organization", "USD", 1m), (0, "444455556666", "Acme AWS Labs", "USD", 1m),
            (1, "/providers/Microsoft.Billing/billingAccounts/7000001", "Acme EA Europe", "EUR", 0.93m),
            (1, "/providers/Microsoft.Billing/billingAccounts/7000002", "Acme EA United Kingdom", "GBP", 0.79m),
            (2, "01A2B3-C4D5E6-F7A8B9", "Acme GCP Billing", "USD", 1m), (2, "0FF1CE-C0FFEE-BADA55", "Acme GCP Research", "EUR", 0.93m),
        ];
        return specs.Select((s, a) => new Account(Providers[s.Provider], s.Id, s.Name, s.Currency, s.Factor, 0.05m + a * 0.02m,
            Enumerable.Range(1, 6).Select(i => s.Provider switch
            {
                0 => (string.Create(CultureInfo.InvariantCulture, $"{s.Id[..6]}{a}{i:00000}"), $"acme-{a}-account-{i}"),
                1 => (string.Create(CultureInfo.InvariantCulture, $"/subscriptions/00000000-0000-0000-{a:0000}-{i:000000000000}"), $"Acme-{a}-Subscription-{i}"),
                _ => (string.Create(CultureInfo.InvariantCulture, $"acme-{a}-project-{i}"), $"Acme {a} Project {i}"),
            }).ToArray())).ToArray();
    }

    private static Resource CreateResource(int index, Account[] accounts, ulong root)
    {
        var random = new DemoRandom(DemoRandom.Hash(root, 0xF1EE7, (ulong)index));
        var providerDraw = random.NextDouble();
        var provider = providerDraw < 0.45 ? 0 : providerDraw < 0.8 ? 1 : 2;
        var candidates = accounts.Where(a => a.Provider == Providers[provider]).ToArray();
        var account = candidates[random.Next(0, candidates.Length)];
        var (subId, subName) = account.SubAccounts[random.Next(0, account.SubAccounts.Length)];
        var service = account.Provider.Services[random.Next(0, account.Provider.Services.Length)];
        var region = account.Provider.Regions[random.Next(0, account.Provider.Regions.Length)];
        var (team, costCenter, apps) = Teams[random.Next(0, Teams.Length)];
        var app = apps[random.Next(0, apps.Length)];
        var env = Environments[random.Next(0, Environments.Length)];
        var tagDraw = random.NextDouble();
        var tags = tagDraw < 0.12 ? ""
            : tagDraw < 0.22 ? $"{{\"team\":\"{team}\",\"env\":\"{env}\"}}"
            : $"{{\"team\":\"{team}\",\"env\":\"{env}\",\"app\":\"{app}\",\"cost-center\":\"{costCenter}\"}}";
        var name = string.Create(CultureInfo.InvariantCulture, $"{app}-{env}-{index:00000}");
        var id = account.Provider.Prefix switch
        {
            "aws" => $"arn:aws:{service.Category.ToLowerInvariant().Replace(' ', '-')}:{region.Id}:{subId}:{name}",
            "azure" => $"{subId}/resourceGroups/rg-{app}-{env}/providers/Microsoft.Acme/{name}",
            _ => $"//acme.googleapis.com/projects/{subId}/{name}",
        };
        var list = Math.Round(service.Price * account.Factor * (decimal)(0.5 + random.NextDouble() * 4), 10);
        var commitment = service.Category == "Compute" && random.Chance(0.25) ? Commitments(account)[random.Next(0, 2)] : null;
        return new Resource(index, account, subId, subName, service.Name, service.Category, service.Unit, region.Id, region.Name, id, name,
            random.Hex(12).ToUpperInvariant(), list, Math.Round(list * (1 - account.Discount), 10), 1 + random.NextDouble() * 40, commitment, tags);
    }

    /// <summary>Writes rows field by field (RFC 4180 quoting where needed) and sums the exact totals per currency.</summary>
    private sealed class RowWriter(StreamWriter writer, SortedDictionary<string, decimal[]> totals)
    {
        private const string Stamp = "yyyy-MM-dd'T'HH:mm:ss'Z'";
        private bool _first = true;

        public int Usage(Resource resource, DateTime periodStart, DateTime periodEnd, DateTime hour, ulong hash)
        {
            var daily = 1 + 0.35 * Math.Sin((hour.Hour - 6) / 24.0 * 2 * Math.PI);
            var weekly = hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0;
            var quantity = Math.Round((decimal)(resource.BaseQuantity * daily * weekly * (0.8 + DemoRandom.Unit(hash) * 0.4)), 4);
            var list = Math.Round(quantity * resource.ListPrice, 10);
            var contracted = Math.Round(quantity * resource.ContractedPrice, 10);
            var committed = resource.Commitment is not null;
            var billed = committed ? 0m : contracted;
            var effective = committed ? Math.Round(contracted * 0.72m, 10) : contracted;
            Begin(resource.Account.Currency, billed, effective, list, contracted);
            Common(resource.Account, periodStart, periodEnd, hour, hour.AddHours(1), "Usage", $"{resource.Service} usage in {resource.RegionName}", "Usage-Based");
            Field(resource.Service);
            Field(resource.Category);
            Field(resource.SubAccountId);
            Field(resource.SubAccountName);
            Field(resource.RegionId);
            Field(resource.RegionName);
            Field(resource.Id);
            Field(resource.Name);
            Field(resource.Category == "Storage" ? "Bucket" : "Instance");
            Field(resource.Sku);
            Field(committed ? "Committed" : "Standard");
            Field(quantity);
            Field(resource.Unit);
            Field(resource.ListPrice);
            Field(resource.ContractedPrice);
            Field(quantity);
            Field(resource.Unit);
            if (committed)
            {
                Field(resource.Commitment);
                Field("Compute commitment");
                Field("Spend");
                Field("Savings Plan");
                Field("Used");
            }
            else
            {
                Empty(5);
            }

            Field(resource.Tags);
            End();
            return 1;
        }

        public int Other(Account account, DateTime periodStart, DateTime periodEnd, DateTime from, DateTime to, string category,
            string frequency, decimal amount, string? commitment)
        {
            var effective = category == "Purchase" ? 0m : amount;
            var listAndContracted = category == "Credit" ? 0m : amount;
            Begin(account.Currency, amount, effective, listAndContracted, listAndContracted);
            Common(account, periodStart, periodEnd, from, to, category, category == "Purchase" ? "Commitment purchase" : category, frequency);
            Field(category == "Tax" ? "Tax" : account.Provider.Services[0].Name);
            Field(category == "Tax" ? "Other" : account.Provider.Services[0].Category);
            Field(account.SubAccounts[0].Id);
            Field(account.SubAccounts[0].Name);
            Empty(6);
            Field(category == "Purchase" ? "Committed" : "");
            Empty(6);
            if (commitment is not null)
            {
                Field(commitment);
                Field("Compute commitment");
                Field("Spend");
                Field("Savings Plan");
                Field("");
            }
            else
            {
                Empty(5);
            }

            Field("");
            End();
            return 1;
        }

        private void Begin(string currency, decimal billed, decimal effective, decimal list, decimal contracted)
        {
            if (!totals.TryGetValue(currency, out var sums))
            {
                totals[currency] = sums = new decimal[4];
            }

            sums[0] += billed;
            sums[1] += effective;
            sums[2] += list;
            sums[3] += contracted;
            Field(billed);
            Field(effective);
            Field(list);
            Field(contracted);
        }

        private void Common(Account account, DateTime periodStart, DateTime periodEnd, DateTime from, DateTime to, string category,
            string description, string frequency)
        {
            Field(account.Id);
            Field(account.Name);
            Field(account.Currency);
            Field(periodStart.ToString(Stamp, CultureInfo.InvariantCulture));
            Field(periodEnd.ToString(Stamp, CultureInfo.InvariantCulture));
            Field(from.ToString(Stamp, CultureInfo.InvariantCulture));
            Field(to.ToString(Stamp, CultureInfo.InvariantCulture));
            Field(category);
            Field("");
            Field(description);
            Field(frequency);
            Field(account.Provider.Issuer);
            Field(account.Provider.Name);
            Field(account.Provider.Issuer);
        }

        private void Field(decimal value)
        {
            Separator();
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
        }

        private void Field(string? value)
        {
            Separator();
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                writer.Write(value);
            }
            else
            {
                writer.Write('"');
                writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
        }

        private void Empty(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Field("");
            }
        }

        private void Separator()
        {
            if (_first)
            {
                _first = false;
            }
            else
            {
                writer.Write(',');
            }
        }

        private void End()
        {
            writer.Write('\n');
            _first = true;
        }
    }
}
