using System.Globalization;
using System.Security.Claims;
using Bunit;
using FinOps.Domain.Administration;
using FinOps.Tests.Components.Pages;
using FinOps.Tests.Support;
using FinOps.Web.Features.CostExplorer;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.CostExplorer;

/// <summary>
/// The Cost Explorer asks for an answer as soon as the analyst changes the question, not a round trip later when the
/// browser confirms the new address; confirmations that arrive late (or for an address already left) load nothing.
/// The browser here confirms only when the test says so.
/// </summary>
public sealed class CostExplorerNavigationTests : PageTestContext
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    private readonly DeferredNavigationManager browser = new();

    public CostExplorerNavigationTests()
    {
        CountingContextFactory.Register(Services);
        Services.AddSingleton<NavigationManager>(browser);
    }

    private CountingContextFactory Store => Services.GetRequiredService<CountingContextFactory>();

    private static string Stamp(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private async Task ImportThreeServicesAsync()
    {
        await InitializeStoreAsync();
        var csv = new FocusCsv();
        for (var i = 1; i <= 3; i++)
        {
            var day = Today.AddDays(-i);
            csv.Row([
                ("ChargePeriodStart", Stamp(day)), ("ChargePeriodEnd", Stamp(day.AddDays(1))),
                ("BillingPeriodStart", Stamp(new DateOnly(day.Year, day.Month, 1))), ("BillingPeriodEnd", Stamp(new DateOnly(day.Year, day.Month, 1).AddMonths(1))),
                ("BilledCost", i.ToString(CultureInfo.InvariantCulture)), ("EffectiveCost", i.ToString(CultureInfo.InvariantCulture)),
                ("ServiceCategory", "Compute"), ("ServiceName", $"Service {i}"), ("BillingCurrency", "USD"),
            ]);
        }

        await ImportAsync(csv.ToCsv());
    }

    [Fact]
    public async Task AChangeShowsItsAnswerBeforeTheBrowserConfirmsTheAddress_AndLateConfirmationsLoadNothing()
    {
        await ImportThreeServicesAsync();
        SignIn("analyst@example.com", Roles.Analyst);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-1"));
        browser.Confirm("http://localhost/explorer?preset=last-30-days&groupBy=ServiceName");
        var start = browser.Uri;
        var cut = Render<CostExplorerPage>();
        string? Shown() => cut.Find(".explorer-body").GetAttribute("data-rendered-url");
        string ChartTitle() => cut.Find("[data-testid='time-chart']").TextContent;
        cut.WaitForAssertion(() => Assert.Equal(start, Shown()));

        // Week, then Month: each answer is on screen although the browser has confirmed neither address yet.
        Store.Reset();
        cut.Find("[data-testid='granularity'] .mud-toggle-item:nth-child(2)").Click();
        cut.WaitForAssertion(() => Assert.Equal(browser.Asked.Single(), Shown()));
        Assert.Contains("Cost per week", ChartTitle(), StringComparison.Ordinal);
        Assert.True(Store.Opened > 0);
        var week = browser.Asked[0];

        cut.Find("[data-testid='granularity'] .mud-toggle-item:nth-child(3)").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, browser.Asked.Count));
        var month = browser.Asked[1];
        cut.WaitForAssertion(() => Assert.Equal(month, Shown()));
        Assert.Contains("Cost per month", ChartTitle(), StringComparison.Ordinal);
        Assert.Equal(start, browser.Uri);

        // The browser confirms the week late, then the month: the page stays on the month and asks for nothing.
        Store.Reset();
        await cut.InvokeAsync(() => browser.Confirm(week));
        await cut.InvokeAsync(() => browser.Confirm(month));
        Assert.Equal(month, Shown());
        Assert.Contains("Cost per month", ChartTitle(), StringComparison.Ordinal);
        Assert.Equal(0, Store.Opened);

        // Back (the browser leads): the first address's answer.
        await cut.InvokeAsync(() => browser.Confirm(start));
        cut.WaitForAssertion(() => Assert.Equal(start, Shown()));
        Assert.Contains("Cost per day", ChartTitle(), StringComparison.Ordinal);
        Assert.True(Store.Opened > 0);
    }

    /// <summary>
    /// A browser that confirms addresses when the test says so, as a real one does a round trip after the server asked:
    /// <see cref="Asked"/> lists what the page asked for; <see cref="Confirm"/> moves to an address and raises LocationChanged.
    /// </summary>
    private sealed class DeferredNavigationManager : NavigationManager
    {
        public DeferredNavigationManager() => Initialize("http://localhost/", "http://localhost/");

        public List<string> Asked { get; } = [];

        public void Confirm(string absoluteUri)
        {
            Uri = absoluteUri;
            NotifyLocationChanged(isInterceptedLink: false);
        }

        protected override void NavigateToCore(string uri, NavigationOptions options) => Asked.Add(ToAbsoluteUri(uri).AbsoluteUri);
    }
}
