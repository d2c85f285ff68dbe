using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Domain.Billing.Ingestion;

public sealed class ImportServiceTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Import_ValidFile_SucceedsWithRowCountAndExactTotalsPerCurrency()
    {
        var csv = new FocusCsv()
            .Row(("BilledCost", "0.00000080000"), ("EffectiveCost", "0.1"))
            .Row(("BilledCost", "0.00001605990"), ("EffectiveCost", "0.2"))
            .Row(("BilledCost", "-3.123456789012"), ("EffectiveCost", "-0.3"))
            .Row(("BilledCost", "10"), ("BillingCurrency", "EUR"), ("BillingAccountId", "E1"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Equal(4, record.RowCount);
        var usd = Assert.Single(record.Totals, t => t.BillingCurrency == "USD");
        Assert.Equal(0.00000080000m + 0.00001605990m - 3.123456789012m, usd.BilledCost);
        Assert.Equal(0.0m, usd.EffectiveCost);
        Assert.Equal(3, usd.RowCount);
        Assert.Equal(10m, Assert.Single(record.Totals, t => t.BillingCurrency == "EUR").BilledCost);
        var stored = await _store.TotalsAsync();
        Assert.Equal(usd.BilledCost, stored["USD"]);
        Assert.Equal(10m, stored["EUR"]);
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task Import_FileMissingMandatoryColumns_IsRejectedNamingEveryMissingColumn_AndNothingSaved()
    {
        var csv = new FocusCsv().Row().Without("BilledCost").Without("ServiceName");

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Failed, record.Status);
        Assert.Contains("BilledCost", record.FailureReason);
        Assert.Contains("ServiceName", record.FailureReason);
        Assert.Equal(0, await _store.LineItemCountAsync());
    }

    [Fact]
    public async Task Import_ValueThatDoesNotParse_IsRejectedWithLineColumnAndValue_AndNothingSaved()
    {
        await _store.ImportAsync(new FocusCsv().Row(("BillingAccountId", "KEEP")).ToCsv(), "first.csv");
        var csv = new FocusCsv()
            .Row(("BilledCost", "5"))
            .Row(("BilledCost", "5"))
            .Row(("BilledCost", "12,5x"))
            .Row(("ChargePeriodStart", "2024-13-45"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Failed, record.Status);
        var money = Assert.Single(record.Issues, i => i.Column == "BilledCost");
        Assert.Equal(ImportIssueSeverity.Error, money.Severity);
        Assert.Equal(4, money.Line);
        Assert.Equal("12,5x", money.Value);
        var date = Assert.Single(record.Issues, i => i.Column == "ChargePeriodStart");
        Assert.Equal(5, date.Line);
        Assert.Equal(1, await _store.LineItemCountAsync()); // Only the earlier file's row.
        Assert.Equal(1m, (await _store.TotalsAsync())["USD"]);
    }

    [Fact]
    public async Task Import_EmptyMandatoryValue_IsWarningWithLineAndStoredAsUnknown()
    {
        var csv = new FocusCsv()
            .Row(("ContractedCost", "NULL"), ("BilledCost", "2"))
            .Row(("ContractedCost", "3"), ("BilledCost", "2"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        var warning = Assert.Single(record.Issues);
        Assert.Equal(ImportIssueSeverity.Warning, warning.Severity);
        Assert.Equal("ContractedCost", warning.Column);
        Assert.Equal(2, warning.Line);
        Assert.Equal(3m, (await _store.TotalsAsync(CostMetric.ContractedCost))["USD"]);
        await using var db = await _store.NewDbAsync();
        Assert.Equal(1, await db.LineItems.CountAsync(l => l.ContractedCostNanos == null));
    }

    [Fact]
    public async Task Import_CategoryOutsideSpec_IsWarningNotRejection()
    {
        var csv = new FocusCsv().Row(("ChargeCategory", "Discount"), ("ServiceCategory", "Quantum"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Contains(record.Issues, i => i is { Column: "ChargeCategory", Severity: ImportIssueSeverity.Warning, Value: "Discount" });
        Assert.Contains(record.Issues, i => i is { Column: "ServiceCategory", Severity: ImportIssueSeverity.Warning, Value: "Quantum" });
    }

    [Fact]
    public async Task Import_Redelivery_ReplacesOnlyTheAccountsAndPeriodsItContains()
    {
        var first = new FocusCsv()
            .Row(("BillingAccountId", "A1"), ("BilledCost", "10"))
            .Row(("BillingAccountId", "A2"), ("BilledCost", "20"))
            .Row(("BillingAccountId", "A1"), ("BilledCost", "30"), ("BillingPeriodStart", "2024-08-01T00:00:00Z"),
                ("BillingPeriodEnd", "2024-09-01T00:00:00Z"), ("ChargePeriodStart", "2024-08-05T00:00:00Z"), ("ChargePeriodEnd", "2024-08-06T00:00:00Z"));
        await _store.ImportAsync(first.ToCsv(), "first.csv");

        var second = new FocusCsv().Row(("BillingAccountId", "A1"), ("BilledCost", "7")).Row(("BillingAccountId", "A1"), ("BilledCost", "1"));
        var record = await _store.ImportAsync(second.ToCsv(), "second.csv");

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Equal(8m + 20m + 30m, (await _store.TotalsAsync())["USD"]);
        var byAccount = await _store.Costs.QueryAsync(new CostQuery(new DateOnly(2024, 8, 1), new DateOnly(2024, 10, 1),
            GroupBy: [CostDimension.ForColumn("BillingAccountId")]), CancellationToken.None);
        Assert.Equal(38m, byAccount.Rows.Single(r => r.Keys["BillingAccountId"] == "A1").Cost);
        Assert.Equal(20m, byAccount.Rows.Single(r => r.Keys["BillingAccountId"] == "A2").Cost);
        await using var db = await _store.NewDbAsync();
        Assert.Equal(1, await db.BillingSlices.CountAsync(s => !s.IsCurrent && s.SupersededByImportId == record.Id));
    }

    [Fact]
    public async Task Import_SameFileTwice_IsDuplicateAndChangesNothing()
    {
        var csv = new FocusCsv().Row(("BilledCost", "4.5")).ToCsv();
        var first = await _store.ImportAsync(csv);

        var again = await _store.ImportAsync(csv, "renamed.csv");

        Assert.Equal(ImportStatus.Duplicate, again.Status);
        Assert.Equal(first.Id, again.DuplicateOfImportId);
        Assert.Equal(4.5m, (await _store.TotalsAsync())["USD"]);
        Assert.Equal(1, await _store.LineItemCountAsync());
    }

    [Fact]
    public async Task Import_RunTwice_LoadsOnce()
    {
        await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(new FocusCsv().Row(("BilledCost", "3")).ToCsv()));
        var queued = await _store.Imports.SubmitAsync(content, "f.csv", ImportSource.Api, "test", CancellationToken.None);

        await Task.WhenAll(_store.Imports.RunAsync(queued.Id, CancellationToken.None), _store.Imports.RunAsync(queued.Id, CancellationToken.None));
        await _store.Imports.RunAsync(queued.Id, CancellationToken.None);

        Assert.Equal(3m, (await _store.TotalsAsync())["USD"]);
        var ledger = await _store.LedgerAsync(queued.Id);
        Assert.Equal(ImportStatus.Succeeded, ledger.Status);
        Assert.Equal(1, ledger.Attempts);
    }

    [Fact]
    public async Task Import_InterruptedByProcessDeath_IsRequeuedAtStartAndCompletesExactlyOnce()
    {
        await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(new FocusCsv().Row(("BilledCost", "6")).ToCsv()));
        var queued = await _store.Imports.SubmitAsync(content, "f.csv", ImportSource.Inbox, "inbox", CancellationToken.None);
        await using (var db = await _store.NewDbAsync())
        {
            // The state a crash leaves: claimed (Running) but the data transaction never committed.
            await db.Imports.Where(i => i.Id == queued.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Running));
        }

        var toSchedule = await _store.Imports.RecoverInterruptedAsync(CancellationToken.None);
        foreach (var id in toSchedule.Concat(toSchedule))
        {
            await _store.Imports.RunAsync(id, CancellationToken.None); // scheduled twice (recovery + the storage's own retry)
        }

        Assert.Equal([queued.Id], toSchedule);
        Assert.Equal(ImportStatus.Succeeded, (await _store.LedgerAsync(queued.Id)).Status);
        Assert.Equal(6m, (await _store.TotalsAsync())["USD"]);
    }

    [Fact]
    public async Task Import_CancelledMidway_RollsBackAndIsQueuedAgain()
    {
        var csv = new FocusCsv();
        for (var i = 0; i < 40_000; i++)
        {
            csv.Row(("BilledCost", "1"), ("ResourceId", $"r-{i}"));
        }

        await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToCsv()));
        var queued = await _store.Imports.SubmitAsync(content, "big.csv", ImportSource.Api, "test", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        using var subscription = _store.Get<FinOps.Domain.Common.Notifier<ImportProgress>>()
            .Subscribe(_ => { cancel.Cancel(); return Task.CompletedTask; });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.Imports.RunAsync(queued.Id, cancel.Token));

        Assert.Equal(ImportStatus.Queued, (await _store.LedgerAsync(queued.Id)).Status);
        Assert.Equal(0, await _store.LineItemCountAsync());
        await _store.Imports.RunAsync(queued.Id, CancellationToken.None);
        Assert.Equal(40_000m, (await _store.TotalsAsync())["USD"]);
    }

    [Fact]
    public async Task Import_ExtensionAndUnknownColumns_AreKeptAsJson()
    {
        var csv = new FocusCsv().Row(("x_UsageType", "BoxUsage:m5.large"), ("Id", "11472"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        await using var db = await _store.NewDbAsync();
        var item = await db.LineItems.SingleAsync();
        Assert.Equal("{\"x_UsageType\":\"BoxUsage:m5.large\",\"Id\":\"11472\"}", item.Extensions);
    }

    [Fact]
    public async Task Import_HeadersInAnyCaseAndOrder_AreMatchedByName()
    {
        var csv = "servicename,BILLEDCOST,effectivecost,ListCost,ContractedCost,BillingAccountId,BillingCurrency,BillingPeriodStart," +
                  "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,InvoiceIssuerName,providername,ServiceCategory\r\n" +
                  "Lambda,2.5,2,3,3,A1,USD,2024-09-01 00:00:00,2024-10-01 00:00:00,2024-09-03 10:00:00,2024-09-03 11:00:00,Usage,AWS Inc,AWS,Compute\r\n";

        var record = await _store.ImportAsync(csv);

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        var result = await _store.Costs.QueryAsync(new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1),
            GroupBy: [CostDimension.ForColumn("ServiceName")]), CancellationToken.None);
        Assert.Equal(2.5m, Assert.Single(result.Rows).Cost);
        Assert.Equal("Lambda", result.Rows[0].Keys["ServiceName"]);
    }

    [Fact]
    public async Task Import_TagsWithEmptyAndNullValues_AreKeptAndGroupable()
    {
        var csv = new FocusCsv()
            .Row(("Tags", "{\"team\": \"\", \"env\": null, \"app\": true}"), ("BilledCost", "2"))
            .Row(("Tags", "{\"team\": \"core\"}"), ("BilledCost", "3"));

        var record = await _store.ImportAsync(csv.ToCsv());

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        var byTeam = await _store.Costs.QueryAsync(new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1),
            GroupBy: [CostDimension.ForTag("team")]), CancellationToken.None);
        Assert.Equal(2m, byTeam.Rows.Single(r => r.Keys["Tag:team"] == "").Cost);
        Assert.Equal(3m, byTeam.Rows.Single(r => r.Keys["Tag:team"] == "core").Cost);
        var byApp = await _store.Costs.QueryAsync(new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1),
            GroupBy: [CostDimension.ForTag("app")]), CancellationToken.None);
        Assert.Equal(2m, byApp.Rows.Single(r => r.Keys["Tag:app"] == "true").Cost);
        Assert.Equal(3m, byApp.Rows.Single(r => r.Keys["Tag:app"] is null).Cost);
    }
}
