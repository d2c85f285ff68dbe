using System.Globalization;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs;

public sealed class DashboardServiceTests : IAsyncLifetime
{
    // The store's clock stands at Tuesday 2024-10-15 12:00 UTC.
    private static readonly DateOnly Today = new(2024, 10, 15);

    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>2.00 a day from 2024-09-16 to 2024-10-15; Mondays in the 28 days before today cost 10, 20, 30, 41; a huge Monday just outside.</summary>
    private static Dictionary<DateOnly, decimal> WeeklyRhythm()
    {
        var daily = new Dictionary<DateOnly, decimal>();
        for (var day = new DateOnly(2024, 9, 17); day < Today; day = day.AddDays(1))
        {
            daily[day] = 2.00m;
        }

        daily[new DateOnly(2024, 9, 16)] = 1000m; // Monday, 29 days back: outside the four weeks
        daily[new DateOnly(2024, 9, 23)] = 10m;
        daily[new DateOnly(2024, 9, 30)] = 20m;
        daily[new DateOnly(2024, 10, 7)] = 30m;
        daily[new DateOnly(2024, 10, 14)] = 41m;
        daily[Today] = 999m; // today is incomplete: neither actual nor a basis
        return daily;
    }

    [Fact]
    public void Forecast_EachRemainingDayIsTheAverageOfTheSameWeekdayOverTheLastFourWeeks()
    {
        var forecast = SameWeekdayForecast.Project(WeeklyRhythm(), Today);

        Assert.Equal(new DateOnly(2024, 10, 1), forecast.Month);
        Assert.Equal(Enumerable.Range(15, 17).Select(d => new DateOnly(2024, 10, d)), forecast.Days.Select(d => d.Day));
        Assert.Equal(25.25m, forecast.Days.Single(d => d.Day == new DateOnly(2024, 10, 21)).Cost); // (10 + 20 + 30 + 41) / 4
        Assert.Equal(25.25m, forecast.Days.Single(d => d.Day == new DateOnly(2024, 10, 28)).Cost);
        Assert.Equal(2.00m, forecast.Days.Single(d => d.Day == Today).Cost);
        Assert.All(forecast.Days.Where(d => d.Day.DayOfWeek != DayOfWeek.Monday), d => Assert.Equal(2.00m, d.Cost));
    }

    [Fact]
    public void Forecast_MonthEndIsTheCompleteDaysActualPlusTheForecastDays()
    {
        var forecast = SameWeekdayForecast.Project(WeeklyRhythm(), Today);

        // 1-14 October: Mondays 7th (30) and 14th (41), twelve other days at 2.00 = 95; today's 999 is not counted.
        Assert.Equal(95.00m, forecast.ActualCompleteDays);
        // 15-31 October: Mondays 21st and 28th at 25.25, fifteen other days at 2.00 = 80.50.
        Assert.Equal(175.50m, forecast.MonthEnd);
    }

    [Fact]
    public void Forecast_DaysWithoutDataCountAsZero()
    {
        var forecast = SameWeekdayForecast.Project(new Dictionary<DateOnly, decimal> { [new DateOnly(2024, 10, 14)] = 8m }, Today);

        Assert.Equal(2m, forecast.Days.Single(d => d.Day == new DateOnly(2024, 10, 21)).Cost); // 8 / 4 Mondays
        Assert.Equal(0m, forecast.Days.Single(d => d.Day == Today).Cost);
        Assert.Equal(8m + 2m + 2m, forecast.MonthEnd);
    }

    [Fact]
    public void Spenders_CarryShareAndChangeAgainstThePreviousPeriod()
    {
        var current = new Dictionary<string, decimal> { ["web"] = 60.30m, ["data"] = 29.70m, [""] = 10m };
        var previous = new Dictionary<string, decimal> { ["web"] = 40.20m, ["gone"] = 5m, [""] = 12.5m };

        var top = SpenderComparison.Top(current, previous, 100m, take: 10);

        Assert.Equal(["web", "data", null], top.Select(s => s.Name));
        var web = top[0];
        Assert.Equal(0.603m, web.Share);
        Assert.Equal(40.20m, web.PreviousCost);
        Assert.Equal(20.10m, web.Change);
        Assert.Equal(0.5m, web.ChangeRatio);
        Assert.Null(top[1].ChangeRatio); // nothing to compare with
        Assert.Equal(29.70m, top[1].Change);
        Assert.Equal(-2.5m, top[2].Change);
        Assert.Equal(-0.2m, top[2].ChangeRatio);
    }

    [Fact]
    public void Spenders_KeepOnlyTheLargest()
    {
        var current = new Dictionary<string, decimal> { ["a"] = 1m, ["b"] = 3m, ["c"] = 2m };

        var top = SpenderComparison.Top(current, new Dictionary<string, decimal>(), 6m, take: 2);

        Assert.Equal(["b", "c"], top.Select(s => s.Name));
    }

    [Fact]
    public async Task Dashboard_TopTeamsAndForecast_ComeFromTheQueryEngineInTheChosenMetric()
    {
        static (string, string?)[] On(DateOnly day) =>
        [
            ("ChargePeriodStart", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
            ("ChargePeriodEnd", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
            ("BillingPeriodStart", new DateOnly(day.Year, day.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
            ("BillingPeriodEnd", new DateOnly(day.Year, day.Month, 1).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z"),
        ];
        var csv = new FocusCsv()
            // last 30 days (2024-09-16 .. 2024-10-15)
            .Row([.. On(new DateOnly(2024, 10, 14)), ("BilledCost", "90"), ("EffectiveCost", "80"), ("Tags", "{\"team\": \"web\"}"), ("ServiceCategory", "Compute")])
            .Row([.. On(new DateOnly(2024, 10, 1)), ("BilledCost", "30"), ("EffectiveCost", "20"), ("Tags", "{\"team\": \"data\"}"), ("ServiceCategory", "Storage")])
            // the 30 days before (2024-08-17 .. 2024-09-15)
            .Row([.. On(new DateOnly(2024, 9, 15)), ("BilledCost", "70"), ("EffectiveCost", "64"), ("Tags", "{\"team\": \"web\"}")])
            .Row([.. On(new DateOnly(2024, 8, 16)), ("BilledCost", "500"), ("EffectiveCost", "500"), ("Tags", "{\"team\": \"data\"}")]); // 61 days back: in neither
        Assert.Equal(ImportStatus.Succeeded, (await _store.ImportAsync(csv.ToCsv())).Status);

        var dashboard = await _store.Get<DashboardService>().GetAsync(CostMetric.EffectiveCost, TrendGrouping.Category, "team", CancellationToken.None);

        var usd = Assert.Single(dashboard.Currencies);
        Assert.Equal(Today, dashboard.Today);
        var web = usd.TopTeams[0];
        Assert.Equal(("web", 80m, 0.8m, 64m, 16m, 0.25m), (web.Name, web.Cost, web.Share, web.PreviousCost, web.Change, web.ChangeRatio));
        var data = usd.TopTeams[1];
        Assert.Equal(("data", 20m, 0m, (decimal?)null), (data.Name, data.Cost, data.PreviousCost, data.ChangeRatio));
        Assert.Equal(["Compute", "Storage"], usd.Daily.Select(r => r.Keys["ServiceCategory"]).Distinct().Order());
        // Complete October days: 80 + 20. Forecast: Mondays 21st and 28th at 80 / 4 (Monday the 14th),
        // Tuesdays 15th, 22nd and 29th at 20 / 4 (Tuesday the 1st), other days zero.
        Assert.Equal(100m, usd.Forecast.ActualCompleteDays);
        Assert.Equal(100m + 40m + 15m, usd.Forecast.MonthEnd);
    }
}
