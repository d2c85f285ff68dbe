using System.Globalization;
using System.Text;

namespace FinOps.Domain.Demo;

/// <summary>
/// The demo world built from the seed: billing accounts, sub-accounts, resources, meters and commitments. It does not
/// depend on any date: lifecycles are expressed in window days (day 0 = the first day of the oldest billing month).
/// </summary>
internal sealed class DemoWorld
{
    private const double UntaggedShare = 0.15;
    private const double PartiallyTaggedShare = 0.10;

    public List<DemoAccount> Accounts { get; } = [];
    public List<DemoResource> Resources { get; } = [];
    public int SeriesCount { get; private set; }

    /// <summary>A required service in a sub-account: at least that many always-present resources.</summary>
    private sealed record Requirement(string SubAccountName, string ServiceName, string Category, int Count, bool AlwaysOn);

    private static readonly Requirement[] Requirements =
    [
        new("contoso-payments-prod", "Amazon Elastic Compute Cloud", "Compute", 3, true),
        new("contoso-payments-prod", "Amazon Relational Database Service", "Databases", 3, true),
        new("contoso-payments-prod", "AWS Lambda", "Compute", 2, false),
        new("contoso-payments-prod", "Amazon DynamoDB", "Databases", 1, false),
        new("contoso-storefront-prod", "Amazon CloudFront", "Networking", 1, false),
        new("contoso-storefront-prod", "Amazon Simple Storage Service", "Storage", 1, false),
        new("contoso-shared-services", "Amazon CloudWatch", "Management and Governance", 2, false),
        new("labs-search-prod", "Amazon Simple Queue Service", "Integration", 1, false),
        new("Contoso-Prod-Apps", "Virtual Machines", "Compute", 3, true),
        new("Contoso-Prod-Apps", "Azure Cosmos DB", "Databases", 1, false),
        new("Contoso-Prod-Apps", "Azure SQL Database", "Databases", 1, true),
        new("Contoso-AI", "Azure OpenAI", "AI and Machine Learning", 1, false),
        new("contoso-de-prod", "Bandwidth", "Networking", 1, false),
        new("contoso-de-prod", "Azure Monitor", "Management and Governance", 1, false),
        new("contoso-data-lake", "BigQuery", "Analytics", 2, false),
        new("contoso-web-frontend", "Cloud CDN", "Networking", 1, false),
        new("contoso-web-frontend", "Cloud Run", "Compute", 1, false),
        new("contoso-ml-training", "Vertex AI", "AI and Machine Learning", 1, false),
    ];

    public DemoWorld(int seed, double scale, int months)
    {
        var random = new DemoRandom(DemoRandom.Hash((ulong)(uint)seed, 0xD3E0));
        var totalDays = months * 31;
        DefineAccounts();
        foreach (var account in Accounts)
        {
            foreach (var subAccount in account.SubAccounts)
            {
                AddResources(ref random, subAccount, scale, totalDays);
            }
        }

        EnsureEveryServiceIsUsed(ref random, totalDays);
        AssignTags(ref random);
        var seriesKey = 0;
        foreach (var resource in Resources)
        {
            AddSeries(ref random, (ulong)(uint)seed, resource, ref seriesKey);
        }

        SeriesCount = seriesKey;
        AddCommitments();
    }

    // ---------------------------------------------------------------- accounts

    private void DefineAccounts()
    {
        var aws = DemoCatalog.AwsRegions;
        var azure = DemoCatalog.AzureRegions;
        var google = DemoCatalog.GoogleRegions;

        var retail = AddAccount(new DemoAccount
        {
            Provider = DemoProvider.Aws, Id = "418273645091", Name = "Contoso Retail", Type = "Billing Account",
            FileSlug = "418273645091", Currency = "USD", PriceFactor = 1m, NegotiatedDiscount = 0.06m,
            Regions = [aws[0], aws[0], aws[0], aws[2], aws[3]], SubAccountType = "Account",
        });
        AddSub(retail, "529384716203", "contoso-payments-prod", 0, "prod");
        AddSub(retail, "631720948115", "contoso-payments-dev", 0, "dev");
        AddSub(retail, "207483910562", "contoso-storefront-prod", 1, "prod");
        AddSub(retail, "884102375619", "contoso-data-prod", 2, "prod");
        AddSub(retail, "350918264407", "contoso-shared-services", 4, "prod");

        var labs = AddAccount(new DemoAccount
        {
            Provider = DemoProvider.Aws, Id = "730219846552", Name = "Contoso Labs", Type = "Billing Account",
            FileSlug = "730219846552", Currency = "USD", PriceFactor = 1m, NegotiatedDiscount = 0m,
            TaxRate = 0.0625m, TaxDescription = "US sales tax (6.25%)",
            Regions = [aws[1], aws[1], aws[4], aws[5]], SubAccountType = "Account",
        });
        AddSub(labs, "146820397514", "labs-ml-research", 3, "dev");
        AddSub(labs, "912374650281", "labs-search-prod", 6, "prod");
        AddSub(labs, "583016249733", "labs-sandbox", 4, "test");
        AddSub(labs, "270645918360", "labs-analytics", 2, "staging");

        var enterprise = AddAccount(new DemoAccount
        {
            Provider = DemoProvider.Azure, Id = "/providers/Microsoft.Billing/billingAccounts/73829105",
            Name = "Contoso Enterprise Agreement", Type = "Billing Account", FileSlug = "73829105", Currency = "USD",
            PriceFactor = 1m, NegotiatedDiscount = 0.05m, Regions = [azure[0], azure[0], azure[1], azure[2], azure[3]],
            SubAccountType = "Subscription",
        });
        AddSub(enterprise, "/subscriptions/3f2a9c41-7d6e-4b8a-9c15-2e8f0a6d4b71", "Contoso-Prod-Apps", 1, "prod");
        AddSub(enterprise, "/subscriptions/a81d5e02-4c3b-4f96-b7e2-9d0c1f6a8e35", "Contoso-Dev-Test", 1, "dev");
        AddSub(enterprise, "/subscriptions/6c4e8b13-2a9f-47d0-8e5c-b3f1d7a2c964", "Contoso-Identity", 5, "prod");
        AddSub(enterprise, "/subscriptions/d92b7f60-1e8c-4a35-a6d9-5c0e3b4f7a18", "Contoso-AI", 3, "prod");

        var gmbh = AddAccount(new DemoAccount
        {
            Provider = DemoProvider.Azure,
            Id = "/providers/Microsoft.Billing/billingAccounts/5e4f2c1a-9b7d-4c3e-8a21-6f0d9e8b7c54:2b8d1f6e-3a4c-4e9b-9d7f-1c5a8e2b6d30_2019-05-31/billingProfiles/QX7R-MZ4K-BG7-PGB",
            Name = "Contoso Deutschland GmbH", Type = "Billing Profile", FileSlug = "QX7R-MZ4K-BG7-PGB", Currency = "EUR",
            PriceFactor = 0.93m, NegotiatedDiscount = 0m, TaxRate = 0.19m, TaxDescription = "Umsatzsteuer (VAT 19%)",
            Regions = [azure[5], azure[5], azure[3], azure[4]], SubAccountType = "Subscription",
        });
        AddSub(gmbh, "/subscriptions/0b7e3d95-6f1a-4c82-9e4d-7a2c5b8f1e06", "contoso-de-prod", 0, "prod");
        AddSub(gmbh, "/subscriptions/e5c19a74-8d2f-4b6e-a3c0-1f9d6e7b2a48", "contoso-de-dev", 0, "dev");
        AddSub(gmbh, "/subscriptions/71f8d2c6-3b5e-49a1-8c7f-0e4a9d1b5c23", "contoso-eu-analytics", 2, "prod");

        var gcp = AddAccount(new DemoAccount
        {
            Provider = DemoProvider.Google, Id = "01A2B3-C4D5E6-F7G8H9", Name = "Contoso Google Cloud",
            Type = "Billing Account", FileSlug = "01A2B3-C4D5E6-F7G8H9", Currency = "USD", PriceFactor = 1m,
            NegotiatedDiscount = 0.04m, Regions = [google[0], google[0], google[1], google[2], google[4]],
            SubAccountType = "Project",
        });
        AddSub(gcp, "contoso-data-lake", "Data Lake", 2, "prod");
        AddSub(gcp, "contoso-ml-training", "ML Training", 3, "dev");
        AddSub(gcp, "contoso-web-frontend", "Web Frontend", 1, "prod");
        AddSub(gcp, "contoso-analytics-dev", "Analytics Dev", 2, "dev");
        AddSub(gcp, "contoso-shared-vpc", "Shared VPC", 4, "prod");
    }

    private DemoAccount AddAccount(DemoAccount account)
    {
        account.Index = Accounts.Count;
        Accounts.Add(account);
        return account;
    }

    private static void AddSub(DemoAccount account, string id, string name, int team, string env) =>
        account.SubAccounts.Add(new DemoSubAccount
        {
            Account = account, Id = id, Name = name, Team = team, Env = env, Index = account.SubAccounts.Count,
        });

    // ---------------------------------------------------------------- resources

    private void AddResources(ref DemoRandom random, DemoSubAccount subAccount, double scale, int totalDays)
    {
        var provider = subAccount.Account.Provider;
        foreach (var service in DemoCatalog.Services.Where(s => s.Provider == provider))
        {
            var requirement = Requirements.FirstOrDefault(r => r.SubAccountName == subAccount.Name
                && r.ServiceName == service.Name && r.Category == service.Category);
            var used = random.Chance(0.62);
            var wanted = used ? service.BaseCount * scale * random.Between(0.5, 1.5) : 0;
            var count = (int)wanted + (random.NextDouble() < wanted - Math.Floor(wanted) ? 1 : 0);
            var pinned = requirement is null ? 0 : requirement.Count;
            for (var i = 0; i < Math.Max(count, pinned); i++)
            {
                AddResource(ref random, subAccount, service, totalDays, pinned: i < pinned, alwaysOn: i < pinned && requirement!.AlwaysOn);
            }
        }
    }

    private void EnsureEveryServiceIsUsed(ref DemoRandom random, int totalDays)
    {
        // Every sub-account runs something, even at a small scale.
        foreach (var subAccount in Accounts.SelectMany(a => a.SubAccounts).Where(s => s.Resources.Count < 2))
        {
            var services = DemoCatalog.Services.Where(s => s.Provider == subAccount.Account.Provider).ToList();
            while (subAccount.Resources.Count < 2)
            {
                AddResource(ref random, subAccount, random.Pick(services), totalDays, pinned: false, alwaysOn: false);
            }
        }

        foreach (var service in DemoCatalog.Services)
        {
            if (Resources.Any(r => r.Service == service))
            {
                continue;
            }

            var candidates = Accounts.Where(a => a.Provider == service.Provider).SelectMany(a => a.SubAccounts).ToList();
            AddResource(ref random, random.Pick(candidates), service, totalDays, pinned: false, alwaysOn: false);
        }

        // Keep the resources grouped by sub-account and in catalogue order: that is the row order of every file.
        var order = DemoCatalog.Services.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        foreach (var subAccount in Accounts.SelectMany(a => a.SubAccounts))
        {
            subAccount.Resources.Sort((x, y) => x.Service == y.Service ? x.Index.CompareTo(y.Index) : order[x.Service].CompareTo(order[y.Service]));
        }
    }

    private void AddResource(ref DemoRandom random, DemoSubAccount subAccount, ServiceSpec service, int totalDays, bool pinned, bool alwaysOn)
    {
        var account = subAccount.Account;
        var team = !pinned && random.Chance(0.15) ? random.Next(0, DemoCatalog.Teams.Length) : subAccount.Team;
        var app = random.Pick(DemoCatalog.Teams[team].Apps);
        var env = subAccount.Env;
        var region = service.Global ? DemoCatalog.Global : random.Pick(account.Regions);
        var zone = service.Zonal && region.Zones.Length > 0 ? random.Pick(region.Zones) : null;
        var size = service.Sizes is null ? null : random.Pick(service.Sizes);
        var number = subAccount.Resources.Count(r => r.Service == service) + 1;
        var name = service.Name == "Amazon Simple Storage Service" || service.Name == "Cloud Storage"
            ? $"contoso-{app}-{service.NameSuffix}-{env}-{random.Hex(4)}"
            : $"{app}-{service.NameSuffix}-{env}-{number:00}";
        var resourceGroup = account.Provider == DemoProvider.Azure ? $"rg-{app}-{env}" : null;
        var officeHours = !alwaysOn && service.Meters.Any(m => m.Kind == MeterKind.Hours) && service.Sizes is not null
            && random.Chance(env == "prod" ? 0.08 : 0.65);

        var id = new StringBuilder(service.IdPattern)
            .Replace("{account}", account.Provider == DemoProvider.Azure ? subAccount.Id["/subscriptions/".Length..] : subAccount.Id)
            .Replace("{project}", subAccount.Id)
            .Replace("{region}", region.Id)
            .Replace("{zone}", zone ?? region.Id)
            .Replace("{rg}", resourceGroup)
            .Replace("{name}", name)
            .Replace("{compact}", Compact(name, service.NameSuffix, ref random))
            .Replace("{hex}", random.Hex(16))
            .Replace("{upper}", random.Upper(13))
            .Replace("{digits}", random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture))
            .Replace("{guid}", random.NextGuid().ToString())
            .ToString();

        var resource = new DemoResource
        {
            SubAccount = subAccount, Service = service, Index = Resources.Count, Id = id, Name = name, Region = region,
            Zone = zone, ResourceGroup = resourceGroup, Size = size, Env = env, Team = team, App = app,
            OfficeHours = officeHours, Pinned = pinned,
        };

        if (!pinned)
        {
            if (random.Chance(0.2))
            {
                resource.StartDay = random.Next(20, totalDays - 45);
            }

            if (random.Chance(0.07))
            {
                resource.EndDay = random.Next(resource.StartDay + 30, totalDays + 60);
            }
        }

        if (service.Utilization != UtilizationMetrics.None)
        {
            resource.OverProvisioned = (service.Utilization & UtilizationMetrics.Cpu) != 0 && random.Chance(0.25);
            resource.CpuMean = resource.OverProvisioned ? random.Between(2, 8) : random.Between(18, 68);
            resource.MemoryMean = resource.OverProvisioned ? random.Between(10, 30) : random.Between(30, 82);
            resource.StorageMean = random.Between(25, 85);
        }

        subAccount.Resources.Add(resource);
        Resources.Add(resource);
    }

    private static string Compact(string name, string suffix, ref DemoRandom random)
    {
        var letters = new string(name.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (suffix == "ds")
        {
            return name.Replace('-', '_');
        }

        var compact = suffix + letters;
        return (compact.Length > 18 ? compact[..18] : compact) + random.Hex(6);
    }

    private void AssignTags(ref DemoRandom random)
    {
        var order = Enumerable.Range(0, Resources.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(0, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var untagged = (int)Math.Round(Resources.Count * UntaggedShare);
        var partial = (int)Math.Round(Resources.Count * PartiallyTaggedShare);
        for (var rank = 0; rank < order.Length; rank++)
        {
            var resource = Resources[order[rank]];
            if (rank < untagged)
            {
                continue;
            }

            var team = DemoCatalog.Teams[resource.Team];
            var tags = new List<(string Key, string Value)>
            {
                ("team", team.Team), ("env", resource.Env), ("app", resource.App), ("cost-center", team.CostCenter),
            };
            if (rank < untagged + partial)
            {
                tags.RemoveAt(random.Chance(0.5) ? 3 : 2);
                if (random.Chance(0.3))
                {
                    tags.RemoveAt(1);
                }
            }

            resource.TeamTag = team.Team;
            resource.Tags = "{" + string.Join(",", tags.Select(t => $"\"{t.Key}\":\"{t.Value}\"")) + "}";
        }
    }

    // ---------------------------------------------------------------- meters

    private static void AddSeries(ref DemoRandom random, ulong seed, DemoResource resource, ref int key)
    {
        var account = resource.SubAccount.Account;
        var service = resource.Service;
        foreach (var meter in service.Meters)
        {
            var usdPrice = meter.Kind == MeterKind.Hours && resource.Size is not null ? resource.Size.HourlyPrice : meter.ListUnitPrice;
            var listPrice = Math.Round(usdPrice * account.PriceFactor * resource.Region.PriceFactor, 10);
            var contractedPrice = Math.Round(listPrice * (1m - account.NegotiatedDiscount), 10);
            var skuKey = $"{service.Name}|{meter.Key}|{resource.Region.Id}|{resource.Size?.Name}";
            var skuId = SkuId(account.Provider, skuKey);
            var sizeName = resource.Size?.Name ?? "";
            var description = meter.Description
                .Replace("{price}", account.CurrencySymbol + listPrice.ToString("0.########", CultureInfo.InvariantCulture))
                .Replace("{size}", sizeName)
                .Replace("{region}", resource.Region.Name);
            var meterName = meter.Kind == MeterKind.Hours && sizeName.Length > 0 ? $"{meter.MeterName} {sizeName}" : meter.MeterName;
            var usageType = $"{resource.Region.UsagePrefix}{meter.Key}{(meter.Kind == MeterKind.Hours && sizeName.Length > 0 ? ":" + sizeName : "")}";
            string[] extensions = account.Provider switch
            {
                DemoProvider.Aws => [service.ServiceCode, usageType, meter.Operation],
                DemoProvider.Azure => [resource.ResourceGroup ?? "", service.ServiceCode, meterName],
                _ => [service.ServiceCode, description],
            };

            var baseQuantity = meter.Kind switch
            {
                MeterKind.Hours => 24,
                _ => random.LogBetween(meter.MinDaily, meter.MaxDaily),
            };
            var growth = meter.Kind switch
            {
                MeterKind.Hours => 0,
                MeterKind.Storage => random.Between(0.01, 0.03),
                _ => random.Between(0.0, 0.035),
            };
            var weekendFactor = meter.Kind != MeterKind.Usage ? 1.0
                : resource.Env == "prod" ? random.Between(0.6, 0.85) : random.Between(0.25, 0.5);

            resource.Series.Add(new DemoSeries
            {
                Resource = resource, Meter = meter, Key = key++, ListUnitPrice = listPrice, ContractedUnitPrice = contractedPrice,
                BaseQuantity = baseQuantity, MonthlyGrowth = growth, WeekendFactor = weekendFactor,
                NoiseSpread = meter.Kind == MeterKind.Usage ? random.Between(0.08, 0.2) : 0.01,
                IntegerQuantity = meter.PricingUnit is "Requests" or "Queries" or "Operations" or "ReadRequestUnits" or "WriteRequestUnits",
                NoiseKey = DemoRandom.Hash(seed, (ulong)key),
                SkuId = skuId,
                SkuMeter = meterName,
                SkuPriceId = account.Provider switch
                {
                    DemoProvider.Aws => skuId + ".JRTCKXETXF.6YS6EN2CT7",
                    DemoProvider.Azure => skuId + "/" + (StableHash(skuKey) % 9000 + 1000).ToString("0000", CultureInfo.InvariantCulture),
                    _ => skuId + "-" + (StableHash(skuKey) % 90 + 10).ToString(CultureInfo.InvariantCulture),
                },
                ChargeDescription = description,
                SkuPriceDetails = resource.Size is null || meter.Kind != MeterKind.Hours ? null
                    : $"{{\"CoreCount\":{resource.Size.VCpus},\"InstanceType\":\"{resource.Size.Name}\",\"MemorySize\":{resource.Size.MemoryGiB}}}",
                Extensions = extensions,
                SustainedUseRate = account.Provider == DemoProvider.Google && meter.Kind == MeterKind.Hours && resource.Size is not null
                    && !resource.OfficeHours && !sizeName.StartsWith("e2", StringComparison.Ordinal) ? 0.2m : 0m,
            });
        }
    }

    /// <summary>FNV-1a: a string hash that is the same in every process (string.GetHashCode is not).</summary>
    internal static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return DemoRandom.Mix(hash);
    }

    private static string SkuId(DemoProvider provider, string key)
    {
        var hash = StableHash(key);
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(hash & 31)];
            hash = i % 10 == 9 ? DemoRandom.Mix(hash) : hash >> 5;
        }

        return provider switch
        {
            DemoProvider.Aws => new string(chars),
            DemoProvider.Azure => "DZH3" + new string(chars[..8]),
            _ => $"{StableHex(key, 0)}-{StableHex(key, 1)}-{StableHex(key, 2)}",
        };
    }

    private static string StableHex(string key, int part) =>
        (DemoRandom.Hash(StableHash(key), (ulong)part) & 0xFFFF).ToString("X4", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- commitments

    private void AddCommitments()
    {
        var retail = Accounts[0];
        var shared = retail.SubAccounts.First(s => s.Name == "contoso-shared-services");
        var savingsPlan = new DemoCommitment
        {
            Id = $"arn:aws:savingsplans::{shared.Id}:savingsplan/7c2e9a41-5b3d-4f8e-a6c1-0d9b8e7f2a35",
            Name = "Compute Savings Plan - 1 year No Upfront", Category = "Spend", Type = "Compute Savings Plan",
            DiscountRate = 0.28m, Owner = shared, ServiceName = "Savings Plans for AWS Compute usage", ServiceCategory = "Compute",
            ServiceSubcategory = "Virtual Machines", Region = DemoCatalog.Global,
            PurchaseDescription = "1 year No Upfront Compute Savings Plan - recurring monthly fee",
            Extensions = ["ComputeSavingsPlans", "ComputeSP:1yrNoUpfront", ""],
        };
        var ec2 = SeriesOf(retail, "Amazon Elastic Compute Cloud", MeterKind.Hours).ToList();
        if (ec2.Count > 0)
        {
            // Sized on the always-on fleet plus a third of the weekday machines: weekends leave some of it unused.
            var perDay = ec2.Where(s => !s.Resource.OfficeHours && s.Resource.StartDay == 0)
                .Sum(s => 24m * s.ContractedUnitPrice * (1m - savingsPlan.DiscountRate))
                + ec2.Where(s => s.Resource.OfficeHours && s.Resource.StartDay == 0)
                .Sum(s => 0.35m * 12m * s.ContractedUnitPrice * (1m - savingsPlan.DiscountRate));
            savingsPlan.DailyAmount = Math.Round(perDay / 24m, 3) * 24m;
            if (savingsPlan.DailyAmount > 0)
            {
                ec2.ForEach(s => s.Commitment = savingsPlan);
                retail.Commitments.Add(savingsPlan);
            }
        }

        var payments = retail.SubAccounts.First(s => s.Name == "contoso-payments-prod");
        var rds = payments.Resources.Where(r => r.Pinned && r.Service.Name == "Amazon Relational Database Service")
            .SelectMany(r => r.Series).Where(s => s.Meter.Kind == MeterKind.Hours).ToList();
        if (rds.Count > 0)
        {
            var reserved = new DemoCommitment
            {
                Id = $"arn:aws:rds:{rds[0].Resource.Region.Id}:{payments.Id}:ri:payments-postgres-ri-2025",
                Name = "payments-postgres-ri-2025", Category = "Usage", Type = "Reserved Instance", DiscountRate = 0.40m,
                Owner = payments, ServiceName = "Amazon Relational Database Service", ServiceCategory = "Databases",
                ServiceSubcategory = "Relational Databases", Region = rds[0].Resource.Region, Unit = "Hours",
                PurchaseDescription = "1 year No Upfront Reserved DB Instance - recurring monthly fee",
                Extensions = ["AmazonRDS", "HeavyUsage:multi", "CreateDBInstance:0014"],
            };

            // One reservation more than the instances it covers: a reserved instance that is never used (waste).
            var perDay = rds.Sum(s => 24m * s.ContractedUnitPrice * (1m - reserved.DiscountRate))
                + rds.Min(s => 24m * s.ContractedUnitPrice * (1m - reserved.DiscountRate));
            reserved.DailyAmount = Math.Round(perDay, 2);
            rds.ForEach(s => s.Commitment = reserved);
            retail.Commitments.Add(reserved);
        }

        var enterprise = Accounts[2];
        var prodApps = enterprise.SubAccounts.First(s => s.Name == "Contoso-Prod-Apps");
        var vms = SeriesOf(enterprise, "Virtual Machines", MeterKind.Hours).Where(s => !s.Resource.OfficeHours).ToList();
        if (vms.Count > 0)
        {
            var reservation = new DemoCommitment
            {
                Id = "/providers/Microsoft.Capacity/reservationOrders/9b3f6d21-4e8a-4c7b-b5d0-2a1e7f9c8d64/reservations/c4a8e1f5-7d2b-4b39-9e6c-0f5d3a2b1e87",
                Name = "VM_RI_Contoso_Prod_3yr", Category = "Usage", Type = "Reservation", DiscountRate = 0.38m,
                Owner = prodApps, ServiceName = "Virtual Machines", ServiceCategory = "Compute", ServiceSubcategory = "Virtual Machines",
                Region = DemoCatalog.AzureRegions[0], Unit = "Hours",
                PurchaseDescription = "Reserved VM Instance, 3 Years - monthly payment",
                Extensions = [prodApps.Resources.FirstOrDefault()?.ResourceGroup ?? "rg-reservations", "Virtual Machines", "Reservation-Base VM"],
            };

            // Bought for every always-on machine, including those migrated later: unused until they arrive.
            var perDay = vms.Sum(s => 24m * s.ContractedUnitPrice * (1m - reservation.DiscountRate));
            reservation.DailyAmount = Math.Round(perDay, 2);
            vms.ForEach(s => s.Commitment = reservation);
            enterprise.Commitments.Add(reservation);
        }
    }

    private static IEnumerable<DemoSeries> SeriesOf(DemoAccount account, string serviceName, MeterKind kind) =>
        account.SubAccounts.SelectMany(s => s.Resources)
            .Where(r => r.Service.Name == serviceName)
            .SelectMany(r => r.Series)
            .Where(s => s.Meter.Kind == kind);
}
