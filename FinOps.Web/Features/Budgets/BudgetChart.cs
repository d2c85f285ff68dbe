using FinOps.Domain.Budgets;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Web.Features.Budgets;

/// <summary>
/// The current period as a line chart: the cumulative actual, the forecast cumulative spend (dashed) with its 80 %
/// interval as a band, and the budget as a horizontal line.
/// </summary>
public static class BudgetChart
{
    public const string ActualSeriesName = "Actual (cumulative)";
    public const string ForecastSeriesName = "Forecast";
    public const string BandName = "80% interval";

    public static ApexChartOptions Build(BudgetStatus status)
    {
        var series = new List<ChartSeries>
        {
            new(ActualSeriesName, status.ActualByDay.Select(d => new ChartPoint(d.Day, d.Cumulative)).ToList()) { Color = "#1E88E5" },
        };
        var bands = new List<ChartBand>();
        if (status.ForecastByDay.Count > 0)
        {
            series.Add(new ChartSeries(ForecastSeriesName, status.ForecastByDay.Select(d => new ChartPoint(d.Day, d.Cumulative.Point)).ToList())
            {
                Dashed = true,
                Color = "#757575",
            });
            bands.Add(new ChartBand(BandName, status.ForecastByDay.Select(d => new ChartRange(d.Day, d.Cumulative.Low, d.Cumulative.High)).ToList())
            {
                Color = "#9E9E9E",
            });
        }

        return new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series = series,
            Bands = bands,
            YAxisLines = [new YAxisLine(status.BudgetAmount, $"Budget {status.BudgetAmount:N0} {status.Budget.Currency}") { Color = "#E53935" }],
            ValueFormat = ValueFormat.Money(status.Budget.Currency),
            Height = 340,
        };
    }
}
