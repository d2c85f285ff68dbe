using FinOps.Domain.Billing;
using FinOps.Domain.Demo;

namespace FinOps.Tests.Domain.Demo;

public sealed class DemoBenchmarkFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "finops-demo-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Benchmark_totals_reconcile_exactly_with_an_independent_sum_of_the_written_file()
    {
        var path = Path.Combine(directory, "bench.csv");
        var file = DemoDataGenerator.WriteBenchmarkFile(path, 20_000, seed: 3);

        var sums = new Dictionary<string, (long Rows, decimal Billed, decimal Effective, decimal List, decimal Contracted)>();
        var accounts = new HashSet<string>();
        var periods = new HashSet<string>();
        var tagged = 0;
        long rows = 0;
        using (var reader = DemoCsv.Open(path))
        {
            Assert.Equal(FocusColumns.All.Select(c => c.Name), reader.Header.ColNames.Take(FocusColumns.All.Count));
            foreach (var row in reader)
            {
                rows++;
                var currency = row["BillingCurrency"].ToString();
                var sum = sums.GetValueOrDefault(currency);
                sums[currency] = (sum.Rows + 1,
                    sum.Billed + DemoCsv.Money(row["BilledCost"].Span),
                    sum.Effective + DemoCsv.Money(row["EffectiveCost"].Span),
                    sum.List + DemoCsv.Money(row["ListCost"].Span),
                    sum.Contracted + DemoCsv.Money(row["ContractedCost"].Span));
                accounts.Add(row["BillingAccountId"].ToString());
                periods.Add(row["BillingPeriodStart"].ToString());
                tagged += row["Tags"].Span.StartsWith("{\"team\"") ? 1 : 0;
            }
        }

        Assert.Equal(20_000, rows);
        Assert.Equal(20_000, file.Rows);
        Assert.Equal(sums.Keys.Order(StringComparer.Ordinal), file.Totals.Select(t => t.Currency));
        Assert.True(sums.Count >= 3);
        foreach (var total in file.Totals)
        {
            var sum = sums[total.Currency];
            Assert.Equal(sum.Rows, total.Rows);
            Assert.Equal(sum.Billed, total.BilledCost);
            Assert.Equal(sum.Effective, total.EffectiveCost);
            Assert.Equal(sum.List, total.ListCost);
            Assert.Equal(sum.Contracted, total.ContractedCost);
        }

        Assert.Equal(file.BillingAccounts, accounts.Count);
        Assert.True(accounts.Count >= 30);
        Assert.Equal(12, periods.Count);
        Assert.InRange(tagged / (double)rows, 0.7, 0.95);
    }

    [Fact]
    public void Benchmark_file_rows_are_grouped_by_billing_account_and_period_and_carry_every_charge_category()
    {
        var path = Path.Combine(directory, "bench.csv.gz");
        var file = DemoDataGenerator.WriteBenchmarkFile(path, 20_000, seed: 4);
        var blocks = 0;
        var previous = "";
        var categories = new HashSet<string>();
        using (var reader = DemoCsv.Open(path))
        {
            foreach (var row in reader)
            {
                var key = row["BillingAccountId"].ToString() + "|" + row["BillingPeriodStart"].ToString();
                blocks += key == previous ? 0 : 1;
                previous = key;
                categories.Add(row["ChargeCategory"].ToString());
            }
        }

        Assert.Equal(file.BillingAccounts * file.BillingPeriods, blocks);
        Assert.Equal(FocusColumns.ChargeCategories.Order(StringComparer.Ordinal), categories.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Benchmark_file_is_deterministic_for_a_seed()
    {
        var first = DemoDataGenerator.WriteBenchmarkFile(Path.Combine(directory, "a.csv"), 2_000, seed: 5);
        var second = DemoDataGenerator.WriteBenchmarkFile(Path.Combine(directory, "b.csv"), 2_000, seed: 5);
        var other = DemoDataGenerator.WriteBenchmarkFile(Path.Combine(directory, "c.csv"), 2_000, seed: 6);
        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.NotEqual(File.ReadAllBytes(first.Path), File.ReadAllBytes(other.Path));
        Assert.Equal(first.Totals, second.Totals);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
