namespace FinOps.Web.Components.Shared.Charts;

/// <summary>A click on a bar, donut slice or line point of an <see cref="ApexChart"/>.</summary>
/// <param name="SeriesName">The clicked series.</param>
/// <param name="SeriesIndex">Its index in <see cref="ApexChartOptions.Series"/>.</param>
/// <param name="PointIndex">The index of the point in that series' <see cref="ChartSeries.Points"/>.</param>
/// <param name="X">The point's x: the date or category to drill into.</param>
/// <param name="Y">The point's value.</param>
public sealed record ChartPointClick(string SeriesName, int SeriesIndex, int PointIndex, ChartX X, decimal Y);
