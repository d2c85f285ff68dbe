using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinOps.Web.Components.Shared.Charts;

/// <summary>
/// Turns <see cref="ApexChartOptions"/> into the JSON of an ApexCharts option object (camelCase, nulls omitted).
/// Functions cannot travel as JSON: the <c>finops</c> section carries the number formats, and
/// wwwroot/js/apexchart.js turns it into ApexCharts formatters.
/// </summary>
public static class ApexChartOptionsSerializer
{
    /// <summary>
    /// Bars have square ends: ApexCharts' rounded ends on stacked bars cost about 70 ms of each redraw of the explorer's
    /// nine-series, 30-day chart (measured with FinOps.Benchmarks explorer-clicks), a third of an analyst's click.
    /// </summary>
    private const int SquareEnds = 0;

    /// <summary>Categorical palette (Tableau 10): distinguishable, readable on light and dark surfaces.</summary>
    public static IReadOnlyList<string> DefaultColors { get; } =
        ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"];

    internal const string DefaultLineColor = "#C62828";
    internal const string DefaultMarkerColor = "#E15759";

    /// <summary>A click drills down; the clicked bar or slice should not stay highlighted.</summary>
    private static readonly StatesDto NoActiveHighlight = new(new ActiveStateDto(new FilterDto("none")));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes <paramref name="options"/>; <paramref name="fallbackTheme"/> applies when the options name no theme.</summary>
    /// <exception cref="ArgumentException">The options mix date and category x values, or ask for something the chart kind cannot draw.</exception>
    public static string Serialize(ApexChartOptions options, ChartThemeMode fallbackTheme = ChartThemeMode.Light)
    {
        ArgumentNullException.ThrowIfNull(options);
        var axis = ResolveAxis(options);
        var theme = options.ThemeMode ?? fallbackTheme;
        var dto = options.Kind == ChartKind.Donut
            ? BuildDonut(options, axis, theme)
            : BuildAxisChart(options, axis, theme);
        return JsonSerializer.Serialize(dto, JsonOptions);
    }

    /// <summary>
    /// Maps ApexCharts' (series index, data point index) back to the point in <paramref name="options"/>;
    /// null when the click was not on a data point of a series (a band, a gap, an index out of range).
    /// </summary>
    public static ChartPointClick? ResolveClick(ApexChartOptions options, int seriesIndex, int dataPointIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == ChartKind.Donut)
        {
            seriesIndex = 0;
        }

        if (seriesIndex < 0 || seriesIndex >= options.Series.Count || dataPointIndex < 0)
        {
            return null;
        }

        var series = options.Series[seriesIndex];
        var axis = ResolveAxis(options);
        int pointIndex;
        if (axis.IsDate)
        {
            pointIndex = dataPointIndex < series.Points.Count ? dataPointIndex : -1;
        }
        else
        {
            if (dataPointIndex >= axis.Categories.Count)
            {
                return null;
            }

            var category = axis.Categories[dataPointIndex];
            pointIndex = IndexOf(series.Points, category);
        }

        if (pointIndex < 0)
        {
            return null;
        }

        var point = series.Points[pointIndex];
        return new ChartPointClick(series.Name, seriesIndex, pointIndex, point.X, point.Y);
    }

    private static List<XyDto> AlignToDates(ChartSeries series, IReadOnlyList<ChartX> dates)
    {
        var byDate = series.Points.GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.Sum(p => p.Y));
        return dates.Select(d => new XyDto(X(d), byDate.GetValueOrDefault(d))).ToList();
    }

    private static int IndexOf(IReadOnlyList<ChartPoint> points, string category)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (string.Equals(points[i].X.Category, category, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static ApexOptionsDto BuildDonut(ApexChartOptions options, XAxisLayout axis, ChartThemeMode theme)
    {
        if (options.Series.Count != 1)
        {
            throw new ArgumentException("A donut chart has exactly one series; its categories are the slices.", nameof(options));
        }

        if (axis.IsDate || options.Bands.Count > 0 || options.YAxisLines.Count > 0 || options.PointMarkers.Count > 0)
        {
            throw new ArgumentException("A donut chart takes category points only, without bands, lines or markers.", nameof(options));
        }

        return new ApexOptionsDto
        {
            Chart = Chart("donut", options),
            Series = AlignToCategories(options.Series[0], axis.Categories),
            Labels = axis.Categories,
            Colors = options.Colors ?? DefaultColors,
            DataLabels = new EnabledDto(true),
            Legend = new LegendDto(options.ShowLegend, "right"),
            Tooltip = new TooltipDto(Mode(theme), null),
            Theme = new ThemeDto(Mode(theme)),
            Stroke = new StrokeDto { Colors = [theme == ChartThemeMode.Dark ? "#17212D" : "#FFFFFF"], Width = 2 },
            PlotOptions = new PlotOptionsDto
            {
                Pie = new PieDto(new DonutDto("62%", new DonutLabelsDto(true, new DonutTotalDto(true, true, "Total")))),
            },
            States = NoActiveHighlight,
            Finops = Formats(options.ValueFormat),
        };
    }

    private static ApexOptionsDto BuildAxisChart(ApexChartOptions options, XAxisLayout axis, ChartThemeMode theme)
    {
        var hasBands = options.Bands.Count > 0;
        if (hasBands && (options.Kind == ChartKind.Bar || !axis.IsDate))
        {
            throw new ArgumentException("Bands need a line or area chart over dates.", nameof(options));
        }

        var kind = Kind(options.Kind);
        var palette = options.Colors ?? DefaultColors;
        var series = new List<SeriesDto>(options.Series.Count + options.Bands.Count);
        var colors = new List<string>(series.Capacity);
        // ApexCharts stacks by point index, not by x: stacked date series are aligned on the union of their dates, a
        // series without a point at a date adding zero there (gaps break ApexCharts' stacked areas).
        var stackDates = options.Stacked && axis.IsDate
            ? options.Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().OrderBy(x => x.Date).ToList()
            : null;
        for (var i = 0; i < options.Series.Count; i++)
        {
            var s = options.Series[i];
            object data = stackDates is not null ? AlignToDates(s, stackDates)
                : axis.IsDate ? s.Points.Select(p => new XyDto(X(p.X), p.Y)).ToList()
                : AlignToCategories(s, axis.Categories);
            var color = s.Color ?? palette[i % palette.Count];
            series.Add(new SeriesDto(s.Name, hasBands ? kind : null, data, color));
            colors.Add(color);
        }

        for (var i = 0; i < options.Bands.Count; i++)
        {
            var band = options.Bands[i];
            var data = band.Ranges.Select(r => new XyDto(X(r.X), new[] { r.Low, r.High })).ToList();
            var color = band.Color ?? DefaultBandColor(options, colors);
            series.Add(new SeriesDto(band.Name, "rangeArea", data, color));
            colors.Add(color);
        }

        var isLineLike = options.Kind is ChartKind.Line or ChartKind.Area;
        return new ApexOptionsDto
        {
            Chart = Chart(hasBands ? "rangeArea" : kind, options),
            Series = series,
            Colors = palette,
            Xaxis = new XAxisDto(
                axis.IsDate ? "datetime" : "category",
                axis.IsDate ? null : axis.Categories,
                axis.IsDate ? new XAxisLabelsDto(true) : null,
                new EnabledDto(false)),
            Yaxis = YAxis(options),
            Stroke = isLineLike ? LineStroke(options) : null,
            Fill = isLineLike && (hasBands || options.Kind == ChartKind.Area) ? LineFill(options) : null,
            DataLabels = new EnabledDto(false),
            Legend = new LegendDto(options.ShowLegend, null),
            Tooltip = new TooltipDto(Mode(theme), axis.IsDate ? new TooltipXDto("dd MMM yyyy") : null),
            Theme = new ThemeDto(Mode(theme)),
            Grid = new GridDto(theme == ChartThemeMode.Dark ? "#2A3644" : "#E1E6ED", 3),
            Annotations = Annotations(options),
            PlotOptions = options.Kind == ChartKind.Bar
                ? new PlotOptionsDto { Bar = new BarDto("60%", SquareEnds, "end", "last") }
                : null,
            States = NoActiveHighlight,
            Finops = Formats(options.ValueFormat),
        };
    }

    /// <summary>A band takes the colour of the forecast it surrounds: the first dashed series, else the last series.</summary>
    private static string DefaultBandColor(ApexChartOptions options, List<string> seriesColors)
    {
        for (var i = 0; i < options.Series.Count; i++)
        {
            if (options.Series[i].Dashed)
            {
                return seriesColors[i];
            }
        }

        return seriesColors.Count > 0 ? seriesColors[options.Series.Count - 1] : DefaultColors[0];
    }

    private static ChartDto Chart(string type, ApexChartOptions options) => new(
        type,
        options.Height,
        options.Stacked ? true : null,
        "transparent",
        "inherit",
        new ShowDto(false),
        new EnabledDto(false),
        options.Animate ? null : new EnabledDto(false));

    private static string Kind(ChartKind kind) => kind switch
    {
        ChartKind.Line => "line",
        ChartKind.Area => "area",
        ChartKind.Bar => "bar",
        ChartKind.Donut => "donut",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Mode(ChartThemeMode theme) => theme == ChartThemeMode.Dark ? "dark" : "light";

    private static StrokeDto LineStroke(ApexChartOptions options) => new()
    {
        Curve = "straight",
        Width = (int[])[.. options.Series.Select(_ => 2), .. options.Bands.Select(_ => 0)],
        DashArray = [.. options.Series.Select(s => s.Dashed ? 6 : 0), .. options.Bands.Select(_ => 0)],
    };

    private static FillDto LineFill(ApexChartOptions options)
    {
        // ApexCharts fills every stacked area down to the axis: translucent layers would mix into a muddy colour.
        var seriesOpacity = options.Kind != ChartKind.Area ? 1m : options.Stacked ? 0.85m : 0.3m;
        return new FillDto("solid", [.. options.Series.Select(_ => seriesOpacity), .. options.Bands.Select(_ => 0.18m)]);
    }

    /// <summary>
    /// Starts the value axis at zero when nothing is negative (cost charts should not exaggerate changes), and
    /// raises its top so that a y-axis line (a budget) above the data stays visible.
    /// </summary>
    private static YAxisDto YAxis(ApexChartOptions options)
    {
        var values = options.Series.SelectMany(s => s.Points.Select(p => p.Y))
            .Concat(options.Bands.SelectMany(b => b.Ranges.SelectMany(r => new[] { r.Low, r.High })))
            .Concat(options.YAxisLines.Select(l => l.Y))
            .Concat(options.PointMarkers.Select(m => m.Y))
            .ToList();
        decimal? min = values.Count > 0 && values.All(v => v >= 0) ? 0m : null;

        decimal? max = null;
        if (options.YAxisLines.Count > 0)
        {
            var dataTop = options.Stacked
                ? options.Series.SelectMany(s => s.Points).GroupBy(p => p.X).Select(g => g.Sum(p => Math.Max(p.Y, 0))).DefaultIfEmpty().Max()
                : options.Series.SelectMany(s => s.Points.Select(p => p.Y))
                    .Concat(options.Bands.SelectMany(b => b.Ranges.Select(r => r.High)))
                    .DefaultIfEmpty().Max();
            var lineTop = options.YAxisLines.Max(l => l.Y);
            if (lineTop >= dataTop && lineTop > 0)
            {
                max = NiceCeiling(lineTop * 1.05m);
            }
        }

        return new YAxisDto(min, max, true);
    }

    /// <summary>The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least <paramref name="value"/>.</summary>
    internal static decimal NiceCeiling(decimal value)
    {
        var magnitude = 1m;
        while (magnitude * 10 <= value)
        {
            magnitude *= 10;
        }

        while (magnitude > value && magnitude > 0.01m)
        {
            magnitude /= 10;
        }

        foreach (var step in NiceSteps)
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static readonly decimal[] NiceSteps = [1m, 1.2m, 1.5m, 2m, 2.5m, 3m, 4m, 5m, 6m, 8m];

    private static AnnotationsDto? Annotations(ApexChartOptions options)
    {
        if (options.YAxisLines.Count == 0 && options.PointMarkers.Count == 0)
        {
            return null;
        }

        return new AnnotationsDto(
            options.YAxisLines.Count == 0 ? null : options.YAxisLines.Select(l =>
            {
                var color = l.Color ?? DefaultLineColor;
                return new YAnnotationDto(l.Y, color, 6, Label(l.Label, color));
            }).ToList(),
            options.PointMarkers.Count == 0 ? null : options.PointMarkers.Select(m =>
            {
                var color = m.Color ?? DefaultMarkerColor;
                return new PointAnnotationDto(X(m.X), m.Y, new MarkerDto(6, color, "#FFFFFF", 2), Label(m.Label, color));
            }).ToList());
    }

    private static AnnotationLabelDto Label(string text, string color) =>
        new(text, color, new LabelStyleDto("#FFFFFF", color));

    private static FormatDto Formats(ValueFormat format)
    {
        if (format.Style == ValueStyle.Currency && string.IsNullOrWhiteSpace(format.Currency))
        {
            throw new ArgumentException("A currency format needs its ISO 4217 currency code.", nameof(format));
        }

        var style = format.Style switch
        {
            ValueStyle.Currency => "currency",
            ValueStyle.Percent => "percent",
            _ => "decimal",
        };
        var currency = format.Style == ValueStyle.Currency ? format.Currency : null;
        var tooltip = new NumberFormatDto(style, currency, format.Decimals, format.Decimals, null);
        var axis = format.CompactAxis
            ? new NumberFormatDto(style, currency, 0, 1, "compact")
            : new NumberFormatDto(style, currency, 0, format.Decimals, null);
        var locale = format.Locale ?? CultureInfo.CurrentCulture.Name;
        return new FormatDto(string.IsNullOrEmpty(locale) ? null : locale, tooltip, axis); // invariant culture: the browser's locale
    }

    /// <summary>Date x values travel as UTC midnight in epoch milliseconds (the datetime axis shows them as UTC).</summary>
    private static object X(ChartX x) => x.Date is { } date
        ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()
        : x.Category!;

    /// <summary>One value per category (null where the series has no point), so that stacked series line up.</summary>
    private static decimal?[] AlignToCategories(ChartSeries series, IReadOnlyList<string> categories)
    {
        var byCategory = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var point in series.Points)
        {
            if (!byCategory.TryAdd(point.X.Category!, point.Y))
            {
                throw new ArgumentException($"Series '{series.Name}' has two points for category '{point.X.Category}'.", nameof(series));
            }
        }

        return [.. categories.Select(c => byCategory.TryGetValue(c, out var y) ? y : (decimal?)null)];
    }

    private static XAxisLayout ResolveAxis(ApexChartOptions options)
    {
        var xs = options.Series.SelectMany(s => s.Points.Select(p => p.X))
            .Concat(options.Bands.SelectMany(b => b.Ranges.Select(r => r.X)))
            .Concat(options.PointMarkers.Select(m => m.X))
            .ToList();
        var dates = xs.Count(x => x.IsDate);
        if (dates > 0 && dates < xs.Count)
        {
            throw new ArgumentException("All x values of a chart are dates, or all are categories.", nameof(options));
        }

        if (dates > 0)
        {
            return new XAxisLayout(true, []);
        }

        var categories = options.Categories
            ?? options.Series.SelectMany(s => s.Points.Select(p => p.X.Category!)).Distinct(StringComparer.Ordinal).ToList();
        return new XAxisLayout(false, categories);
    }

    private sealed record XAxisLayout(bool IsDate, IReadOnlyList<string> Categories);
}
