using System.Globalization;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Web.Features.Dashboard;

/// <summary>
/// The daily trend as stacked bars: one series per provider or service category over the complete days of the last 90
/// (zero where a group had no cost), then a grey "Forecast" bar for every day from today (incomplete, as in
/// <see cref="SameWeekdayForecast"/>) to the month's end, so actual and forecast sit side by side with no drop between
/// them. Anomalies not yet resolved are marked on top of their day's bar.
/// </summary>
public static class TrendChart
{
    public const string ForecastSeriesName = "Forecast";
    private const string ForecastColor = "#9E9E9E";
    private const string AnomalyColor = "#D32F2F";

    public static ApexChartOptions Build(CurrencyDashboard dashboard, DateOnly today, string currency, ChartThemeMode? theme = null, int height = 340,
        bool animate = true, IReadOnlyList<Anomaly>? anomalies = null)
    {
        var first = FirstDay(today);
        var actualDays = Enumerable.Range(0, today.DayNumber - first.DayNumber).Select(first.AddDays).ToList();
        var series = dashboard.Daily
            .Where(r => r.Period < today)
            .GroupBy(r => r.Keys.Values.FirstOrDefault() ?? "unknown")
            .OrderByDescending(g => g.Sum(r => r.Cost))
            .Select(g =>
            {
                var byDay = g.GroupBy(r => r.Period!.Value).ToDictionary(d => d.Key, d => d.Sum(r => r.Cost));
                return new ChartSeries(g.Key, actualDays.Select(d => new ChartPoint(d, byDay.GetValueOrDefault(d))).ToList());
            })
            .ToList();
        series.Add(new ChartSeries(ForecastSeriesName, dashboard.Forecast.Days.Select(d => new ChartPoint(d.Day, d.Cost)).ToList())
        {
            Color = ForecastColor,
        });

        var dayTotals = dashboard.Daily.Where(r => r.Period < today).GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        var markers = (anomalies ?? [])
            .Where(a => a.Currency == currency && a.Date >= first && a.Date < today && a.Status != AnomalyStatus.Resolved)
            .GroupBy(a => a.Date)
            .Select(day => new PointMarker(day.Key, dayTotals.GetValueOrDefault(day.Key), MarkerLabel(day.ToList())) { Color = AnomalyColor })
            .ToList();

        return new ApexChartOptions
        {
            Kind = ChartKind.Bar,
            Stacked = true,
            Series = series,
            PointMarkers = markers,
            ValueFormat = ValueFormat.Money(currency),
            Height = height,
            ThemeMode = theme,
            Animate = animate,
        };
    }

    /// <summary>The first day the trend shows (<see cref="CostOverviewService.TrendDays"/> days up to today).</summary>
    public static DateOnly FirstDay(DateOnly today) => today.AddDays(1 - CostOverviewService.TrendDays);

    /// <summary>
    /// Where a click on a bar leads: the Cost Explorer for that day, filtered to the clicked provider or category and
    /// grouped by the next level (provider → service category, category → service); a forecast bar opens the whole
    /// month by category. Null when the click is not on a day.
    /// </summary>
    public static string? DrillLink(ChartPointClick click, DateOnly today, CostMetric metric, TrendGrouping grouping, string currency)
    {
        if (click.X.Date is not { } day)
        {
            return null;
        }

        if (click.SeriesName == ForecastSeriesName)
        {
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            return new ExplorerLink(monthStart, monthStart.AddMonths(1), metric).Where("BillingCurrency", currency).GroupedBy("ServiceCategory");
        }

        var link = new ExplorerLink(day, day.AddDays(1), metric).Where("BillingCurrency", currency);
        return grouping == TrendGrouping.Provider
            ? link.Where("ProviderName", click.SeriesName).GroupedBy("ServiceCategory")
            : link.Where("ServiceCategory", click.SeriesName).GroupedBy("ServiceName");
    }

    private static string MarkerLabel(IReadOnlyList<Anomaly> day)
    {
        var largest = day.OrderByDescending(a => Math.Abs(a.Impact)).First();
        var name = largest.Level == SeriesLevel.Team ? $"team {largest.Team ?? "(untagged)"}" : largest.ServiceName ?? "(no service)";
        var sign = largest.Impact >= 0 ? "+" : "−";
        var text = $"{name} {sign}{Math.Abs(largest.Impact).ToString("N0", CultureInfo.InvariantCulture)}";
        return day.Count > 1 ? $"{text} (+{day.Count - 1} more)" : text;
    }
}
