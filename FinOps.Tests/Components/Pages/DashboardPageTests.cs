using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Tests.Support;
using FinOps.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.Pages;

public sealed class DashboardPageTests : PageTestContext
{
    // The fake clock stands at 2024-10-15 12:00 UTC: month to date is 1-15 October, the same days of September 1-15.
    private static (string, string?)[] On(string date) =>
    [
        ("ChargePeriodStart", date + "T00:00:00Z"),
        ("ChargePeriodEnd", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z"),
        ("BillingPeriodStart", date[..8] + "01T00:00:00Z"),
        ("BillingPeriodEnd", DateOnly.Parse(date[..8] + "01", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z"),
    ];

    [Fact]
    public async Task Kpis_ShowMonthToDateAgainstTheSameDaysOfLastMonth_AndSavings()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-03"), ("BilledCost", "150"), ("EffectiveCost", "140"), ("ListCost", "200")])
            .Row([.. On("2024-09-03"), ("BilledCost", "100"), ("EffectiveCost", "100"), ("ListCost", "100")])
            .Row([.. On("2024-09-20"), ("BilledCost", "999"), ("EffectiveCost", "999"), ("ListCost", "999")]) // in the last 30 days, not in the same days
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        var mtd = cut.Find("[data-testid='kpi-mtd']").TextContent;
        Assert.Contains("150.00 USD", mtd);
        Assert.Contains("+50.0", mtd);
        Assert.Contains("100.00 USD", mtd);
        Assert.Contains("1,149.00 USD", cut.Find("[data-testid='kpi-30d']").TextContent);
        // Savings in the last 30 days: list - effective = (200 - 140) + (999 - 999) = 60
        Assert.Contains("60.00 USD", cut.Find("[data-testid='kpi-savings']").TextContent);
    }

    [Fact]
    public async Task Trend_IsDrawnThroughTheChartWrapper_WithOneSeriesPerProvider()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-03"), ("BilledCost", "10")])
            .Row([.. On("2024-10-04"), ("BilledCost", "20"), ("ProviderName", "Microsoft"), ("BillingAccountId", "M1")])
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        var render = JSInterop.Invocations.Single(i => i.Identifier == "render");
        var json = render.Arguments[1]!.ToString()!;
        Assert.Contains("\"AWS\"", json);
        Assert.Contains("\"Microsoft\"", json);
        Assert.NotNull(cut.Find("[data-testid='top-services']"));
    }

    [Fact]
    public async Task NewData_RerendersTheKpisWithoutAReload()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<DashboardPage>();
        Assert.NotNull(cut.Find("[data-testid='no-data']"));
        Assert.True(Services.GetRequiredService<Notifier<CostDataChanged>>().SubscriberCount > 0);

        await ImportAsync(new FocusCsv().Row([.. On("2024-10-05"), ("BilledCost", "42")]).ToCsv());

        cut.WaitForAssertion(() => Assert.Contains("42.00 USD", cut.Find("[data-testid='kpi-mtd']").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Amounts_FollowTheCurrencyFormatOfTheApplicationSettings()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv().Row([.. On("2024-10-03"), ("BilledCost", "1234.56")]).ToCsv());
        await Services.GetRequiredService<ApplicationSettingsService>().SaveAsync(new ApplicationSettings { CurrencyFormat = "N0" }, "test", CancellationToken.None);
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        Assert.Contains("1,235 USD", cut.Find("[data-testid='kpi-mtd']").TextContent);
    }
    [Fact]
    public async Task TrendToggle_FromProviderToCategory_RedrawsTheChartWithOneSeriesPerCategory_AndKeepsTheForecast()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-03"), ("BilledCost", "10"), ("ServiceCategory", "Compute")])
            .Row([.. On("2024-10-04"), ("BilledCost", "20"), ("ServiceCategory", "Storage"), ("ProviderName", "Microsoft"), ("BillingAccountId", "M1")])
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<DashboardPage>();
        var rendered = SeriesNames(JSInterop.Invocations.Single(i => i.Identifier == "render").Arguments[1]!.ToString()!);
        Assert.Equal(["Microsoft", "AWS", "Forecast"], rendered);

        cut.Find("[data-testid='group-category']").Click();

        cut.WaitForAssertion(() =>
        {
            var update = JSInterop.Invocations.Last(i => i.Identifier == "update");
            Assert.Equal(["Storage", "Compute", "Forecast"], SeriesNames(update.Arguments[1]!.ToString()!));
        });
        Assert.EndsWith("?group=category", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
        Assert.Contains("by service category", cut.Markup);
    }

    [Fact]
    public async Task MetricSwitch_ToAmortized_ShowsEffectiveCostInTheKpis()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-03"), ("BilledCost", "150"), ("EffectiveCost", "140"), ("ListCost", "200")])
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<DashboardPage>();
        Assert.Contains("150.00 USD", cut.Find("[data-testid='kpi-mtd']").TextContent);

        cut.Find("[data-testid='metric-amortized']").Click();

        cut.WaitForAssertion(() =>
        {
            var mtd = cut.Find("[data-testid='kpi-mtd']").TextContent;
            Assert.Contains("140.00 USD", mtd);
            Assert.Contains("amortized", mtd);
            Assert.Contains("140.00 USD", cut.Find("[data-testid='kpi-30d']").TextContent);
        });
        Assert.EndsWith("?metric=amortized", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public async Task ForecastKpi_NamesTheMonth_AndAddsTheSameWeekdayAverageToTheCompleteDays()
    {
        await InitializeStoreAsync();
        // Monday 2024-10-14: the remaining Mondays (21st, 28th) are forecast at 40 / 4 = 10 each.
        await ImportAsync(new FocusCsv().Row([.. On("2024-10-14"), ("BilledCost", "40")]).ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        var kpi = cut.Find("[data-testid='kpi-forecast']").TextContent;
        Assert.Contains("Forecast for October", kpi);
        Assert.Contains("60.00 USD", kpi);
    }

    [Fact]
    public async Task TopSpenders_ShowServicesSubAccountsAndTeams_WithTheChangeAgainstThePrevious30Days()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-10"), ("BilledCost", "125"), ("Tags", "{\"team\": \"web\"}"), ("SubAccountId", "prod-1")])
            .Row([.. On("2024-09-10"), ("BilledCost", "100"), ("Tags", "{\"team\": \"web\"}"), ("SubAccountId", "prod-1")])
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        var team = cut.Find("[data-testid='top-tag'] tbody tr").TextContent;
        Assert.Contains("web", team);
        Assert.Contains("125.00 USD", team);
        Assert.Contains("100.0%", team);
        Assert.Contains("+25.00 (+25.0%)", team);
        Assert.Contains("+25.00 (+25.0%)", cut.Find("[data-testid='top-subaccounts'] tbody tr").TextContent);
        Assert.Contains("prod-1", cut.Find("[data-testid='top-subaccounts'] tbody tr").TextContent);
        Assert.Contains("+25.00 (+25.0%)", cut.Find("[data-testid='top-services'] tbody tr").TextContent);
    }

    [Fact]
    public async Task Numbers_LinkIntoTheCostExplorer_WithTheMatchingFiltersAndDates()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv()
            .Row([.. On("2024-10-10"), ("BilledCost", "125"), ("Tags", "{\"team\": \"web & data\"}"), ("SubAccountId", "prod-1"), ("ServiceName", "Amazon EC2")])
            .ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        // Today is 2024-10-15: month to date is [2024-10-01, 2024-10-16), the last 30 days [2024-09-16, 2024-10-16).
        Assert.Equal("/explorer?from=2024-10-01&to=2024-10-16&metric=BilledCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD&compare=true",
            cut.Find("[data-testid='kpi-mtd'] a").GetAttribute("href"));
        Assert.Equal("/explorer?from=2024-09-16&to=2024-10-16&metric=BilledCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD&compare=true",
            cut.Find("[data-testid='kpi-30d'] a").GetAttribute("href"));
        Assert.Equal("/explorer?from=2024-10-01&to=2024-11-01&metric=BilledCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD",
            cut.Find("[data-testid='kpi-forecast'] a").GetAttribute("href"));
        Assert.Contains("metric=ListCost&groupBy=PricingCategory", cut.Find("[data-testid='kpi-savings'] a").GetAttribute("href"));
        Assert.Equal("/explorer?from=2024-09-16&to=2024-10-16&metric=BilledCost&groupBy=ServiceName&granularity=Day&filter=BillingCurrency%3AUSD&filter=Tag%3Ateam%3Dweb%20%26%20data&compare=true",
            cut.Find("[data-testid='top-tag'] tbody tr a").GetAttribute("href"));
        Assert.Contains("filter=SubAccountId%3Aprod-1", cut.Find("[data-testid='top-subaccounts'] tbody tr a").GetAttribute("href"));
        Assert.Contains("filter=ServiceName%3AAmazon%20EC2", cut.Find("[data-testid='top-services'] tbody tr a").GetAttribute("href"));
    }

    [Fact]
    public async Task ClickingABarOfTheTrend_OpensThatDayOfThatProviderInTheCostExplorer()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv().Row([.. On("2024-10-03"), ("BilledCost", "10")]).ToCsv());
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<DashboardPage>();
        var chart = cut.FindComponent<FinOps.Web.Components.Shared.Charts.ApexChart>();

        await cut.InvokeAsync(() => chart.Instance.OnPointClick.InvokeAsync(
            new FinOps.Web.Components.Shared.Charts.ChartPointClick("AWS", 0, 0, new DateOnly(2024, 10, 3), 10m)));

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.EndsWith("/explorer?from=2024-10-03&to=2024-10-04&metric=BilledCost&groupBy=ServiceCategory&granularity=Day&filter=BillingCurrency%3AUSD&filter=ProviderName%3AAWS",
            navigation.Uri, StringComparison.Ordinal);
    }

    private static string[] SeriesNames(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("series").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToArray();
}
