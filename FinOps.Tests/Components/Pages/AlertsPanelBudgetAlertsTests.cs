using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Tests.Components.Pages;

public sealed class AlertsPanelBudgetAlertsTests : PageTestContext
{
    private static AlertMessage BudgetAlert(string key, string title, AlertSeverity severity, decimal amount, DateTimeOffset at) =>
        new(AlertKind.Budget, severity, title, "Spent more than planned.", "/budgets/4", amount, "EUR", at, key);

    [Fact]
    public async Task BudgetAlerts_AreListedNewestFirst_WithSeverityAmountAndLink()
    {
        await InitializeStoreAsync();
        var outbox = Services.GetRequiredService<IAlertOutbox>();
        await outbox.EnqueueAsync(BudgetAlert("b:4:80", "Budget 'Data' reached 80%", AlertSeverity.Warning, 8_000m, Time.GetUtcNow().AddHours(-5)), CancellationToken.None);
        await outbox.EnqueueAsync(BudgetAlert("b:4:100", "Budget 'Data' exceeded", AlertSeverity.Critical, 10_250.5m, Time.GetUtcNow().AddHours(-1)), CancellationToken.None);
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<AlertsPanel>();

        var rows = cut.FindAll("[data-testid='budget-alert']");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Budget 'Data' exceeded", rows[0].QuerySelector("[data-testid='title']")!.TextContent.Trim());
        Assert.Equal("/budgets/4", rows[0].QuerySelector("a[data-testid='title']")!.GetAttribute("href"));
        Assert.Equal("Critical", rows[0].QuerySelector("[data-testid='severity']")!.TextContent.Trim());
        Assert.Equal("10,250.50 EUR", rows[0].QuerySelector("[data-testid='amount']")!.TextContent.Trim());
        Assert.Equal("Warning", rows[1].QuerySelector("[data-testid='severity']")!.TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid='budget-alert-count']").TextContent.Trim());
    }

    [Fact]
    public async Task ABudgetAlertDeliveredInApp_ShowsAToast_AndAppearsInThePanel()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<AlertsPanel>();
        Assert.NotEmpty(cut.FindAll("[data-testid='no-budget-alerts']"));

        await Services.GetRequiredService<IAlertOutbox>().EnqueueAsync(
            BudgetAlert("b:9:100", "Budget 'Web' exceeded", AlertSeverity.Critical, 5_100m, Time.GetUtcNow()), CancellationToken.None);
        await Services.GetRequiredService<AlertDispatcher>().DeliverDueAsync(CancellationToken.None); // the in-app channel publishes it

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='budget-alert']")), TimeSpan.FromSeconds(5));
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Budget 'Web' exceeded (5,100.00 EUR)", toast.Message);
        Assert.Equal(Severity.Error, toast.Severity);
    }

    [Fact]
    public async Task AnAnomalyDeliveredInApp_DoesNotToastASecondTime()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<AlertsPanel>();
        var raised = Services.GetRequiredService<Notifier<AlertRaised>>();

        await raised.PublishAsync(new AlertRaised(1, new AlertMessage(AlertKind.Anomaly, AlertSeverity.Critical, "Spike", "", null, 10m, "USD",
            Time.GetUtcNow(), "anomaly:x"), IsTest: false));
        await raised.PublishAsync(new AlertRaised(0, BudgetAlert("test", "Test alert from FinOps Cockpit", AlertSeverity.Warning, 1m, Time.GetUtcNow()), IsTest: true));

        cut.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars), TimeSpan.FromSeconds(5));
        Assert.StartsWith("Test: Test alert from FinOps Cockpit", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposal_UnsubscribesFromInAppAlerts()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var raised = Services.GetRequiredService<Notifier<AlertRaised>>();
        Render<AlertsPanel>();
        Assert.Equal(1, raised.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, raised.SubscriberCount);
    }
}
