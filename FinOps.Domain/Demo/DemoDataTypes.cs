namespace FinOps.Domain.Demo;

/// <summary>Options of the demo data generator.</summary>
/// <param name="Seed">Everything generated is a pure function of the seed, the options and the month of "now".</param>
/// <param name="Months">Billing months of history, up to and including the current month.</param>
/// <param name="Scale">Multiplies the number of resources (rows grow roughly linearly; every service keeps at least one resource).</param>
/// <param name="Gzip">Write the billing files as .csv.gz.</param>
public sealed record DemoDataOptions(int Seed, int Months = 13, double Scale = 1.0, bool Gzip = false);

/// <summary>What a file written by the demo generator holds.</summary>
public enum DemoFileKind
{
    /// <summary>A FOCUS billing export for one (billing account, billing month).</summary>
    Billing,
    /// <summary>Daily CPU, memory and storage utilization per resource (utilization.csv).</summary>
    Utilization,
    /// <summary>The injected anomalies (anomalies.json).</summary>
    Anomalies,
}

/// <summary>A file written by the demo generator.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="ProviderName">FOCUS ProviderName of a billing file (null for the side files).</param>
/// <param name="BillingPeriodStart">First day of the billing month of a billing file.</param>
/// <param name="Rows">Data rows (header excluded); for anomalies.json the number of anomalies.</param>
public sealed record DemoFile(
    string Path,
    DemoFileKind Kind,
    string? ProviderName,
    string? BillingAccountId,
    DateOnly? BillingPeriodStart,
    long Rows);

/// <summary>A billing account of the demo data.</summary>
public sealed record DemoBillingAccount(string ProviderName, string BillingAccountId, string BillingAccountName, string BillingCurrency);

/// <summary>Whether an anomaly raised or lowered the cost.</summary>
public enum DemoAnomalyKind
{
    Spike,
    Drop,
}

/// <summary>One day of an injected anomaly: the series' cost without and with the anomaly.</summary>
public sealed record DemoAnomalyDay(DateOnly Date, decimal ExpectedCost, decimal ActualCost);

/// <summary>
/// An anomaly injected into one cost series: the daily EffectiveCost of the Usage rows of one
/// (provider, billing account, sub-account, service) on consecutive days. No commitment covers these series, so
/// BilledCost equals EffectiveCost on them.
/// </summary>
/// <param name="ExpectedDailyCost">Average daily cost the series would have had on those days.</param>
/// <param name="ActualDailyCost">Average daily cost it has in the data.</param>
/// <param name="Impact">Total of actual minus expected over the days (negative for drops).</param>
/// <param name="Team">The team tag most resources of the series carry, null when they are untagged.</param>
public sealed record DemoAnomaly(
    string Id,
    DemoAnomalyKind Kind,
    DateOnly FirstDate,
    DateOnly LastDate,
    string ProviderName,
    string BillingAccountId,
    string BillingAccountName,
    string BillingCurrency,
    string SubAccountId,
    string SubAccountName,
    string ServiceName,
    string ServiceCategory,
    string? Team,
    decimal ExpectedDailyCost,
    decimal ActualDailyCost,
    decimal Impact,
    IReadOnlyList<DemoAnomalyDay> Days);

/// <summary>Exact totals of one currency in a benchmark file.</summary>
public sealed record BenchmarkCurrencyTotal(string Currency, long Rows, decimal BilledCost, decimal EffectiveCost, decimal ListCost, decimal ContractedCost);

/// <summary>A benchmark file and its exact totals, computed with decimal while writing.</summary>
public sealed record BenchmarkFile(string Path, long Rows, int BillingAccounts, int BillingPeriods, IReadOnlyList<BenchmarkCurrencyTotal> Totals)
{
    public BenchmarkCurrencyTotal Total(string currency) =>
        Totals.FirstOrDefault(t => t.Currency == currency) ?? new BenchmarkCurrencyTotal(currency, 0, 0m, 0m, 0m, 0m);
}
