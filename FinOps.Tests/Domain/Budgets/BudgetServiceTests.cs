using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Budgets;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Notifications;
using FinOps.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Tests.Domain.Budgets;

/// <summary>Records alerts like the real outbox: idempotent by deduplication key.</summary>
public sealed class RecordingAlertOutbox : IAlertOutbox
{
    private readonly Lock _gate = new();

    public List<AlertMessage> Messages { get; } = [];

    public int Calls { get; private set; }

    public Task<bool> EnqueueAsync(AlertMessage message, CancellationToken ct)
    {
        lock (_gate)
        {
            Calls++;
            if (Messages.Any(m => m.DeduplicationKey == message.DeduplicationKey))
            {
                return Task.FromResult(false);
            }

            Messages.Add(message);
            return Task.FromResult(true);
        }
    }
}

/// <summary>The budget service, tracker and threshold alerts on a real SQLite store (clock at Tuesday 2024-10-15 12:00 UTC).</summary>
public sealed class BudgetServiceTests : IAsyncLifetime
{
    private TestStore _store = null!;

    private BudgetService Budgets => _store.Get<BudgetService>();

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>100.00 USD a day of AWS from 2024-07-01 to 2024-11-16 (and 7.00 EUR a day of Microsoft in October).</summary>
    private async Task ImportDailyCostsAsync()
    {
        var csv = new FocusCsv();
        for (var day = new DateOnly(2024, 7, 1); day <= new DateOnly(2024, 11, 16); day = day.AddDays(1))
        {
            csv.Row(DayColumns(day, ("BilledCost", "100.00"), ("EffectiveCost", "100.00")));
            if (day.Month == 10)
            {
                csv.Row(DayColumns(day, ("BilledCost", "7.00"), ("EffectiveCost", "7.00"), ("BillingAccountId", "M1"), ("BillingCurrency", "EUR"),
                    ("ProviderName", "Microsoft"), ("PublisherName", "Microsoft"), ("InvoiceIssuerName", "Microsoft")));
            }
        }

        var import = await _store.ImportAsync(csv.ToCsv());
        Assert.Equal(FinOps.Domain.Billing.Ingestion.ImportStatus.Succeeded, import.Status);
    }

    private static (string, string?)[] DayColumns(DateOnly day, params (string, string?)[] values)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        return
        [
            ("ChargePeriodStart", Iso(day)), ("ChargePeriodEnd", Iso(day.AddDays(1))),
            ("BillingPeriodStart", Iso(month)), ("BillingPeriodEnd", Iso(month.AddMonths(1))), .. values,
        ];
    }

    private BudgetAlertService Alerts(IAlertOutbox outbox) => new(_store.Get<IDbContextFactory<FinOps.Domain.Persistence.FinOpsDbContext>>(),
        _store.Get<BudgetTracker>(), _store.Get<ApplicationSettingsService>(), outbox, _store.Get<Notifier<BudgetsChanged>>(), _store.Time,
        NullLogger<BudgetAlertService>.Instance);

    private async Task<Budget> CreateAsync(BudgetDefinition definition)
    {
        var result = await Budgets.CreateAsync(definition, "ana@example.com", CancellationToken.None);
        Assert.Equal(BudgetSaveOutcome.Saved, result.Outcome);
        return result.Budget!;
    }

    [Fact]
    public async Task Create_Invalid_IsRefusedAndNothingSaved()
    {
        var result = await Budgets.CreateAsync(BudgetRulesTests.Definition(amount: -5m), "ana@example.com", CancellationToken.None);

        Assert.Equal(BudgetSaveOutcome.Invalid, result.Outcome);
        Assert.Contains("amount", result.Errors.Keys);
        Assert.Empty(await Budgets.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Update_WithAnOldVersion_IsAConflict_AndTheFirstSaveIsKept()
    {
        var budget = await CreateAsync(BudgetRulesTests.Definition());
        var first = await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 3500m }, budget.Version, "ana@example.com", CancellationToken.None);

        var second = await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Owner = "bo@example.com" }, budget.Version, "bo@example.com", CancellationToken.None);

        Assert.Equal(BudgetSaveOutcome.Saved, first.Outcome);
        Assert.Equal(2, first.Budget!.Version);
        Assert.Equal(BudgetSaveOutcome.Conflict, second.Outcome);
        Assert.Equal(3500m, second.Budget!.Amount);
        Assert.Contains("ana@example.com changed budget \"Platform\"", second.ConflictMessage, StringComparison.Ordinal);
        var stored = await Budgets.GetAsync(budget.Id, CancellationToken.None);
        Assert.Equal((3500m, "ana@example.com", 2), (stored!.Amount, stored.Owner, stored.Version));
    }

    [Fact]
    public async Task Changes_AreKeptInTheBudgetHistory_AndTheAuditLog()
    {
        var budget = await CreateAsync(BudgetRulesTests.Definition());
        await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 3500m }, 1, "bo@example.com", CancellationToken.None);
        var delete = await Budgets.DeleteAsync(budget.Id, 2, "cy@example.com", CancellationToken.None);

        var history = await Budgets.HistoryAsync(budget.Id, CancellationToken.None);

        Assert.Equal(BudgetSaveOutcome.Saved, delete.Outcome);
        Assert.Null(await Budgets.GetAsync(budget.Id, CancellationToken.None));
        Assert.Equal(["deleted", "updated", "created"], history.Select(h => h.Action));
        Assert.Equal("amount 3000 → 3500", history[1].Summary);
        Assert.Equal("bo@example.com", history[1].Actor);
        Assert.Contains("\"amount\":3000", history[1].OldValues, StringComparison.Ordinal);
        Assert.Contains("\"amount\":3500", history[1].NewValues, StringComparison.Ordinal);
        var audit = await _store.Get<AuditLog>().SearchAsync("budget.", null, null, 10, CancellationToken.None);
        Assert.Equal(["budget.deleted", "budget.updated", "budget.created"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task Delete_WithAnOldVersion_IsAConflict_AndDeletesNothing()
    {
        var budget = await CreateAsync(BudgetRulesTests.Definition());
        await Budgets.UpdateAsync(budget.Id, budget.ToDefinition() with { Amount = 10m }, 1, "bo@example.com", CancellationToken.None);

        var result = await Budgets.DeleteAsync(budget.Id, 1, "ana@example.com", CancellationToken.None);

        Assert.Equal(BudgetSaveOutcome.Conflict, result.Outcome);
        Assert.NotNull(await Budgets.GetAsync(budget.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Status_ActualForecastAndHealth_InTheBudgetCurrencyOnly()
    {
        await ImportDailyCostsAsync();
        var budget = await CreateAsync(BudgetRulesTests.Definition(amount: 3000m));

        var status = await _store.Get<BudgetTracker>().StatusAsync(budget, CancellationToken.None);

        Assert.Equal(new DateOnly(2024, 10, 1), status.Period.Start);
        Assert.Equal(1500m, status.Actual); // 1-15 October, today's data included; the EUR costs are not added
        Assert.Equal(["EUR"], status.OtherCurrencies);
        // 14 complete days (1,400) + 17 days forecast at 100 a day.
        Assert.InRange(status.Forecast!.Point, 3090m, 3110m);
        Assert.True(status.Forecast.Low <= status.Forecast.Point && status.Forecast.Point <= status.Forecast.High);
        Assert.Equal(BudgetHealth.AtRisk, status.Health);
        Assert.Equal(15, status.ActualByDay.Count);
        Assert.Equal(new DateOnly(2024, 10, 31), status.ForecastByDay[^1].Day);
        Assert.Equal([new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 1), new DateOnly(2025, 1, 1)], status.NextMonths.Select(m => m.Month));
        Assert.InRange(status.NextMonths[0].Forecast.Point, 2950m, 3050m);
        // Past periods: September, August, July (the budget started in January, the data in July).
        Assert.Equal([3000m, 3100m, 3100m], status.PastPeriods.Take(3).Select(p => p.Actual));
        Assert.Equal(3000m, status.PastPeriods[0].Budget);
    }

    [Fact]
    public async Task Status_ScopeFiltersTheCosts_AndSortsBudgetsByRisk()
    {
        await ImportDailyCostsAsync();
        var aws = await CreateAsync(BudgetRulesTests.Definition(amount: 10000m, scope: ["ProviderName:AWS"]) with { Name = "AWS roomy" });
        var tight = await CreateAsync(BudgetRulesTests.Definition(amount: 1000m) with { Name = "Over" });
        var microsoft = await CreateAsync(BudgetRulesTests.Definition(amount: 100m, scope: ["ProviderName:Microsoft"]) with { Name = "Microsoft in USD" });

        var statuses = await _store.Get<BudgetTracker>().StatusesAsync([aws, tight, microsoft], CancellationToken.None);

        Assert.Equal(["Over", "AWS roomy", "Microsoft in USD"], statuses.Select(s => s.Budget.Name));
        Assert.Equal(BudgetHealth.Over, statuses[0].Health);
        Assert.Equal(BudgetHealth.OnTrack, statuses[1].Health);
        Assert.Equal(0m, statuses[2].Actual); // Microsoft bills this scope in EUR only
        Assert.Equal(["EUR"], statuses[2].OtherCurrencies);
    }

    [Fact]
    public async Task Thresholds_FireOncePerPeriod_ActualAndForecastSeparately_AndAgainAfterRollOver()
    {
        await ImportDailyCostsAsync();
        var budget = await CreateAsync(BudgetRulesTests.Definition(amount: 3000m));
        var outbox = new RecordingAlertOutbox();
        var alerts = Alerts(outbox);

        var first = await alerts.EvaluateAsync(CancellationToken.None);
        var second = await alerts.EvaluateAsync(CancellationToken.None);

        // Actual 1,500 reaches 50 % (1,500) but not 80 %; the forecast (~3,100) reaches 100 %.
        Assert.Equal(["actual-50", "forecast-100"], first.Select(f => f.ThresholdKey).Order());
        Assert.Empty(second);
        Assert.Equal(2, outbox.Calls);
        Assert.Equal(
            [$"budget/{budget.Id}/2024-10-01/actual-50", $"budget/{budget.Id}/2024-10-01/forecast-100"],
            outbox.Messages.Select(m => m.DeduplicationKey).Order());
        var forecastAlert = outbox.Messages.Single(m => m.DeduplicationKey.EndsWith("forecast-100", StringComparison.Ordinal));
        Assert.Equal((AlertKind.Budget, AlertSeverity.Critical, $"/budgets/{budget.Id}", "USD"),
            (forecastAlert.Kind, forecastAlert.Severity, forecastAlert.Link, forecastAlert.Currency));

        // A restart (a new service over the same store) fires nothing new.
        Assert.Empty(await Alerts(outbox).EvaluateAsync(CancellationToken.None));

        // November: the period rolled over, so the same thresholds fire again for it (1,600 by the 16th).
        _store.Time.SetUtcNow(new DateTimeOffset(2024, 11, 16, 12, 0, 0, TimeSpan.Zero));
        var november = await alerts.EvaluateAsync(CancellationToken.None);
        Assert.Equal(["actual-50", "forecast-100"], november.Select(f => f.ThresholdKey).Order());
        Assert.All(november, f => Assert.Equal(new DateOnly(2024, 11, 1), f.PeriodStart));
    }

    [Fact]
    public async Task Thresholds_OnlyTheOnesReached_AndNoneForAnInactiveBudget()
    {
        await ImportDailyCostsAsync();
        var roomy = await CreateAsync(BudgetRulesTests.Definition(amount: 100000m));
        var future = await CreateAsync(BudgetRulesTests.Definition(amount: 1m) with { Name = "Next year", StartDate = new DateOnly(2025, 1, 1) });
        var outbox = new RecordingAlertOutbox();

        var fired = await Alerts(outbox).EvaluateAsync(CancellationToken.None);

        Assert.Empty(fired);
        Assert.Empty(outbox.Messages);
        var status = await _store.Get<BudgetTracker>().StatusAsync(future, CancellationToken.None);
        Assert.Equal(BudgetHealth.Inactive, status.Health);
        Assert.Empty(ThresholdEvaluation.Crossed(status));
        Assert.NotEqual(roomy.Id, future.Id);
    }
}
