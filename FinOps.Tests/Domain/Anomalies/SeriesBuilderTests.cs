using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Anomalies;

public sealed class SeriesBuilderTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static (string, string?)[] Row(int day, string cost, string service = "Amazon Elastic Compute Cloud", string currency = "USD",
        string category = "Usage", string? team = "core") =>
    [
        .. FocusCsv.Day(day), ("ServiceName", service), ("BillingCurrency", currency), ("ChargeCategory", category),
        ("BilledCost", cost), ("EffectiveCost", cost), ("Tags", team is null ? "" : $"{{\"team\": \"{team}\"}}"),
    ];

    [Fact]
    public async Task Build_DailyUsageSeriesPerServiceAndCurrency_MissingDaysAreZeroFromTheFirstDay()
    {
        var csv = new FocusCsv()
            .Row(Row(1, "1.25")).Row(Row(1, "2.25", team: null)).Row(Row(2, "2")).Row(Row(4, "4.000000001"))
            .Row(Row(2, "100", category: "Tax"))
            .Row(Row(3, "7", service: "AWS Lambda", team: "data"))
            .Row(Row(2, "9", currency: "EUR"));
        Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);
        var builder = new SeriesBuilder(_store.Costs);

        var series = await builder.BuildAsync(new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 6), SeriesLevel.Service);

        var ec2 = series.Single(s => s.Key == SeriesKey.ForService("AWS", "A1", "S1", "Amazon Elastic Compute Cloud", "USD"));
        Assert.Equal(new DateOnly(2024, 9, 1), ec2.Start);
        Assert.Equal([3.5m, 2m, 0m, 4.000000001m, 0m], ec2.Costs);
        var lambda = series.Single(s => s.Key.ServiceName == "AWS Lambda");
        Assert.Equal(new DateOnly(2024, 9, 3), lambda.Start);
        Assert.Equal([7m, 0m, 0m], lambda.Costs);
        var euro = series.Single(s => s.Key.Currency == "EUR");
        Assert.Equal([9m, 0m, 0m, 0m], euro.Costs);
        Assert.Equal(3, series.Count);
    }

    [Fact]
    public async Task Build_TeamLevel_OneSeriesPerTeamTagValueAndCurrency()
    {
        var csv = new FocusCsv()
            .Row(Row(1, "1")).Row(Row(1, "2", service: "AWS Lambda")).Row(Row(2, "5", team: "data")).Row(Row(2, "3", team: null));
        Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);

        var series = await new SeriesBuilder(_store.Costs).BuildAsync(new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 3), SeriesLevel.Team);

        Assert.Equal([3m, 0m], series.Single(s => s.Key == SeriesKey.ForTeam("core", "USD")).Costs);
        Assert.Equal([5m], series.Single(s => s.Key == SeriesKey.ForTeam("data", "USD")).Costs);
        Assert.Equal([3m], series.Single(s => s.Key == SeriesKey.ForTeam(null, "USD")).Costs);
    }
}
