namespace FinOps.Web.Components.Shared.Charts;

/// <summary>The kinds of chart the cockpit draws.</summary>
public enum ChartKind
{
    Line,
    Area,
    Bar,
    Donut,
}

/// <summary>Light or dark chart colours.</summary>
public enum ChartThemeMode
{
    Light,
    Dark,
}

/// <summary>
/// What an <see cref="ApexChart"/> draws: a small typed model of the ApexCharts features the cockpit needs.
/// <see cref="ApexChartOptionsSerializer"/> turns it into ApexCharts' option object.
/// </summary>
/// <remarks>
/// All points of a chart use the same kind of x: dates (a datetime axis) or categories.
/// A donut has exactly one series; its point categories are the slices.
/// </remarks>
public sealed record ApexChartOptions
{
    public required ChartKind Kind { get; init; }

    /// <summary>The data series, drawn in this order. Points within a series are in x order.</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Stack the series (bar and area charts).</summary>
    public bool Stacked { get; init; }

    /// <summary>
    /// Category order and labels for a category axis. When null, categories appear in the order the series first use them.
    /// Points whose category is not listed are not drawn.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Series colours as CSS colours, in series order. When null, the cockpit's categorical palette.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>Shaded ranges drawn under the series, e.g. a forecast's confidence band (line and area charts).</summary>
    public IReadOnlyList<ChartBand> Bands { get; init; } = [];

    /// <summary>Horizontal lines at a value, e.g. a budget.</summary>
    public IReadOnlyList<YAxisLine> YAxisLines { get; init; } = [];

    /// <summary>Labelled markers on single points, e.g. anomalies.</summary>
    public IReadOnlyList<PointMarker> PointMarkers { get; init; } = [];

    /// <summary>Height of the chart in CSS pixels.</summary>
    public int Height { get; init; } = 320;

    /// <summary>Light or dark colours. When null, the chart follows the app's theme.</summary>
    public ChartThemeMode? ThemeMode { get; init; }

    /// <summary>How values are written on the value axis, in tooltips and in the donut's centre.</summary>
    public ValueFormat ValueFormat { get; init; } = ValueFormat.Number;

    public bool ShowLegend { get; init; } = true;

    /// <summary>Animate drawing and updates; a wall screen turns it off (no motion on every refresh).</summary>
    public bool Animate { get; init; } = true;
}

/// <summary>A named series of points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>A CSS colour for this series; overrides <see cref="ApexChartOptions.Colors"/>.</summary>
    public string? Color { get; init; }

    /// <summary>Draw the line dashed (line and area charts), e.g. a forecast.</summary>
    public bool Dashed { get; init; }
}

/// <summary>One value at one x.</summary>
public sealed record ChartPoint(ChartX X, decimal Y);

/// <summary>A shaded range between two values at each x.</summary>
public sealed record ChartBand(string Name, IReadOnlyList<ChartRange> Ranges)
{
    public string? Color { get; init; }
}

/// <summary>The low and high value of a band at one x.</summary>
public sealed record ChartRange(ChartX X, decimal Low, decimal High);

/// <summary>A horizontal line across the plot at <paramref name="Y"/>, e.g. a budget.</summary>
public sealed record YAxisLine(decimal Y, string Label)
{
    public string? Color { get; init; }
}

/// <summary>A labelled marker on the point (<paramref name="X"/>, <paramref name="Y"/>), e.g. an anomaly.</summary>
public sealed record PointMarker(ChartX X, decimal Y, string Label)
{
    public string? Color { get; init; }
}
