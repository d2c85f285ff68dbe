using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Budgets;

/// <summary>A threshold that the current figures reach: the value compared and the amount it stands for.</summary>
public sealed record CrossedThreshold(BudgetThreshold Threshold, decimal Value, decimal Limit);

/// <summary>Which thresholds a budget's status reaches (pure: no storage, no time).</summary>
public static class ThresholdEvaluation
{
    /// <summary>
    /// The thresholds reached in the status's current period: an actual threshold when the actual is at least
    /// percent x budget, a forecast threshold when the period-end forecast (point) is. Nothing for an inactive budget,
    /// a zero budget, or a forecast threshold without a forecast.
    /// </summary>
    public static IReadOnlyList<CrossedThreshold> Crossed(BudgetStatus status)
    {
        if (status.Health == BudgetHealth.Inactive || status.BudgetAmount <= 0)
        {
            return [];
        }

        var crossed = new List<CrossedThreshold>();
        foreach (var threshold in status.Budget.Thresholds)
        {
            decimal? value = threshold.Basis == ThresholdBasis.Actual ? status.Actual : status.Forecast?.Point;
            var limit = status.BudgetAmount * threshold.Percent / 100m;
            if (value is { } v && v >= limit)
            {
                crossed.Add(new CrossedThreshold(threshold, v, limit));
            }
        }

        return crossed;
    }

    /// <summary>
    /// The outbox key of a threshold in a period, <c>budget/12/2025-11-01/actual-80</c>: the same threshold fires once
    /// per period, and again in the next one.
    /// </summary>
    public static string DeduplicationKey(long budgetId, DateOnly periodStart, BudgetThreshold threshold) =>
        string.Create(CultureInfo.InvariantCulture, $"budget/{budgetId}/{periodStart:yyyy-MM-dd}/{threshold.Key}");
}

/// <summary>
/// Evaluates every active budget's thresholds and fires the ones reached for the first time in the current period:
/// the alert goes to the <see cref="IAlertOutbox"/> first (idempotent by its deduplication key), then the firing is
/// recorded (unique per budget, period and threshold). A crash between the two re-sends to the outbox, which ignores
/// the repeat; nothing is lost and nothing fires twice. A new period has no firings, so its thresholds fire again.
/// </summary>
public sealed class BudgetAlertService(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    BudgetTracker tracker,
    ApplicationSettingsService settings,
    IAlertOutbox outbox,
    Notifier<BudgetsChanged> changed,
    TimeProvider time,
    ILogger<BudgetAlertService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Evaluates all budgets; returns the firings recorded by this run.</summary>
    public async Task<IReadOnlyList<BudgetThresholdFiring>> EvaluateAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        var fired = new List<BudgetThresholdFiring>();
        try
        {
            List<Budget> budgets;
            HashSet<(long, DateOnly, string)> known;
            var today = await tracker.TodayAsync(ct);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                budgets = await db.Budgets.AsNoTracking().Where(b => b.StartDate <= today && (b.EndDate == null || b.EndDate >= today)).ToListAsync(ct);
                var since = today.AddYears(-1);
                known = (await db.BudgetThresholdFirings.AsNoTracking().Where(f => f.PeriodStart >= since)
                        .Select(f => new { f.BudgetId, f.PeriodStart, f.ThresholdKey }).ToListAsync(ct))
                    .Select(f => (f.BudgetId, f.PeriodStart, f.ThresholdKey)).ToHashSet();
            }

            var fiscal = (await settings.GetAsync(ct)).FiscalYearStartMonth;
            foreach (var budget in budgets)
            {
                var status = await tracker.StatusAsync(budget, today, fiscal, includePast: false, ct);
                foreach (var crossed in ThresholdEvaluation.Crossed(status))
                {
                    if (!known.Add((budget.Id, status.Period.Start, crossed.Threshold.Key)))
                    {
                        continue;
                    }

                    await outbox.EnqueueAsync(Message(status, crossed, time.GetUtcNow()), ct);
                    var firing = new BudgetThresholdFiring
                    {
                        BudgetId = budget.Id,
                        PeriodStart = status.Period.Start,
                        ThresholdKey = crossed.Threshold.Key,
                        FiredAt = time.GetUtcNow(),
                        Value = crossed.Value,
                        BudgetAmount = status.BudgetAmount,
                    };
                    if (await RecordAsync(firing, ct))
                    {
                        fired.Add(firing);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var budgetId in fired.Select(f => f.BudgetId).Distinct())
        {
            await changed.PublishAsync(new BudgetsChanged(budgetId, ThresholdsFired: true));
        }

        if (fired.Count > 0)
        {
            logger.LogInformation("Budget thresholds fired: {Count}", fired.Count);
        }

        return fired;
    }

    private async Task<bool> RecordAsync(BudgetThresholdFiring firing, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.BudgetThresholdFirings.Add(firing);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process may have recorded it first (the unique index): then it fired once, as it should.
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            if (await check.BudgetThresholdFirings.AnyAsync(
                    f => f.BudgetId == firing.BudgetId && f.PeriodStart == firing.PeriodStart && f.ThresholdKey == firing.ThresholdKey, ct))
            {
                return false;
            }

            throw;
        }
    }

    private static AlertMessage Message(BudgetStatus status, CrossedThreshold crossed, DateTimeOffset now)
    {
        var budget = status.Budget;
        var what = crossed.Threshold.Basis == ThresholdBasis.Actual ? "Spend so far" : "The forecast at period end";
        var severity = crossed.Threshold.Percent >= 100 ? AlertSeverity.Critical : crossed.Threshold.Percent >= 80 ? AlertSeverity.Warning : AlertSeverity.Info;
        var money = (decimal value) => value.ToString("N2", CultureInfo.InvariantCulture) + " " + budget.Currency;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"Budget \"{budget.Name}\": {crossed.Threshold.Basis.ToString().ToLowerInvariant()} reached {crossed.Threshold.Percent:0.##}% ({status.Period.Label})");
        var body = string.Create(CultureInfo.InvariantCulture,
            $"{what} is {money(crossed.Value)}, {crossed.Value / status.BudgetAmount:P1} of the {money(status.BudgetAmount)} budget for {status.Period.Label} " +
            $"(threshold {crossed.Threshold.Percent:0.##}% = {money(crossed.Limit)}). Owner: {budget.Owner}.");
        return new AlertMessage(AlertKind.Budget, severity, title, body, $"/budgets/{budget.Id}", crossed.Value, budget.Currency,
            now, ThresholdEvaluation.DeduplicationKey(budget.Id, status.Period.Start, crossed.Threshold));
    }
}
