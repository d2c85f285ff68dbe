namespace FinOps.Web.Components.Shared.Charts;

// The subset of ApexCharts' option object (https://apexcharts.com/docs/options/) that the cockpit uses.
// Property names become camelCase JSON; null properties are left out so ApexCharts keeps its defaults.

internal sealed record ApexOptionsDto
{
    public required ChartDto Chart { get; init; }

    /// <summary>A list of <see cref="SeriesDto"/>, or one value per slice for a donut.</summary>
    public required object Series { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public required IReadOnlyList<string> Colors { get; init; }

    public XAxisDto? Xaxis { get; init; }

    public YAxisDto? Yaxis { get; init; }

    public StrokeDto? Stroke { get; init; }

    public FillDto? Fill { get; init; }

    public required EnabledDto DataLabels { get; init; }

    public required LegendDto Legend { get; init; }

    public required TooltipDto Tooltip { get; init; }

    public required ThemeDto Theme { get; init; }

    public GridDto? Grid { get; init; }

    public AnnotationsDto? Annotations { get; init; }

    public PlotOptionsDto? PlotOptions { get; init; }

    public StatesDto? States { get; init; }

    /// <summary>Not an ApexCharts option: number formats that apexchart.js turns into formatters.</summary>
    public required FormatDto Finops { get; init; }
}

internal sealed record ChartDto(
    string Type,
    int Height,
    bool? Stacked,
    string Background,
    string FontFamily,
    ShowDto Toolbar,
    EnabledDto Zoom,
    EnabledDto? Animations = null);

internal sealed record EnabledDto(bool Enabled);

internal sealed record ShowDto(bool Show);

/// <param name="Color">The series' own colour: it travels with the series, so the chart's options (its palette) stay the
/// same when another set of groups is shown, and apexchart.js can send only the new series.</param>
internal sealed record SeriesDto(string Name, string? Type, object Data, string? Color = null);

internal sealed record XyDto(object X, object Y);


internal sealed record XAxisDto(string Type, IReadOnlyList<string>? Categories, XAxisLabelsDto? Labels, EnabledDto Tooltip);

internal sealed record XAxisLabelsDto(bool DatetimeUTC);

internal sealed record YAxisDto(decimal? Min, decimal? Max, bool ForceNiceScale);

internal sealed record StrokeDto
{
    public string? Curve { get; init; }

    public object? Width { get; init; }

    public IReadOnlyList<int>? DashArray { get; init; }

    public IReadOnlyList<string>? Colors { get; init; }
}

internal sealed record FillDto(string Type, IReadOnlyList<decimal> Opacity);

internal sealed record LegendDto(bool Show, string? Position);

internal sealed record TooltipDto(string Theme, TooltipXDto? X);

internal sealed record TooltipXDto(string Format);

internal sealed record ThemeDto(string Mode);

internal sealed record GridDto(string BorderColor, int StrokeDashArray);

internal sealed record AnnotationsDto(IReadOnlyList<YAnnotationDto>? Yaxis, IReadOnlyList<PointAnnotationDto>? Points);

internal sealed record YAnnotationDto(decimal Y, string BorderColor, int StrokeDashArray, AnnotationLabelDto Label);

internal sealed record PointAnnotationDto(object X, decimal Y, MarkerDto Marker, AnnotationLabelDto Label);

internal sealed record MarkerDto(int Size, string FillColor, string StrokeColor, int StrokeWidth);

internal sealed record AnnotationLabelDto(string Text, string BorderColor, LabelStyleDto Style);

internal sealed record LabelStyleDto(string Color, string Background);

internal sealed record StatesDto(ActiveStateDto Active);

internal sealed record ActiveStateDto(FilterDto Filter);

internal sealed record FilterDto(string Type);

internal sealed record PlotOptionsDto
{
    public BarDto? Bar { get; init; }

    public PieDto? Pie { get; init; }
}

internal sealed record BarDto(string ColumnWidth, int BorderRadius, string BorderRadiusApplication, string BorderRadiusWhenStacked);

internal sealed record PieDto(DonutDto Donut);

internal sealed record DonutDto(string Size, DonutLabelsDto Labels);

internal sealed record DonutLabelsDto(bool Show, DonutTotalDto Total);

internal sealed record DonutTotalDto(bool Show, bool ShowAlways, string Label);

/// <summary>Intl.NumberFormat options for tooltips and for the value axis.</summary>
internal sealed record FormatDto(string? Locale, NumberFormatDto Tooltip, NumberFormatDto Axis);

internal sealed record NumberFormatDto(
    string Style,
    string? Currency,
    int MinimumFractionDigits,
    int MaximumFractionDigits,
    string? Notation);
