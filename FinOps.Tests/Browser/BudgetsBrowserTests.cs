using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FinOps.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Tests.Browser;

/// <summary>A person edits a budget's amount in the grid; the status changes there and, live, on the open budget page and its chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BudgetsBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>A billing account of its own with about 100 a day (80 at weekends, a fixed wobble) for the last 60 days and today.</summary>
    private static string DailyFile(string account)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = new FocusCsv();
        for (var back = 60; back >= 0; back--)
        {
            var day = today.AddDays(-back);
            var month = new DateOnly(day.Year, day.Month, 1);
            var wobble = back * back % 11 - 5;
            var cost = ((day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 80 : 100) + wobble).ToString(CultureInfo.InvariantCulture);
            csv.Row(("BillingAccountId", account), ("BilledCost", cost), ("EffectiveCost", cost), ("ListCost", cost), ("ContractedCost", cost),
                ("BillingPeriodStart", Stamp(month)), ("BillingPeriodEnd", Stamp(month.AddMonths(1))),
                ("ChargePeriodStart", Stamp(day)), ("ChargePeriodEnd", Stamp(day.AddDays(1))));
        }

        return csv.ToCsv();
    }

    private async Task<long> PrepareBudgetAsync(string name, string account)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BrowserAppFixture.BootstrapToken);
        using (var form = new MultipartFormDataContent { { new StringContent(DailyFile(account)), "file", "budget-test.csv" } })
        {
            using var upload = await http.PostAsync(new Uri("/api/v1/imports", UriKind.Relative), form);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, upload.StatusCode);
            var importId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            string? status = null;
            while (DateTime.UtcNow < deadline && status is not ("Succeeded" or "Failed" or "Duplicate"))
            {
                await Task.Delay(250);
                status = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{importId}")).GetProperty("status").GetString();
            }

            Assert.Equal("Succeeded", status);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var create = await http.PostAsJsonAsync("/api/v1/budgets", new
        {
            name,
            owner = "platform team",
            scope = new[] { $"BillingAccountId:{account}" },
            currency = "USD",
            periodType = "Monthly",
            amount = 1_000_000m,
            startDate = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var body = await create.Content.ReadAsStringAsync();
        Assert.True(create.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    [SkippableFact]
    public async Task InlineAmountEdit_ChangesTheStatus_InTheGrid_AndLiveOnTheBudgetPageAndChart()
    {
        Skip.If(app.SkipReason is not null, app.SkipReason);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = "Budget test " + suffix;
        var id = await PrepareBudgetAsync(name, "BUDGET-TEST-" + suffix);

        var budgetPage = await app.NewSignedInPageAsync(BrowserAppFixture.AnalystEmail, 1600, 1100);
        await budgetPage.GotoAsync($"/budgets/{id}");
        await budgetPage.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        await Expect(budgetPage.Locator("[data-testid=health]")).ToHaveTextAsync("On track");
        await Expect(budgetPage.Locator(".apexcharts-canvas")).ToBeVisibleAsync();
        await Expect(budgetPage.Locator(".apexcharts-canvas")).ToContainTextAsync("Budget 1,000,000 USD");

        var grid = await budgetPage.Context.NewPageAsync();
        await grid.GotoAsync("/budgets");
        await grid.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        var row = grid.Locator("[data-testid=budgets-grid] tr", new() { Has = grid.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await Expect(row.Locator("[data-testid=health]")).ToHaveTextAsync("On track");
        var amount = row.Locator("td[data-label='Amount per period'] input");
        await amount.FillAsync("100");
        await amount.PressAsync("Tab");

        await Expect(row.Locator("[data-testid=health]")).ToHaveTextAsync("Over", new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("of 100.00 USD");
        await grid.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "budgets-grid.png"), FullPage = true });

        // The budget page, open all along, follows without a reload: status, KPI and the chart's budget line.
        await Expect(budgetPage.Locator("[data-testid=health]")).ToHaveTextAsync("Over", new() { Timeout = 15_000 });
        await Expect(budgetPage.Locator("[data-testid=kpi-budget]")).ToContainTextAsync("100.00 USD");
        await Expect(budgetPage.Locator(".apexcharts-canvas")).ToContainTextAsync("Budget 100 USD", new() { Timeout = 15_000 });
        await Expect(budgetPage.Locator("[data-testid=history]")).ToContainTextAsync("amount 1000000 → 100");
        await budgetPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "budget-page.png"), FullPage = true });
        await budgetPage.ReloadAsync();
        await budgetPage.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        await Expect(budgetPage.Locator(".apexcharts-canvas")).ToContainTextAsync("Budget 100 USD");
        await budgetPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, "budget-page-reloaded.png"), FullPage = true });
        output.WriteLine($"budget {id}: {await budgetPage.Locator("[data-testid=kpi-forecast]").InnerTextAsync()}");
    }
}
