using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;
using FinOps.Tests.Components.Pages;
using FinOps.Tests.Support;
using FinOps.Web.Features.Budgets;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Tests.Components.Budgets;

/// <summary>
/// The budgets grid (in-place editing, conflicts, roles) and the budget dialog (validation, scope preview), on the real
/// services and a real store. The fake clock stands at 2024-10-15 12:00 UTC.
/// </summary>
public sealed class BudgetsPageTests : PageTestContext
{
    private BudgetService Budgets => Services.GetRequiredService<BudgetService>();

    internal static BudgetDefinition Definition(string name = "Platform", decimal amount = 3000m) =>
        new(name, "ana@example.com", ["ProviderName:AWS"], CostMetric.EffectiveCost, "USD", BudgetPeriodType.Monthly, amount, [],
            BudgetDefinition.DefaultThresholds, new DateOnly(2024, 1, 1), null);

    private async Task<Budget> CreateAsync(BudgetDefinition definition) =>
        (await Budgets.CreateAsync(definition, "ana@example.com", CancellationToken.None)).Budget!;

    /// <summary>100.00 a day of AWS from 1 September to 15 October 2024: 1,500 so far in October, about 3,100 forecast.</summary>
    internal static string HundredADay()
    {
        var csv = new FocusCsv();
        for (var day = new DateOnly(2024, 9, 1); day <= new DateOnly(2024, 10, 15); day = day.AddDays(1))
        {
            var month = new DateOnly(day.Year, day.Month, 1);
            csv.Row(("ChargePeriodStart", Iso(day)), ("ChargePeriodEnd", Iso(day.AddDays(1))), ("BillingPeriodStart", Iso(month)),
                ("BillingPeriodEnd", Iso(month.AddMonths(1))), ("BilledCost", "100"), ("EffectiveCost", "100"));
        }

        return csv.ToCsv();

        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z";
    }

    private static void ChangeInput(IRenderedComponent<BudgetsPage> cut, string column, string value) =>
        cut.Find($"[data-testid='budgets-grid'] td[data-label='{column}'] input").Change(value);

    [Fact]
    public async Task InlineEdit_Amount_IsSavedAtOnce_AndTheStatusFollows()
    {
        await InitializeStoreAsync();
        await ImportAsync(HundredADay());
        var budget = await CreateAsync(Definition(amount: 3000m));
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<BudgetsPage>();
        Assert.Equal("At risk", cut.Find("[data-testid='health']").TextContent);

        ChangeInput(cut, "Amount per period", "5000");

        cut.WaitForAssertion(() => Assert.Equal("On track", cut.Find("[data-testid='health']").TextContent));
        var stored = await Budgets.GetAsync(budget.Id, CancellationToken.None);
        Assert.Equal((5000m, 2, "analyst@example.com"), (stored!.Amount, stored.Version, stored.UpdatedBy));
        Assert.Contains("of 5,000.00 USD", cut.Find("[data-testid='budgets-grid']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineEdit_OwnerAndThresholds_AreSaved_AndBadThresholdsAreRefusedWithAMessage()
    {
        await InitializeStoreAsync();
        var budget = await CreateAsync(Definition());
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<BudgetsPage>();

        cut.Find("[data-testid='thresholds-input']").Change("actual 90; forecast 110");
        cut.WaitForAssertion(() => Assert.Equal(2, Budgets.GetAsync(budget.Id, CancellationToken.None).Result!.Version));
        ChangeInput(cut, "Owner", "bo@example.com");
        cut.WaitForAssertion(() => Assert.Equal(3, Budgets.GetAsync(budget.Id, CancellationToken.None).Result!.Version));
        cut.Find("[data-testid='thresholds-input']").Change("actual ninety");

        cut.WaitForAssertion(() => Assert.Contains("'actual ninety' is not a threshold", cut.Find("[data-testid='grid-error']").TextContent, StringComparison.Ordinal));
        var stored = await Budgets.GetAsync(budget.Id, CancellationToken.None);
        Assert.Equal("bo@example.com", stored!.Owner);
        Assert.Equal([new BudgetThreshold(ThresholdBasis.Actual, 90), new BudgetThreshold(ThresholdBasis.Forecast, 110)], stored.Thresholds);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task InlineEdit_AfterSomeoneElseSaved_ShowsTheConflict_KeepsTheirChange_AndReloads()
    {
        await InitializeStoreAsync();
        var budget = await CreateAsync(Definition(amount: 3000m));
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<BudgetsPage>();
        await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 4000m }, budget.Version, "bo@example.com", CancellationToken.None);

        ChangeInput(cut, "Amount per period", "5000");

        cut.WaitForAssertion(() =>
        {
            var conflict = cut.Find("[data-testid='conflict']").TextContent;
            Assert.Contains("bo@example.com changed budget \"Platform\"", conflict, StringComparison.Ordinal);
            Assert.Contains("your change was not saved", conflict, StringComparison.Ordinal);
            Assert.Contains("reloaded with their values", conflict, StringComparison.Ordinal);
        });
        var stored = await Budgets.GetAsync(budget.Id, CancellationToken.None);
        Assert.Equal((4000m, 2), (stored!.Amount, stored.Version));
        Assert.Equal("4,000.00", cut.Find("td[data-label='Amount per period'] input").GetAttribute("value"));
    }

    [Fact]
    public async Task Viewer_SeesBudgets_WithoutEditors()
    {
        await InitializeStoreAsync();
        await CreateAsync(Definition());
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<BudgetsPage>();

        Assert.Equal("Platform", cut.Find("[data-testid='budget-link']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='budgets-grid'] input"));
        Assert.Empty(cut.FindAll("[data-testid='new-budget']"));
        Assert.Empty(cut.FindAll("[data-testid='delete-budget']"));
    }

    [Fact]
    public async Task Dialog_ShowsAMessageForEachBadField_AndSavesNothing()
    {
        await InitializeStoreAsync();
        SignIn("analyst@example.com", Roles.Analyst);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BudgetsPage>();

        cut.Find("[data-testid='new-budget']").Click();
        dialogs.WaitForElement("[data-testid='save']");
        dialogs.Find("input[data-testid='currency']").Change("dollars");
        dialogs.Find("input[data-testid='thresholds']").Change("actual 80, 80");
        dialogs.Find("[data-testid='save']").Click();

        dialogs.WaitForAssertion(() =>
        {
            var text = dialogs.Markup;
            Assert.Contains("A budget needs a name.", text, StringComparison.Ordinal);
            Assert.Contains("A budget needs an owner", text, StringComparison.Ordinal);
            Assert.Contains("Enter the amount per period.", text, StringComparison.Ordinal);
            Assert.Contains("not 'dollars'", text, StringComparison.Ordinal);
            Assert.Contains("actual 80% appears twice", text, StringComparison.Ordinal);
        });
        Assert.Empty(await Budgets.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dialog_ScopeShowsTheSpendItMatches_WhileTyping_AndSavesAValidBudget()
    {
        await InitializeStoreAsync();
        await ImportAsync(HundredADay());
        SignIn("analyst@example.com", Roles.Analyst);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<BudgetsPage>();
        cut.Find("[data-testid='new-budget']").Click();
        dialogs.WaitForElement("[data-testid='save']");

        dialogs.Find("textarea[data-testid='scope']").Input("Provider:AWS");
        Time.Advance(TimeSpan.FromSeconds(1)); // the field's debounce runs on the app's (fake) clock
        dialogs.WaitForAssertion(() => Assert.Contains("Scope: filter 'Provider:AWS': 'Provider' is not a FOCUS column", dialogs.Markup, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        dialogs.Find("textarea[data-testid='scope']").Input("ProviderName:AWS");
        Time.Advance(TimeSpan.FromSeconds(1));
        dialogs.WaitForAssertion(() => Assert.Contains("Matches 3,000.00 USD (amortized) in the last 30 days.", dialogs.Find("[data-testid='scope-preview']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        dialogs.Find("input[data-testid='name']").Change("AWS");
        dialogs.Find("input[data-testid='owner']").Change("platform team");
        dialogs.Find("input[data-testid='amount']").Change("2500");
        dialogs.Find("[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Equal("AWS", cut.Find("[data-testid='budget-link']").TextContent));
        var saved = Assert.Single(await Budgets.ListAsync(CancellationToken.None));
        Assert.Equal(["ProviderName:AWS"], saved.Scope);
        Assert.Equal((2500m, "platform team", new DateOnly(2024, 10, 1)), (saved.Amount, saved.Owner, saved.StartDate));
        Assert.Equal("At risk", cut.Find("[data-testid='health']").TextContent); // 1,500 spent, about 3,100 forecast
    }

    [Fact]
    public async Task InlineEdit_TwoEditsInARow_AreBothSaved()
    {
        await InitializeStoreAsync();
        var budget = await CreateAsync(Definition());
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<BudgetsPage>();

        ChangeInput(cut, "Owner", "bo@example.com");
        cut.WaitForAssertion(() => Assert.Equal(2, Budgets.GetAsync(budget.Id, CancellationToken.None).Result!.Version));
        cut.Find("[data-testid='thresholds-input']").Change("actual 90");

        cut.WaitForAssertion(() => Assert.Equal(3, Budgets.GetAsync(budget.Id, CancellationToken.None).Result!.Version));
    }
}
