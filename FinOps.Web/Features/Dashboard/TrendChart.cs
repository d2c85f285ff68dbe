using FinOps.Domain.Costs;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Web.Features.Dashboard;

/// <summary>
/// The daily trend as a stacked area chart: one series per provider or service category over the complete days of the
/// last 90 (zero where a group had no cost), and a dashed "Forecast" series from today (incomplete, as in
/// <see cref="SameWeekdayForecast"/>) to the month's end. The serializer aligns the stacked series on their dates.
/// </summary>
public static class TrendChart
{
    public const string ForecastSeriesName = "Forecast";
    private const string ForecastColor = "#9E9E9E";

    public static ApexChartOptions Build(CurrencyDashboard dashboard, DateOnly today, string currency, ChartThemeMode? theme = null, int height = 340, bool animate = true)
    {
        var first = today.AddDays(1 - CostOverviewService.TrendDays);
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
            Dashed = true,
            Color = ForecastColor,
        });
        return new ApexChartOptions
        {
            Kind = ChartKind.Area,
            Stacked = true,
            Series = series,
            ValueFormat = ValueFormat.Money(currency),
            Height = height,
            ThemeMode = theme,
            Animate = animate,
        };
    }
}
