using FinOps.Domain.Demo;

namespace FinOps.Tests.Domain.Demo;

public sealed class DemoDeterminismAndLiveFeedTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 8, 15, 0, TimeSpan.Zero);
    private readonly string root = Path.Combine(Path.GetTempPath(), "finops-demo-tests", Guid.NewGuid().ToString("N"));

    private string Dir(string name) => Path.Combine(root, name);

    [Fact]
    public void Same_seed_and_now_write_byte_identical_files()
    {
        var first = new DemoDataGenerator(new DemoDataOptions(7, Scale: 0.1)).WriteHistory(Dir("a"), Now);
        var second = new DemoDataGenerator(new DemoDataOptions(7, Scale: 0.1)).WriteHistory(Dir("b"), Now);

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(5 * 13 + 2, first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(Path.GetFileName(first[i].Path), Path.GetFileName(second[i].Path));
            Assert.Equal(first[i].Rows, second[i].Rows);
            Assert.True(File.ReadAllBytes(first[i].Path).AsSpan().SequenceEqual(File.ReadAllBytes(second[i].Path)), first[i].Path);
        }
    }

    [Fact]
    public void Different_seeds_write_different_data()
    {
        var first = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.1)).WriteHistory(Dir("a"), Now);
        var second = new DemoDataGenerator(new DemoDataOptions(8, Months: 2, Scale: 0.1)).WriteHistory(Dir("b"), Now);

        var pairs = first.Zip(second).Where(p => p.First.Kind == DemoFileKind.Billing).ToList();
        Assert.All(pairs, p => Assert.Equal(Path.GetFileName(p.First.Path), Path.GetFileName(p.Second.Path)));
        Assert.All(pairs, p => Assert.NotEqual(File.ReadAllText(p.First.Path), File.ReadAllText(p.Second.Path)));
    }

    [Fact]
    public void Scale_multiplies_the_number_of_rows()
    {
        var small = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.5)).WriteHistory(Dir("a"), Now);
        var large = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 1.5)).WriteHistory(Dir("b"), Now);
        static long Rows(IEnumerable<DemoFile> files) => files.Where(f => f.Kind == DemoFileKind.Billing).Sum(f => f.Rows);
        Assert.InRange(Rows(large) / (double)Rows(small), 2.0, 4.0);
    }

    [Fact]
    public void Current_period_redelivery_keeps_earlier_days_byte_identical_and_adds_the_new_days()
    {
        var generator = new DemoDataGenerator(new DemoDataOptions(7, Months: 3, Scale: 0.1));
        var history = generator.WriteHistory(Dir("history"), Now);
        var later = Now.AddDays(4).AddHours(5);

        foreach (var account in generator.BillingAccounts)
        {
            var delivered = history.Single(f => f.BillingAccountId == account.BillingAccountId && f.BillingPeriodStart == new DateOnly(2025, 3, 1));
            var before = File.ReadAllBytes(delivered.Path);

            var feed = generator.WriteCurrentPeriod(Dir("feed"), later, account.BillingAccountId);
            var after = File.ReadAllBytes(feed.Path);

            Assert.Equal(Path.GetFileName(delivered.Path), Path.GetFileName(feed.Path));
            Assert.Equal(new DateOnly(2025, 3, 1), feed.BillingPeriodStart);
            Assert.True(feed.Rows > delivered.Rows, account.BillingAccountId);

            // Rows of complete days stay byte-identical; today's partial day (the end of the earlier file) grows.
            var nowDate = DateOnly.FromDateTime(Now.UtcDateTime);
            var completeRows = DemoCsv.ReadCharges(delivered.Path).Count(c => c.ChargeDate < nowDate);
            var beforeLines = System.Text.Encoding.UTF8.GetString(before).Split('\n');
            var afterLines = System.Text.Encoding.UTF8.GetString(after).Split('\n');
            Assert.True(completeRows > 0);
            Assert.Equal(beforeLines.Take(1 + completeRows), afterLines.Take(1 + completeRows));

            var laterDate = DateOnly.FromDateTime(later.UtcDateTime);
            var newDays = DemoCsv.ReadCharges(feed.Path).Skip(completeRows).Select(c => c.ChargeDate).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(0, laterDate.DayNumber - nowDate.DayNumber + 1).Select(d => nowDate.AddDays(d)), newDays);
        }
    }

    [Fact]
    public void Live_feed_for_all_accounts_writes_the_current_month_of_each()
    {
        var generator = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.1));
        var files = generator.WriteCurrentPeriod(Dir("feed"), Now);
        Assert.Equal(generator.BillingAccounts.Select(a => a.BillingAccountId), files.Select(f => f.BillingAccountId));
        Assert.All(files, f => Assert.Equal(new DateOnly(2025, 3, 1), f.BillingPeriodStart));
        Assert.Throws<ArgumentException>(() => generator.WriteCurrentPeriod(Dir("feed"), Now, "no-such-account"));
    }

    [Fact]
    public void Gzip_option_writes_compressed_files_with_the_same_rows()
    {
        var plain = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.1)).WriteHistory(Dir("plain"), Now);
        var gzip = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.1, Gzip: true)).WriteHistory(Dir("gzip"), Now);

        var pairs = plain.Zip(gzip).Where(p => p.First.Kind == DemoFileKind.Billing).ToList();
        Assert.All(pairs, p => Assert.EndsWith(".csv.gz", p.Second.Path, StringComparison.Ordinal));
        Assert.All(pairs, p => Assert.Equal(DemoCsv.ReadCharges(p.First.Path), DemoCsv.ReadCharges(p.Second.Path)));
    }

    [Fact]
    public void On_the_first_of_a_month_the_current_file_holds_the_purchases_and_the_minutes_passed()
    {
        var generator = new DemoDataGenerator(new DemoDataOptions(7, Months: 2, Scale: 0.1));
        var atMidnight = generator.WriteCurrentPeriod(Dir("midnight"), new DateTimeOffset(2025, 4, 1, 0, 10, 0, TimeSpan.Zero));
        var halfPast = generator.WriteCurrentPeriod(Dir("half-past"), new DateTimeOffset(2025, 4, 1, 0, 30, 0, TimeSpan.Zero));

        var first = atMidnight.SelectMany(f => DemoCsv.ReadCharges(f.Path)).ToList();
        Assert.NotEmpty(first);
        Assert.All(first, c => Assert.Equal("Purchase", c.ChargeCategory)); // no quarter-hour has passed yet
        Assert.Contains(atMidnight, f => f.Rows == 0);

        var usage = halfPast.SelectMany(f => DemoCsv.ReadCharges(f.Path)).Where(c => c.ChargeCategory != "Purchase").ToList();
        Assert.NotEmpty(usage);
        Assert.All(usage, c => Assert.Equal("2025-04-01T00:30:00Z", c.ChargePeriodEnd));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
