using FinOps.Domain.Anomalies;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Features.Dashboard;

namespace FinOps.Tests.Web;

public sealed class TrendChartTests
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    private static CostRow Row(string provider, DateOnly day, decimal cost) =>
        new(new Dictionary<string, string?> { ["ProviderName"] = provider }, day, "USD", cost);

    private static CurrencyDashboard Dashboard(params CostRow[] daily) =>
        new("USD", daily, new MonthForecast(new DateOnly(2024, 10, 1), 0m,
            [.. Enumerable.Range(15, 17).Select(d => new ForecastDay(new DateOnly(2024, 10, d), 7m))]), [], [], []);

    private static Anomaly AnomalyOn(DateOnly day, decimal impact, string service, AnomalyStatus status = AnomalyStatus.Open, string currency = "USD") => new()
    {
        SeriesId = service,
        Level = SeriesLevel.Service,
        ServiceName = service,
        Currency = currency,
        Date = day,
        Impact = impact,
        Method = "test",
        Parameters = "{}",
        Status = status,
    };

    [Fact]
    public void ActualsAndForecast_AreStackedBars_SoTheForecastContinuesWithoutADrop()
    {
        var options = TrendChart.Build(Dashboard(Row("AWS", Today.AddDays(-1), 10m), Row("Microsoft", Today.AddDays(-1), 5m)), Today, "USD");

        Assert.Equal(ChartKind.Bar, options.Kind);
        Assert.True(options.Stacked);
        Assert.Equal(["AWS", "Microsoft", TrendChart.ForecastSeriesName], options.Series.Select(s => s.Name));
        var aws = options.Series[0];
        Assert.Equal(CostOverviewService.TrendDays - 1, aws.Points.Count); // the complete days, today excluded
        Assert.Equal(10m, aws.Points[^1].Y);
        Assert.Equal(0m, aws.Points[0].Y); // zero-filled where the provider had no cost
        var forecast = options.Series[^1];
        Assert.Equal(Today, forecast.Points[0].X.Date);
        Assert.Equal(new DateOnly(2024, 10, 31), forecast.Points[^1].X.Date);
    }

    [Fact]
    public void OpenAnomalies_AreMarkedOnTopOfTheirDaysBar_ResolvedOnesAndOtherCurrenciesAreNot()
    {
        var day = Today.AddDays(-3);
        var options = TrendChart.Build(
            Dashboard(Row("AWS", day, 1200m), Row("Microsoft", day, 300m)), Today, "USD",
            anomalies:
            [
                AnomalyOn(day, 900m, "Amazon EC2"),
                AnomalyOn(day, -40m, "Amazon S3", AnomalyStatus.Acknowledged),
                AnomalyOn(day.AddDays(-1), 500m, "Old", AnomalyStatus.Resolved),
                AnomalyOn(day.AddDays(-2), 500m, "Euro", currency: "EUR"),
            ]);

        var marker = Assert.Single(options.PointMarkers);
        Assert.Equal(day, marker.X.Date);
        Assert.Equal(1500m, marker.Y);
        Assert.Equal("Amazon EC2 +900 (+1 more)", marker.Label);
    }

    [Theory]
    [InlineData(TrendGrouping.Provider, "AWS", "/explorer?from=2024-10-03&to=2024-10-04&metric=EffectiveCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD&filter=ProviderName%3AAWS")]
    [InlineData(TrendGrouping.Category, "Compute", "/explorer?from=2024-10-03&to=2024-10-04&metric=EffectiveCost&groupBy=ServiceName&granularity=Day&filter=BillingCurrency%3AUSD&filter=ServiceCategory%3ACompute")]
    [InlineData(TrendGrouping.Provider, TrendChart.ForecastSeriesName, "/explorer?from=2024-10-01&to=2024-11-01&metric=EffectiveCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD")]
    public void ABarClick_DrillsIntoThatDayAndGroup(TrendGrouping grouping, string series, string expected)
    {
        var click = new ChartPointClick(series, 0, 0, new DateOnly(2024, 10, 3), 1m);

        Assert.Equal(expected, TrendChart.DrillLink(click, Today, CostMetric.EffectiveCost, grouping, "USD"));
    }

    [Fact]
    public void ACategoryClick_IsNotADrill() =>
        Assert.Null(TrendChart.DrillLink(new ChartPointClick("AWS", 0, 0, "Compute", 1m), Today, CostMetric.BilledCost, TrendGrouping.Provider, "USD"));
}

public sealed class ExplorerLinkTests
{
    [Fact]
    public void TheLink_ParsesBackIntoTheSameCostQuery()
    {
        string link = new ExplorerLink(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), CostMetric.ListCost)
            .Where("ServiceName", "A&B = C?")
            .WhereTag("cost center", null)
            .GroupedBy("ServiceName", "Tag:team")
            .Comparing();

        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        Assert.True(CostQuery.TryParse(query["from"], query["to"], query["metric"], query["groupBy"], query["granularity"], query.GetValues("filter"),
            out var parsed, out var parameter, out var error), $"{parameter}: {error}");
        Assert.Equal(new DateOnly(2024, 1, 1), parsed.From);
        Assert.Equal(new DateOnly(2024, 2, 1), parsed.To);
        Assert.Equal(CostMetric.ListCost, parsed.Metric);
        Assert.Equal(["ServiceName", "Tag:team"], parsed.GroupBy.Select(g => g.Name));
        Assert.Equal(Granularity.Day, parsed.Granularity);
        Assert.Equal(2, parsed.Filters.Count);
        Assert.Equal("A&B = C?", Assert.Single(parsed.Filters.Single(f => f.Dimension.Name == "ServiceName").Values));
        Assert.True(string.IsNullOrEmpty(Assert.Single(parsed.Filters.Single(f => f.Dimension.IsTag).Values)));
        Assert.Equal("true", query["compare"]);
    }
}
