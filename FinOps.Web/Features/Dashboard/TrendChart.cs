using FinOps.Domain.Costs;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Web.Features.Dashboard;

/// <summary>
/// The daily trend as a stacked area chart: one series per provider or service category over the last 90 days, and a
/// dashed "Forecast" series from today to the month's end. Every series has a point on every day (zero where it has
/// no cost) so ApexCharts stacks them day by day; the forecast therefore stands on zero after today.
/// </summary>
public static class TrendChart
{
    public const string ForecastSeriesName = "Forecast";
    private const string ForecastColor = "#9E9E9E";

    public static ApexChartOptions Build(CurrencyDashboard dashboard, DateOnly today, string currency, ChartThemeMode? theme = null, int height = 340)
    {
        var first = today.AddDays(1 - CostOverviewService.TrendDays);
        var last = dashboard.Forecast.Days.Count > 0 ? dashboard.Forecast.Days[^1].Day : today;
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        var series = dashboard.Daily
            .GroupBy(r => r.Keys.Values.FirstOrDefault() ?? "unknown")
            .OrderByDescending(g => g.Sum(r => r.Cost))
            .Select(g =>
            {
                var byDay = g.GroupBy(r => r.Period!.Value).ToDictionary(d => d.Key, d => d.Sum(r => r.Cost));
                return new ChartSeries(g.Key, days.Select(d => new ChartPoint(d, byDay.GetValueOrDefault(d))).ToList());
            })
            .ToList();
        var forecast = dashboard.Forecast.Days.ToDictionary(d => d.Day, d => d.Cost);
        series.Add(new ChartSeries(ForecastSeriesName, days.Select(d => new ChartPoint(d, forecast.GetValueOrDefault(d))).ToList())
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
        };
    }
}
