using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>A chart to draw and, per series (time chart) or per point (breakdown), the group a click drills into (null: "Other").</summary>
public sealed record ExplorerChartModel(ApexChartOptions Options, IReadOnlyList<ExplorerGroup?> Groups);

/// <summary>
/// Turns the Cost Explorer's answer (one currency) into chart options: costs over time stacked per group (top
/// <see cref="ExplorerTopGroups.DefaultTop"/> and "Other"), as bars or areas; per group as bars when there is no time
/// axis (granularity None), with the previous period beside it when comparing; and the breakdown donut. They do not
/// animate: an analyst's click should show its answer at once, not bars rising for most of a second.
/// </summary>
public static class ExplorerCharts
{
    public const string OtherColor = "#BAB0AC";
    public const string PreviousColor = "#9E9E9E";
    public const string PreviousSeriesName = "Previous period";

    public static ExplorerChartModel OverTime(ExplorerCurrencyAnswer answer, ExplorerState state, int height = 380)
    {
        if (state.Granularity == Granularity.None)
        {
            return ByGroup(answer, state, height);
        }

        var series = ExplorerTopGroups.Series(answer, state.GroupBy);
        var names = UniqueNames(series.Select(s => ChartLabel(s.Name)));
        return new ExplorerChartModel(
            new ApexChartOptions
            {
                Kind = state.Chart == ExplorerChartKind.Area ? ChartKind.Area : ChartKind.Bar,
                Stacked = true,
                Series = [.. series.Select((s, i) => new ChartSeries(names[i], [.. s.Points.Select(p => new ChartPoint(p.Period, p.Cost))])
                {
                    Color = s.IsOther ? OtherColor : null,
                })],
                ValueFormat = ValueFormat.Money(answer.Currency),
                Height = height,
                Animate = false,
            },
            [.. series.Select(s => s.Group)]);
    }

    /// <summary>Without a time axis: one bar per group (top groups and "Other"), and the previous period beside it when comparing.</summary>
    private static ExplorerChartModel ByGroup(ExplorerCurrencyAnswer answer, ExplorerState state, int height)
    {
        var slices = Top(answer, state);
        var categories = slices.Select(s => s.Name).ToList();
        var series = new List<ChartSeries> { new("Cost", [.. slices.Select(s => new ChartPoint(s.Name, s.Cost))]) };
        if (state.Compare)
        {
            series.Add(new ChartSeries(PreviousSeriesName, [.. slices.Select(s => new ChartPoint(s.Name, s.PreviousCost))]) { Color = PreviousColor });
        }

        return new ExplorerChartModel(
            new ApexChartOptions
            {
                Kind = ChartKind.Bar,
                Series = series,
                Categories = categories,
                ValueFormat = ValueFormat.Money(answer.Currency),
                Height = height,
                Animate = false,
                ShowLegend = state.Compare,
            },
            [.. slices.Select(s => s.Group)]);
    }

    /// <summary>The breakdown donut of the positive costs (credits stay in the table: a donut cannot draw them).</summary>
    public static ExplorerChartModel Breakdown(ExplorerCurrencyAnswer answer, ExplorerState state, int height = 380)
    {
        var slices = ExplorerTopGroups.Slices(answer, state.GroupBy);
        var names = UniqueNames(slices.Select(s => ChartLabel(s.Name)));
        return new ExplorerChartModel(
            new ApexChartOptions
            {
                Kind = ChartKind.Donut,
                Series = [new ChartSeries("Cost", [.. slices.Select((s, i) => new ChartPoint(names[i], s.Cost))])],
                Colors = [.. Palette(slices.Count(s => !s.IsOther)), .. slices.Where(s => s.IsOther).Select(_ => OtherColor)],
                ValueFormat = ValueFormat.Money(answer.Currency),
                Height = height,
                Animate = false,
                ShowLegend = false,
            },
            [.. slices.Select(s => s.Group)]);
    }

    private sealed record Bar(ExplorerGroup? Group, string Name, decimal Cost, decimal PreviousCost);

    private static List<Bar> Top(ExplorerCurrencyAnswer answer, ExplorerState state)
    {
        var ranked = answer.Rows.ToList(); // already the costliest first
        var bars = ranked.Take(ExplorerTopGroups.DefaultTop)
            .Select(r => new Bar(r.Group, r.Group.Label(state.GroupBy), r.Cost, r.PreviousCost ?? 0))
            .ToList();
        var rest = ranked.Skip(ExplorerTopGroups.DefaultTop).ToList();
        if (rest.Count > 0)
        {
            bars.Add(new Bar(null, ExplorerTopGroups.OtherName, rest.Sum(r => r.Cost), rest.Sum(r => r.PreviousCost ?? 0)));
        }

        var names = UniqueNames(bars.Select(b => ChartLabel(b.Name)));
        return [.. bars.Select((b, i) => b with { Name = names[i] })];
    }

    /// <summary>The longest label a chart shows; the table beside it has the full value.</summary>
    public const int MaxLabelLength = 40;

    /// <summary>
    /// A label short enough for a legend or an axis: long ids (ARNs, Azure and Google resource paths) keep their last
    /// segment after "/" or ":", anything still too long is cut, both marked with "…".
    /// </summary>
    public static string ChartLabel(string name)
    {
        if (name.Length <= MaxLabelLength)
        {
            return name;
        }

        var cut = name.TrimEnd('/', ':').LastIndexOfAny(['/', ':']);
        var tail = cut >= 0 ? name[(cut + 1)..].TrimEnd('/', ':') : "";
        if (tail.Length >= 4 && tail.Length < MaxLabelLength)
        {
            return "…" + tail;
        }

        return name[..(MaxLabelLength - 1)] + "…";
    }

    /// <summary>Category labels must be unique on an axis or a donut: two groups that read alike get a counter.</summary>
    private static List<string> UniqueNames(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            var count = seen[name] = seen.GetValueOrDefault(name) + 1;
            return count == 1 ? name : $"{name} ({count})";
        })];
    }

    private static IReadOnlyList<string> Palette(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ApexChartOptionsSerializer.DefaultColors[i % ApexChartOptionsSerializer.DefaultColors.Count])];
}
