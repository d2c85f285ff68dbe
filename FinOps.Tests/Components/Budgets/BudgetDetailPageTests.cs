using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Budgets;
using FinOps.Tests.Components.Pages;
using FinOps.Web.Features.Budgets;
using FinOps.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.Budgets;

/// <summary>The budget page (figures, chart through the JS interop, history) and the budgets-at-risk widget on the dashboard.</summary>
public sealed class BudgetDetailPageTests : PageTestContext
{
    private BudgetService Budgets => Services.GetRequiredService<BudgetService>();

    [Fact]
    public async Task Page_ShowsBudgetActualForecast_TheChartWithBandAndBudgetLine_AndTheHistory()
    {
        await InitializeStoreAsync();
        await ImportAsync(BudgetsPageTests.HundredADay());
        var budget = (await Budgets.CreateAsync(BudgetsPageTests.Definition(amount: 3000m), "ana@example.com", CancellationToken.None)).Budget!;
        await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 2800m }, 1, "bo@example.com", CancellationToken.None);
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<BudgetDetailPage>(p => p.Add(x => x.Id, budget.Id));

        Assert.Equal("At risk", cut.Find("[data-testid='health']").TextContent);
        Assert.Contains("2,800.00 USD", cut.Find("[data-testid='kpi-budget']").TextContent, StringComparison.Ordinal);
        Assert.Contains("1,500.00 USD", cut.Find("[data-testid='kpi-actual']").TextContent, StringComparison.Ordinal);
        Assert.Contains("80% interval", cut.Find("[data-testid='kpi-forecast']").TextContent, StringComparison.Ordinal);
        var chart = JSInterop.Invocations.Single(i => i.Identifier == "render").Arguments[1]!.ToString()!;
        Assert.Contains(BudgetChart.ActualSeriesName, chart, StringComparison.Ordinal);
        Assert.Contains(BudgetChart.BandName, chart, StringComparison.Ordinal);
        Assert.Contains("Budget 2,800 USD", chart, StringComparison.Ordinal);
        var history = cut.Find("[data-testid='history']").TextContent;
        Assert.Contains("amount 3000 → 2800", history, StringComparison.Ordinal);
        Assert.Contains("bo@example.com", history, StringComparison.Ordinal);
        Assert.Equal("/explorer?from=2024-10-01&to=2024-11-01&metric=EffectiveCost&granularity=Day&filter=ProviderName%3AAWS",
            cut.Find("[data-testid='explorer-link']").GetAttribute("href"));
        Assert.Contains("September 2024", cut.Find("[data-testid='past-periods']").TextContent, StringComparison.Ordinal);
        Assert.Contains("November 2024", cut.Find("[data-testid='next-months']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='edit-budget']"));
    }

    [Fact]
    public async Task Page_UpdatesLive_WhenTheBudgetChanges()
    {
        await InitializeStoreAsync();
        await ImportAsync(BudgetsPageTests.HundredADay());
        var budget = (await Budgets.CreateAsync(BudgetsPageTests.Definition(amount: 3000m), "ana@example.com", CancellationToken.None)).Budget!;
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<BudgetDetailPage>(p => p.Add(x => x.Id, budget.Id));
        Assert.Equal("At risk", cut.Find("[data-testid='health']").TextContent);

        await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 1000m }, 1, "bo@example.com", CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Equal("Over", cut.Find("[data-testid='health']").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dashboard_ShowsTheBudgetsAtRisk_RiskiestFirst()
    {
        await InitializeStoreAsync();
        await ImportAsync(BudgetsPageTests.HundredADay());
        await Budgets.CreateAsync(BudgetsPageTests.Definition("Roomy", 100000m), "ana@example.com", CancellationToken.None);
        await Budgets.CreateAsync(BudgetsPageTests.Definition("Tight", 1000m), "ana@example.com", CancellationToken.None);
        await Budgets.CreateAsync(BudgetsPageTests.Definition("Close", 3000m), "ana@example.com", CancellationToken.None);
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<DashboardPage>();

        Assert.Equal("2 of 3", cut.Find("[data-testid='at-risk-count']").TextContent);
        var rows = cut.FindAll("[data-testid='budgets-at-risk-list'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.StartsWith("Tight", rows[0].Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Close", rows[1].Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Roomy", rows[2].Trim(), StringComparison.Ordinal);
    }
}
