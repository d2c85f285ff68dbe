using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinOps.Domain.Demo;

/// <summary>
/// Generates realistic multi-cloud FOCUS billing data (AWS, Microsoft Azure, Google Cloud) for the demo, the dashboards
/// and the benchmarks. Deterministic: the output depends only on the options, the calendar month of "now" (which fixes
/// the history window), the days of that month that are complete and the quarter-hours of today that have passed;
/// the generator never reads the clock.
/// </summary>
/// <remarks>
/// Layout under the target directory:
/// <c>billing/{aws|azure|gcp}_{account}_{yyyy-MM}.csv[.gz]</c> (one FOCUS file per billing account and billing month),
/// <c>utilization.csv</c> and <c>anomalies.json</c>. The current month holds the complete days before today and today
/// so far (usage scaled to the whole quarter-hours passed, charge period ending at that time), so the live feed's
/// re-deliveries grow the month every 15 minutes; just after midnight on the first it holds only the purchases.
/// Month-end rows (tax, promotional credit, refund) and invoice ids appear once a month is complete.
/// </remarks>
public sealed class DemoDataGenerator
{
    /// <summary>The folder, under the target directory, that holds the billing files.</summary>
    public const string BillingFolder = "billing";
    public const string UtilizationFileName = "utilization.csv";
    public const string AnomaliesFileName = "anomalies.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly DemoWorld world;
    private readonly ulong seed;

    public DemoDataGenerator(DemoDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Months, 120);
        if (!(options.Scale > 0 && options.Scale <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be in (0, 100].");
        }

        Options = options;
        seed = (ulong)(uint)options.Seed;
        world = new DemoWorld(options.Seed, options.Scale, options.Months);
        BillingAccounts = world.Accounts
            .Select(a => new DemoBillingAccount(a.ProviderName, a.Id, a.Name, a.Currency))
            .ToList();
    }

    public DemoDataOptions Options { get; }

    /// <summary>The billing accounts the data covers (one billing file per account and month).</summary>
    public IReadOnlyList<DemoBillingAccount> BillingAccounts { get; }

    /// <summary>
    /// Writes the whole history: one FOCUS file per (billing account, billing month) for the <see cref="DemoDataOptions.Months"/>
    /// months up to the month of <paramref name="now"/>, then utilization.csv and anomalies.json.
    /// </summary>
    public IReadOnlyList<DemoFile> WriteHistory(string directory, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var timeline = CreateTimeline(now);
        var files = new List<DemoFile>();
        foreach (var account in world.Accounts)
        {
            for (var month = 0; month < timeline.Months; month++)
            {
                files.Add(WriteBillingFile(directory, account, month, timeline));
            }
        }

        files.Add(WriteUtilization(Path.Combine(directory, UtilizationFileName), timeline));
        var anomalies = Anomalies(timeline);
        var anomaliesPath = Path.Combine(directory, AnomaliesFileName);
        File.WriteAllText(anomaliesPath, JsonSerializer.Serialize(anomalies, JsonOptions) + "\n");
        files.Add(new DemoFile(Path.GetFullPath(anomaliesPath), DemoFileKind.Anomalies, null, null, null, anomalies.Count));
        return files;
    }

    /// <summary>
    /// The live feed: re-delivers the current month to date of one billing account (the same path as
    /// <see cref="WriteHistory"/>, replacing it). Rows of days already delivered are byte-identical, so a consumer that
    /// replaces by (billing account, billing period) sees the month grow.
    /// </summary>
    public DemoFile WriteCurrentPeriod(string directory, DateTimeOffset now, string billingAccountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var account = world.Accounts.FirstOrDefault(a => a.Id == billingAccountId)
            ?? throw new ArgumentException($"Unknown demo billing account '{billingAccountId}'.", nameof(billingAccountId));
        var timeline = CreateTimeline(now);
        return WriteBillingFile(directory, account, timeline.Months - 1, timeline);
    }

    /// <summary>The live feed for every billing account (see <see cref="WriteCurrentPeriod(string, DateTimeOffset, string)"/>).</summary>
    public IReadOnlyList<DemoFile> WriteCurrentPeriod(string directory, DateTimeOffset now) =>
        world.Accounts.Select(a => WriteCurrentPeriod(directory, now, a.Id)).ToList();

    /// <summary>The anomalies injected into the history for this "now" (what anomalies.json holds), without writing.</summary>
    public IReadOnlyList<DemoAnomaly> GetAnomalies(DateTimeOffset now) => Anomalies(CreateTimeline(now));

    /// <summary>Reads an anomalies.json written by <see cref="WriteHistory"/>.</summary>
    public static IReadOnlyList<DemoAnomaly> ReadAnomalies(string path) =>
        JsonSerializer.Deserialize<List<DemoAnomaly>>(File.ReadAllText(path), JsonOptions) ?? [];

    /// <summary>The file a billing month of an account is written to.</summary>
    public string BillingFilePath(string directory, string billingAccountId, DateOnly billingPeriodStart)
    {
        var account = world.Accounts.First(a => a.Id == billingAccountId);
        return BillingFilePath(directory, account, billingPeriodStart);
    }

    /// <summary>
    /// Streams one large FOCUS CSV (gzip-compressed when the path ends in .gz) with many billing accounts, billing periods,
    /// currencies, tags and every column, without holding rows in memory; returns exact per-currency totals.
    /// </summary>
    public static BenchmarkFile WriteBenchmarkFile(string path, long rows, int seed) =>
        DemoBenchmarkWriter.Write(path, rows, seed);

    // ---------------------------------------------------------------- internals

    internal DemoTimeline CreateTimeline(DateTimeOffset now)
    {
        var timeline = new DemoTimeline(now, Options.Months);
        timeline.SetAnomalies(PlanAnomalies(timeline));
        return timeline;
    }

    private string BillingFilePath(string directory, DemoAccount account, DateOnly month)
    {
        var provider = account.Provider switch
        {
            DemoProvider.Aws => "aws",
            DemoProvider.Azure => "azure",
            _ => "gcp",
        };
        var name = string.Create(CultureInfo.InvariantCulture, $"{provider}_{account.FileSlug}_{month:yyyy-MM}.csv{(Options.Gzip ? ".gz" : "")}");
        return Path.GetFullPath(Path.Combine(directory, BillingFolder, name));
    }

    private DemoFile WriteBillingFile(string directory, DemoAccount account, int monthIndex, DemoTimeline timeline)
    {
        var month = timeline.MonthStart(monthIndex);
        var path = BillingFilePath(directory, account, month);
        long rows;
        using (var text = FocusCsvWriter.OpenText(path, Options.Gzip))
        using (var writer = new FocusCsvWriter(text, DemoCatalog.ExtensionColumns(account.Provider)))
        {
            foreach (var row in DemoLedger.Rows(account, monthIndex, timeline))
            {
                writer.Write(row);
            }

            rows = writer.Rows;
        }

        return new DemoFile(path, DemoFileKind.Billing, account.ProviderName, account.Id, month, rows);
    }

    private DemoFile WriteUtilization(string path, DemoTimeline timeline)
    {
        long rows = 0;
        using (var text = FocusCsvWriter.OpenText(path, gzip: false))
        using (var writer = FocusCsvWriter.CreateSepWriter(text))
        {
            writer.Header.Add(["ResourceId", "Date", "CpuUtilization", "MemoryUtilization", "StorageUtilization"]);
            writer.Header.Write();
            Span<char> dateText = stackalloc char[10];
            foreach (var resource in world.Resources)
            {
                var metrics = resource.Service.Utilization;
                if (metrics == UtilizationMetrics.None)
                {
                    continue;
                }

                var key = resource.Series[0].NoiseKey;
                var end = Math.Min(resource.EndDay, timeline.CompleteDays);
                for (var day = Math.Max(0, resource.StartDay); day < end; day++)
                {
                    var date = timeline.Date(day);
                    var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                    if (resource.OfficeHours && weekend)
                    {
                        continue; // stopped
                    }

                    var load = weekend ? 0.7 : 1.0;
                    using var row = writer.NewRow();
                    row[0].Set(resource.Id);
                    date.TryFormat(dateText, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    row[1].Set(dateText);
                    SetPercent(row[2], (metrics & UtilizationMetrics.Cpu) != 0, resource.CpuMean * load * DemoRandom.Noise(0.5, key, (ulong)day, 1));
                    SetPercent(row[3], (metrics & UtilizationMetrics.Memory) != 0, resource.MemoryMean * DemoRandom.Noise(0.12, key, (ulong)day, 2));
                    SetPercent(row[4], (metrics & UtilizationMetrics.Storage) != 0,
                        Math.Min(97, resource.StorageMean * (1 + 0.0006 * day)) * DemoRandom.Noise(0.02, key, (ulong)day, 3));
                    rows++;
                }
            }
        }

        return new DemoFile(Path.GetFullPath(path), DemoFileKind.Utilization, null, null, null, rows);
    }

    private static void SetPercent(nietras.SeparatedValues.SepWriter.Col col, bool applies, double value)
    {
        if (applies)
        {
            col.Format(Math.Round(Math.Clamp(value, 0.1, 99.9), 1), "0.0");
        }
        else
        {
            col.Set(ReadOnlySpan<char>.Empty);
        }
    }

    // ---------------------------------------------------------------- anomalies

    /// <summary>The impact (in the billing currency) an injected anomaly aims at, at least.</summary>
    private const double MinimumImpact = 300;

    private sealed record AnomalyCandidate(string GroupKey, List<DemoResource> Resources, decimal Expected, double UsageShare);

    /// <summary>
    /// Picks 5 to 7 usage-driven series (no commitment, resources present all along) and injects one anomaly each in the
    /// four complete months before the current one: spikes of 2.5x to 5.5x for 1 to 3 days, and one or two drops to
    /// 10 % to 30 % for 2 or 3 days, each in its own slot of the period so that surrounding weeks stay normal.
    /// </summary>
    private List<AnomalyPlan> PlanAnomalies(DemoTimeline timeline)
    {
        var periodEnd = timeline.Day(timeline.CurrentMonth);
        var periodStart = Math.Max(28, timeline.Day(timeline.CurrentMonth.AddMonths(-4)));
        if (periodEnd - periodStart < 35)
        {
            return [];
        }

        var monthKey = (ulong)(timeline.CurrentMonth.Year * 12 + timeline.CurrentMonth.Month);
        var random = new DemoRandom(DemoRandom.Hash(seed, monthKey, 0xA7));
        var candidates = new List<AnomalyCandidate>();
        foreach (var group in world.Resources.GroupBy(r => r.GroupKey, StringComparer.Ordinal))
        {
            var resources = group.ToList();
            if (!resources.All(r => r.Service.IsUsageDriven && r.StartDay <= periodStart - 28 && r.EndDay == int.MaxValue))
            {
                continue;
            }

            decimal total = 0m, usage = 0m;
            for (var day = periodStart; day < periodStart + 14; day++)
            {
                foreach (var series in resources.SelectMany(r => r.Series))
                {
                    var cost = DemoLedger.ContractedCost(series, day, timeline, withAnomalies: false);
                    total += cost;
                    usage += series.Meter.Kind == MeterKind.Usage ? cost : 0m;
                }
            }

            if (total > 0m && usage / total >= 0.75m)
            {
                candidates.Add(new AnomalyCandidate(group.Key, resources, Math.Round(total / 14m, 2), (double)(usage / total)));
            }
        }

        candidates = candidates.OrderByDescending(c => c.Expected).ThenBy(c => c.GroupKey, StringComparer.Ordinal).ToList();
        var count = Math.Min(candidates.Count, 5 + random.Next(0, 3));
        var selected = new List<AnomalyCandidate>();
        DemoProvider[] providers = [DemoProvider.Aws, DemoProvider.Azure, DemoProvider.Google];
        for (var i = 0; selected.Count < count; i++)
        {
            var provider = providers[i % providers.Length];
            var pick = candidates.FirstOrDefault(c => c.Resources[0].SubAccount.Account.Provider == provider) ?? candidates[0];
            candidates.Remove(pick);
            selected.Add(pick);
        }

        var drops = selected.OrderByDescending(c => c.Expected).Take(Math.Min(selected.Count, 1 + random.Next(0, 2))).ToHashSet();
        for (var i = selected.Count - 1; i > 0; i--)
        {
            var j = random.Next(0, i + 1);
            (selected[i], selected[j]) = (selected[j], selected[i]);
        }

        var plans = new List<AnomalyPlan>();
        var slot = (periodEnd - periodStart) / Math.Max(1, selected.Count);
        for (var i = 0; i < selected.Count; i++)
        {
            var candidate = selected[i];
            var isDrop = drops.Contains(candidate);
            var days = isDrop ? random.Next(2, 4) : random.Next(1, 4);
            var ratio = isDrop ? random.Between(0.1, 0.3) : random.Between(2.5, 5.5);

            var start = periodStart + i * slot + random.Next(0, Math.Max(1, slot - 3));

            // Big enough to matter: aim for an impact of at least MinimumImpact (longer, then stronger).
            var series = candidate.Resources.SelectMany(r => r.Series).ToList();
            var expectedByDay = Enumerable.Range(start, 3)
                .Select(day => (double)series.Sum(s => DemoLedger.ContractedCost(s, day, timeline, withAnomalies: false)))
                .ToArray();
            while (days < 3 && expectedByDay.Take(days).Sum() * Math.Abs(ratio - 1) < MinimumImpact)
            {
                days++;
            }

            if (!isDrop)
            {
                ratio = Math.Clamp(1 + MinimumImpact / expectedByDay.Take(days).Sum(), ratio, 6);
            }

            var multiplier = isDrop
                ? Math.Max(0.02, 1 - (1 - ratio) / candidate.UsageShare)
                : 1 + (ratio - 1) / candidate.UsageShare;
            plans.Add(new AnomalyPlan(candidate.GroupKey, isDrop ? DemoAnomalyKind.Drop : DemoAnomalyKind.Spike, start, days, multiplier));
        }

        return plans;
    }

    private List<DemoAnomaly> Anomalies(DemoTimeline timeline)
    {
        var result = new List<DemoAnomaly>();
        foreach (var plan in timeline.Anomalies.OrderBy(p => p.StartDay))
        {
            var resources = world.Resources.Where(r => r.GroupKey == plan.GroupKey).ToList();
            var first = resources[0];
            var account = first.SubAccount.Account;
            var days = new List<DemoAnomalyDay>();
            for (var day = plan.StartDay; day < plan.StartDay + plan.Days; day++)
            {
                var series = resources.SelectMany(r => r.Series).ToList();
                var expected = series.Sum(s => DemoLedger.ContractedCost(s, day, timeline, withAnomalies: false));
                var actual = series.Sum(s => DemoLedger.ContractedCost(s, day, timeline));
                days.Add(new DemoAnomalyDay(timeline.Date(day), expected, actual));
            }

            var team = resources.Where(r => r.TeamTag is not null)
                .GroupBy(r => r.TeamTag!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .FirstOrDefault();
            result.Add(new DemoAnomaly(
                string.Create(CultureInfo.InvariantCulture, $"anomaly-{result.Count + 1:00}"),
                plan.Kind,
                days[0].Date,
                days[^1].Date,
                account.ProviderName,
                account.Id,
                account.Name,
                account.Currency,
                first.SubAccount.Id,
                first.SubAccount.Name,
                first.Service.Name,
                first.Service.Category,
                team,
                Math.Round(days.Average(d => d.ExpectedCost), 2),
                Math.Round(days.Average(d => d.ActualCost), 2),
                Math.Round(days.Sum(d => d.ActualCost - d.ExpectedCost), 2),
                days));
        }

        return result;
    }
}
