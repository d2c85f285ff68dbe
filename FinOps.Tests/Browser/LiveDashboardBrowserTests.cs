using System.Globalization;
using System.Net.Http.Headers;
using FinOps.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>An open dashboard updates itself when an import lands and an anomaly is detected: no reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDashboardBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    /// <summary>A new billing account with 35 days of steady usage of one service, and a spike yesterday.</summary>
    private static string SpikeFile(string service)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = new FocusCsv();
        for (var back = 35; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            var month = new DateOnly(day.Year, day.Month, 1);
            var cost = back == 1 ? "2500" : (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "90" : "100");
            csv.Row(("BillingAccountId", "SPIKE-TEST"), ("SubAccountId", "spike-sub"), ("ServiceName", service), ("ServiceCategory", "Compute"),
                ("BilledCost", cost), ("EffectiveCost", cost), ("ListCost", cost), ("ContractedCost", cost),
                ("BillingPeriodStart", Stamp(month)), ("BillingPeriodEnd", Stamp(month.AddMonths(1))),
                ("ChargePeriodStart", Stamp(day)), ("ChargePeriodEnd", Stamp(day.AddDays(1))));
        }

        return csv.ToCsv();
    }

    private static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    [SkippableFact]
    public async Task ImportWithASpike_ThroughTheApi_ShowsTheNewKpiAndTheAlertWithoutAReload()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var page = await app.NewPageAsync();
        await BrowserAppFixture.SignInAsync(page, BrowserAppFixture.AnalystEmail);
        await Expect(page.Locator("[data-testid=kpi-mtd]")).ToBeVisibleAsync();
        var marker = await page.EvaluateAsync<string>("() => (window.__noReload = crypto.randomUUID())");
        var before = await page.Locator("[data-testid=kpi-mtd]").InnerTextAsync();

        var service = "Spike Test Service " + Guid.NewGuid().ToString("N")[..6];
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BrowserAppFixture.BootstrapToken);
        using var form = new MultipartFormDataContent { { new StringContent(SpikeFile(service)), "file", "spike.csv" } };
        using var response = await http.PostAsync(new Uri("/api/v1/imports", UriKind.Relative), form);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        // The KPI moves when the import commits; the alert follows when the detection job has run.
        await Expect(page.Locator("[data-testid=kpi-mtd]")).Not.ToHaveTextAsync(before, new() { Timeout = 30_000 });
        var alert = page.Locator("[data-testid=anomaly]", new() { HasText = service });
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(alert.Locator("[data-testid=kind]")).ToHaveTextAsync("Spike");
        Assert.Equal(marker, await page.EvaluateAsync<string>("() => window.__noReload"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "dashboard-live-spike.png"), FullPage = true });
        output.WriteLine($"KPI before: {before}; after: {await page.Locator("[data-testid=kpi-mtd]").InnerTextAsync()}");
    }
}
