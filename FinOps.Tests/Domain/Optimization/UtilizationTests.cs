using System.Text;
using FinOps.Domain.Optimization.Utilization;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Domain.Optimization;

public sealed class UtilizationTests : IAsyncLifetime
{
    private const string Header = "ResourceId,Date,CpuUtilization,MemoryUtilization,StorageUtilization\n";

    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<UtilizationImportResult> ImportAsync(string csv) =>
        _store.Get<UtilizationCsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    private async Task<List<ResourceUtilization>> StoredAsync()
    {
        await using var db = await _store.NewDbAsync();
        return await db.ResourceUtilization.AsNoTracking().OrderBy(u => u.ResourceId).ThenBy(u => u.Day).ToListAsync();
    }

    [Fact]
    public async Task Import_StoresEachResourceDay_WithUnknownMetricsAsNull()
    {
        var result = await ImportAsync(Header + "i-1,2024-09-01,12.5,40,\ni-1,2024-09-02,0,100,\n\"vol,2\",2024-09-01,,,55.5\n");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(3, result.Rows);
        var stored = await StoredAsync();
        Assert.Equal(3, stored.Count);
        Assert.Equal((12.5, 40.0, (double?)null), (stored[0].CpuPercent!.Value, stored[0].MemoryPercent!.Value, stored[0].StoragePercent));
        Assert.Equal(new DateOnly(2024, 9, 2), stored[1].Date);
        Assert.Equal("vol,2", stored[2].ResourceId);
        Assert.Null(stored[2].CpuPercent);
        Assert.Equal(55.5, stored[2].StoragePercent);
    }

    [Fact]
    public async Task Import_WithBadValues_IsRejectedWhole_NamingLineAndColumn_AndNothingIsStored()
    {
        var result = await ImportAsync(Header +
            "i-1,2024-09-01,12.5,40,\n" +   // line 2: fine
            ",2024-09-01,1,1,1\n" +          // line 3: no resource
            "i-2,01/09/2024,1,1,1\n" +       // line 4: not ISO
            "i-3,2024-09-01,101,1,1\n" +     // line 5: above 100
            "i-4,2024-09-01,1,12%,1\n" +     // line 6: not a number
            "i-5,2024-09-01,1,1,-0.5\n" +    // line 7: negative
            "i-1,2024-09-01,2,2,2\n");       // line 8: same resource and day as line 2

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Rows);
        Assert.Equal(
        [
            (3L, "ResourceId"), (4L, "Date"), (5L, "CpuUtilization"), (6L, "MemoryUtilization"), (7L, "StorageUtilization"), (8L, "Date"),
        ], result.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal("01/09/2024", result.Errors[1].Value);
        Assert.Contains("line 2", result.Errors[5].Message, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("ResourceId,Day,CpuUtilization\n")]
    [InlineData("ResourceId,Date\n")]
    [InlineData("")]
    public async Task Import_WithoutTheRequiredHeader_IsRejectedOnLine1(string csv)
    {
        var result = await ImportAsync(csv + "i-1,2024-09-01,5\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Reimport_ReplacesTheSameResourceDays_AndTwiceIsTheSameAsOnce()
    {
        await ImportAsync(Header + "i-1,2024-09-01,10,20,30\ni-1,2024-09-02,11,21,31\n");
        var second = Header + "i-1,2024-09-02,50,,\ni-2,2024-09-02,5,5,5\n";

        Assert.True((await ImportAsync(second)).Succeeded);
        var once = await StoredAsync();
        Assert.True((await ImportAsync(second)).Succeeded);
        var twice = await StoredAsync();

        Assert.Equal(3, once.Count);
        var replaced = once.Single(u => u is { ResourceId: "i-1", Day: var d } && d == ResourceUtilization.DayOf(new DateOnly(2024, 9, 2)));
        Assert.Equal((50.0, (double?)null, (double?)null), (replaced.CpuPercent!.Value, replaced.MemoryPercent, replaced.StoragePercent));
        Assert.Equal(10, once.Single(u => u.ResourceId == "i-1" && u.CpuPercent == 10).CpuPercent);
        Assert.Equal(once.Select(u => (u.ResourceId, u.Day, u.CpuPercent, u.MemoryPercent, u.StoragePercent)),
            twice.Select(u => (u.ResourceId, u.Day, u.CpuPercent, u.MemoryPercent, u.StoragePercent)));
    }

    [Theory]
    [InlineData("ResourceId,Date,CpuUtilization,MemoryUtilization,StorageUtilization", true)]
    [InlineData(" resourceid , date , StorageUtilization ", true)]
    [InlineData("ResourceId,Date", false)]
    [InlineData("BilledCost,ResourceId,Date,CpuUtilization", false)]
    public void Header_IsRecognisedByItsColumns(string header, bool isUtilization) =>
        Assert.Equal(isUtilization, UtilizationCsvImporter.IsUtilizationHeader(header.Split(',')));

    [Fact]
    public void P95_IsTheNearestRankValue_AndTheAverageTheMean()
    {
        var twenty = Enumerable.Range(1, 20).Select(i => (double)i).ToList();
        Assert.Equal(new MetricSummary(10.5, 19, 20), MetricSummary.Of(twenty));
        Assert.Equal(new MetricSummary(2, 3, 3), MetricSummary.Of([3, 1, 2]));
        Assert.Equal(new MetricSummary(7, 7, 1), MetricSummary.Of([7]));
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(95, MetricSummary.Of(hundred)!.P95);
        Assert.Null(MetricSummary.Of([]));
    }

    [Fact]
    public async Task Statistics_CoverTheRangeAndResourcesAsked_AndLeaveUnknownDaysOut()
    {
        var csv = new StringBuilder(Header);
        for (var day = 1; day <= 30; day++)
        {
            csv.Append($"i-1,2024-09-{day:D2},{day},{(day % 2 == 0 ? "50" : "")},\n");
        }

        csv.Append("i-2,2024-09-05,80,,\ni-3,2024-09-05,1,1,1\ni-1,2024-10-01,99,99,99\n");
        Assert.True((await ImportAsync(csv.ToString())).Succeeded);

        var summaries = await _store.Get<UtilizationStatistics>().SummarizeAsync(["i-1", "i-2", "never"], new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1), CancellationToken.None);

        Assert.Equal(["i-1", "i-2"], summaries.Keys.Order(StringComparer.Ordinal));
        var first = summaries["i-1"];
        Assert.Equal(new MetricSummary(15.5, 29, 30), first.Cpu); // rank ceil(0.95 x 30) = 29; October 1 is outside
        Assert.Equal(new MetricSummary(50, 50, 15), first.Memory);
        Assert.Null(first.Storage);
        Assert.Equal(new MetricSummary(80, 80, 1), summaries["i-2"].Cpu);
    }
}

public sealed class UtilizationInboxTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private string Inbox => _store.Get<FinOps.Domain.FinOpsPaths>().InboxDirectory;

    private string Drop(string name, string content)
    {
        Directory.CreateDirectory(Inbox);
        var path = Path.Combine(Inbox, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task AUtilizationFile_IsImportedAndArchived_ABillingFileIsLeftAlone()
    {
        var utilization = Drop("utilization.csv", "\uFEFFResourceId,Date,CpuUtilization,MemoryUtilization,StorageUtilization\r\ni-1,2024-09-01,5,6,7\r\n");
        var billing = Drop("focus.csv", new FocusCsv().Row().ToCsv());
        var notifications = new List<UtilizationImported>();
        using var subscription = _store.Get<FinOps.Domain.Common.Notifier<UtilizationImported>>().Subscribe(e =>
        {
            notifications.Add(e);
            return Task.CompletedTask;
        });
        var inbox = _store.Get<UtilizationInbox>();

        Assert.True(await inbox.TryTakeAsync(utilization, CancellationToken.None));
        Assert.False(await inbox.TryTakeAsync(billing, CancellationToken.None));

        Assert.False(File.Exists(utilization));
        Assert.True(File.Exists(billing));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_store.Get<FinOps.Domain.FinOpsPaths>().ImportsDirectory, "utilization"), "*-utilization.csv", SearchOption.AllDirectories));
        Assert.Equal([new UtilizationImported("utilization.csv", 1)], notifications);
        var summary = await _store.Get<UtilizationStatistics>().SummarizeAsync(["i-1"], new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 2), CancellationToken.None);
        Assert.Equal(5, summary["i-1"].Cpu!.Average);
    }

    [Fact]
    public async Task ARejectedUtilizationFile_IsMovedAsideWithItsErrors_AndNothingIsStored()
    {
        var path = Drop("bad.csv", "ResourceId,Date,CpuUtilization\ni-1,2024-09-01,5\ni-2,2024-09-xx,5\n");

        Assert.True(await _store.Get<UtilizationInbox>().TryTakeAsync(path, CancellationToken.None));

        var rejected = Path.Combine(Inbox, "rejected", "bad.csv");
        Assert.True(File.Exists(rejected));
        Assert.Contains("line 3, Date '2024-09-xx'", await File.ReadAllTextAsync(rejected + ".errors.txt"), StringComparison.Ordinal);
        await using var db = await _store.NewDbAsync();
        Assert.Equal(0, await db.ResourceUtilization.CountAsync());
    }

    [Fact]
    public async Task ForCostRows_SummarisesTheResourcesOfATableGroupedByResourceId_Only()
    {
        var csv = "ResourceId,Date,CpuUtilization\ni-1,2024-09-01,10\ni-1,2024-09-02,30\ni-2,2024-09-01,50\n";
        Assert.True((await _store.Get<UtilizationCsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None)).Succeeded);
        var statistics = _store.Get<UtilizationStatistics>();
        Assert.True(FinOps.Domain.Costs.CostQuery.TryParse("2024-09-01", "2024-10-01", null, "ServiceName,ResourceId", null, null, out var byResource, out _, out _));
        var rows = new[]
        {
            new FinOps.Domain.Costs.CostRow(new Dictionary<string, string?> { ["ServiceName"] = "EC2", ["ResourceId"] = "i-1" }, null, "USD", 1m),
            new FinOps.Domain.Costs.CostRow(new Dictionary<string, string?> { ["ServiceName"] = "EC2", ["ResourceId"] = null }, null, "USD", 1m),
        };

        var summaries = await statistics.ForCostRowsAsync(byResource, rows, CancellationToken.None);
        Assert.Equal(["i-1"], summaries.Keys);
        Assert.Equal(new MetricSummary(20, 30, 2), summaries["i-1"].Cpu);
        Assert.Empty(await statistics.ForCostRowsAsync(byResource with { GroupBy = [FinOps.Domain.Costs.CostDimension.ForColumn("ServiceName")] }, rows, CancellationToken.None));
    }
}

public sealed class DemoUtilizationTests
{
    [Fact]
    public async Task TheDemosUtilizationFile_IsRecognised_AndImportsEveryRow()
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-demo-utilization", Guid.NewGuid().ToString("N"));
        try
        {
            var files = new FinOps.Domain.Demo.DemoDataGenerator(new FinOps.Domain.Demo.DemoDataOptions(7, 2, 0.05))
                .WriteHistory(directory, new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero));
            var utilization = files.Single(f => f.Kind == FinOps.Domain.Demo.DemoFileKind.Utilization);
            Assert.True(utilization.Rows > 100);
            Assert.True(UtilizationCsvImporter.IsUtilizationFile(utilization.Path));
            Assert.All(files.Where(f => f.Kind == FinOps.Domain.Demo.DemoFileKind.Billing && f.Path.EndsWith(".csv", StringComparison.Ordinal)),
                f => Assert.False(UtilizationCsvImporter.IsUtilizationFile(f.Path)));

            await using var store = await TestStore.CreateAsync();
            var result = await store.Get<UtilizationCsvImporter>().ImportFileAsync(utilization.Path, CancellationToken.None);

            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Take(5)));
            Assert.Equal(utilization.Rows, result.Rows);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
