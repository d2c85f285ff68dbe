using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Common;
using FinOps.Domain.Persistence;
using FinOps.Tests.Support;
using FinOps.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Tests.Components.Pages;

public sealed class AlertsPanelTests : PageTestContext
{
    private static Anomaly NewAnomaly(string service, DateOnly date, decimal expected, decimal actual, string team = "") => Anomaly.From(
        new DetectedAnomaly(team.Length > 0 ? SeriesKey.ForTeam(team, "USD") : SeriesKey.ForService("AWS", "A1", "S1", service, "USD"),
            date, actual >= expected ? AnomalyKind.Spike : AnomalyKind.Drop, expected, actual, actual - expected, 9.5, AnomalyDetector.MethodName, "p", "why"),
        IdentityTestStore.Start);

    private async Task<Anomaly> StoreAsync(Anomaly anomaly)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();
        db.Anomalies.Add(anomaly);
        await db.SaveChangesAsync();
        return anomaly;
    }

    private async Task SeedAsync()
    {
        await InitializeStoreAsync();
        await StoreAsync(NewAnomaly("Amazon Elastic Compute Cloud", new DateOnly(2024, 10, 8), 100m, 1400m));
        await StoreAsync(NewAnomaly("AWS Lambda", new DateOnly(2024, 10, 12), 500m, 200m));
        var acknowledged = NewAnomaly("Amazon S3", new DateOnly(2024, 10, 13), 10m, 400m);
        acknowledged.Status = AnomalyStatus.Acknowledged;
        await StoreAsync(acknowledged);
        await StoreAsync(NewAnomaly("", new DateOnly(2024, 10, 11), 100m, 180m, team: "data"));
    }

    [Fact]
    public async Task ListsOpenAnomalies_NewestFirst_WithSeverityKindSeriesAmountsAndDate()
    {
        await SeedAsync();
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<AlertsPanel>();

        var rows = cut.FindAll("[data-testid='anomaly']");
        Assert.Equal(3, rows.Count); // the acknowledged one is not listed
        Assert.Equal("3", cut.Find("[data-testid='open-anomaly-count']").TextContent.Trim());
        Assert.Contains("AWS Lambda · S1 · AWS", rows[0].TextContent);
        Assert.Contains("2024-10-12", rows[0].TextContent);
        Assert.Equal("Drop", rows[0].QuerySelector("[data-testid='kind']")!.TextContent);
        Assert.Equal("Medium", rows[0].QuerySelector("[data-testid='severity']")!.TextContent.Trim());
        Assert.Contains("500.00 USD", rows[0].TextContent);
        Assert.Equal("-300.00 USD", rows[0].QuerySelector("[data-testid='impact']")!.TextContent);
        Assert.Contains("team data", rows[1].TextContent);
        Assert.Equal("Low", rows[1].QuerySelector("[data-testid='severity']")!.TextContent.Trim());
        Assert.Contains("Amazon Elastic Compute Cloud", rows[2].TextContent);
        Assert.Equal("High", rows[2].QuerySelector("[data-testid='severity']")!.TextContent.Trim());
        Assert.Equal("+1,300.00 USD", rows[2].QuerySelector("[data-testid='impact']")!.TextContent);
    }

    [Fact]
    public async Task Viewer_SeesNoAcknowledgeButton()
    {
        await SeedAsync();
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<AlertsPanel>();

        Assert.Equal(3, cut.FindAll("[data-testid='anomaly']").Count);
        Assert.Empty(cut.FindAll("[data-testid='acknowledge']"));
    }

    [Fact]
    public async Task Analyst_AcknowledgesAnAnomaly_ItLeavesTheListAndIsRecordedUnderTheirName()
    {
        await SeedAsync();
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<AlertsPanel>();
        Assert.Equal(3, cut.FindAll("[data-testid='acknowledge']").Count);
        var id = long.Parse(cut.FindAll("[data-testid='anomaly']")[0].GetAttribute("data-anomaly-id")!, System.Globalization.CultureInfo.InvariantCulture);

        await cut.FindAll("[data-testid='acknowledge']")[0].ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='anomaly']").Count));
        Assert.DoesNotContain(cut.FindAll("[data-testid='anomaly']"), r => r.GetAttribute("data-anomaly-id") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stored = (await Services.GetRequiredService<AnomalyService>().ListAsync(AnomalyStatus.Acknowledged, 10, CancellationToken.None)).Single(a => a.Id == id);
        Assert.Equal("analyst@example.com", stored.AcknowledgedBy);
        Assert.Single(await Services.GetRequiredService<AuditLog>().SearchAsync("anomaly.acknowledged", null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Acknowledge_ByAUserWhoLostTheAnalystRole_IsRefusedOnTheServer()
    {
        await SeedAsync();
        SignIn("analyst@example.com", Roles.Analyst);
        var cut = Render<AlertsPanel>();
        var button = cut.FindAll("[data-testid='acknowledge']")[0];

        Authorization.SetRoles(Roles.Viewer); // demoted while the page was open
        await button.ClickAsync(new());

        var anomalies = Services.GetRequiredService<AnomalyService>();
        Assert.DoesNotContain(await anomalies.ListAsync(AnomalyStatus.Acknowledged, 10, CancellationToken.None), a => a.AcknowledgedBy == "analyst@example.com");
        Assert.Equal(3, (await anomalies.ListAsync(AnomalyStatus.Open, 10, CancellationToken.None)).Count);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Severity == Severity.Error);
    }

    [Fact]
    public async Task ANewAnomaly_RerendersThePanel_AndShowsAToast()
    {
        await SeedAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<AlertsPanel>();
        Assert.Equal(3, cut.FindAll("[data-testid='anomaly']").Count);

        var fresh = await StoreAsync(NewAnomaly("Amazon CloudWatch", new DateOnly(2024, 10, 14), 100m, 2100m));
        await Services.GetRequiredService<Notifier<AnomaliesDetected>>().PublishAsync(new AnomaliesDetected([fresh]));

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid='anomaly']").Count), TimeSpan.FromSeconds(5));
        Assert.Contains("Amazon CloudWatch", cut.FindAll("[data-testid='anomaly']")[0].TextContent);
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("Amazon CloudWatch", toast.Message);
        Assert.Contains("high", toast.Message);
        Assert.Equal(Severity.Error, toast.Severity);
    }

    [Fact]
    public async Task Disposal_Unsubscribes()
    {
        await SeedAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var notifier = Services.GetRequiredService<Notifier<AnomaliesDetected>>();
        var cut = Render<AlertsPanel>();
        Assert.Equal(1, notifier.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, notifier.SubscriberCount);
    }
}
