using Bunit;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Tests.Support;
using FinOps.Web.Features.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.Pages;

public sealed class IngestionPageTests : PageTestContext
{
    [Fact]
    public async Task Ledger_ListsEachImportWithItsStatusRowsAndTotals()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv().Row(("BilledCost", "12.5")).Row(("BilledCost", "0.25")).ToCsv(), "good.csv");
        await ImportAsync(new FocusCsv().Row(("BilledCost", "oops")).ToCsv(), "bad.csv");
        SignIn("viewer@example.com", Roles.Viewer);

        var cut = Render<IngestionPage>();

        var rows = cut.FindAll("tr[data-testid='import-row']");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Failed", rows[0].GetAttribute("data-status"));
        Assert.Contains("bad.csv", rows[0].TextContent);
        Assert.Equal("Succeeded", rows[1].GetAttribute("data-status"));
        Assert.Contains("12.75 USD", rows[1].TextContent);
        Assert.Contains("2", rows[1].TextContent);
    }

    [Fact]
    public async Task SelectingAFailedImport_ShowsItsErrorsWithLineColumnAndValue()
    {
        await InitializeStoreAsync();
        await ImportAsync(new FocusCsv().Row(("BilledCost", "oops")).ToCsv(), "bad.csv");
        SignIn("viewer@example.com", Roles.Viewer);
        var cut = Render<IngestionPage>();

        cut.Find("tr[data-testid='import-row']").Click();

        var issues = cut.WaitForElement("[data-testid='import-issues']");
        Assert.Contains("BilledCost", issues.TextContent);
        Assert.Contains("oops", issues.TextContent);
        Assert.Contains("2", issues.TextContent); // line 2 (the header is line 1)
    }

    [Fact]
    public async Task Viewer_IsNotOfferedTheUpload_AnalystIs()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var viewerPage = Render<IngestionPage>();
        Assert.NotNull(viewerPage.Find("[data-testid='upload-not-allowed']"));
        Assert.Empty(viewerPage.FindAll("[data-testid='upload-button']"));

        SignIn("analyst@example.com", Roles.Analyst);
        var analystPage = Render<IngestionPage>();
        Assert.NotEmpty(analystPage.FindAll("[data-testid='upload-button']"));
    }

    [Fact]
    public async Task ImportFinishingElsewhere_ShowsUpWithoutAReload_AndDisposalUnsubscribes()
    {
        await InitializeStoreAsync();
        SignIn("viewer@example.com", Roles.Viewer);
        var changes = Services.GetRequiredService<Notifier<ImportChanged>>();
        var cut = Render<IngestionPage>();
        Assert.Empty(cut.FindAll("tr[data-testid='import-row']"));
        Assert.True(changes.SubscriberCount > 0);

        await ImportAsync(new FocusCsv().Row(("BilledCost", "3")).ToCsv(), "later.csv");

        cut.WaitForAssertion(() => Assert.Equal("Succeeded", cut.Find("tr[data-testid='import-row']").GetAttribute("data-status")),
            TimeSpan.FromSeconds(5));
        var before = changes.SubscriberCount;
        await DisposeComponentsAsync();
        Assert.True(changes.SubscriberCount < before);
    }
}
