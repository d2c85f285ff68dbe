using System.Text.Json;
using FinOps.Web.Components.Shared.Charts;

namespace FinOps.Tests.Components;

public sealed class ApexChartOptionsSerializerTests : BunitTestBase
{
    private static readonly DateOnly Day1 = new(2025, 3, 1);
    private static readonly DateOnly Day2 = new(2025, 3, 2);

    private static JsonElement Serialize(ApexChartOptions options, ChartThemeMode theme = ChartThemeMode.Light) =>
        JsonDocument.Parse(ApexChartOptionsSerializer.Serialize(options, theme)).RootElement;

    private static decimal?[] Values(JsonElement data) =>
        [.. data.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal())];

    [Fact]
    public void StackedBar_IsStackedAndAlignsSeriesToCategoriesWithNullGaps()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Bar,
            Stacked = true,
            Series =
            [
                new ChartSeries("prod", [new ChartPoint("Compute", 10m), new ChartPoint("Storage", 4m)]),
                new ChartSeries("dev", [new ChartPoint("Network", 1.5m), new ChartPoint("Compute", 2m)]),
            ],
        });

        Assert.True(json.GetProperty("chart").GetProperty("stacked").GetBoolean());
        var categories = json.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString());
        Assert.Equal(["Compute", "Storage", "Network"], categories);
        Assert.Equal([10m, 4m, null], Values(json.GetProperty("series")[0].GetProperty("data")));
        Assert.Equal([2m, null, 1.5m], Values(json.GetProperty("series")[1].GetProperty("data")));
        Assert.Equal(0, json.GetProperty("plotOptions").GetProperty("bar").GetProperty("borderRadius").GetInt32()); // square ends: see the serializer
    }

    [Fact]
    public void SeriesCarryTheirColours_SoAnotherSetOfGroupsChangesOnlyTheSeries()
    {
        static ApexChartOptions Stacked(params ChartSeries[] series) => new()
        {
            Kind = ChartKind.Bar,
            Stacked = true,
            Series = series,
            Colors = ApexChartOptionsSerializer.DefaultColors,
        };
        var two = Serialize(Stacked(
            new ChartSeries("a", [new ChartPoint(Day1, 1m)]),
            new ChartSeries("Other", [new ChartPoint(Day1, 2m)]) { Color = "#BAB0AC" }));
        var three = Serialize(Stacked(
            new ChartSeries("x", [new ChartPoint(Day1, 1m)]),
            new ChartSeries("y", [new ChartPoint(Day1, 3m)]),
            new ChartSeries("Other", [new ChartPoint(Day1, 2m)]) { Color = "#BAB0AC" }));

        static string WithoutSeries(JsonElement json) =>
            JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != "series").ToDictionary(p => p.Name, p => p.Value));
        Assert.Equal(WithoutSeries(two), WithoutSeries(three)); // apexchart.js then sends only the series (updateSeries)
        Assert.Equal(
            [ApexChartOptionsSerializer.DefaultColors[0], ApexChartOptionsSerializer.DefaultColors[1], "#BAB0AC"],
            three.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("color").GetString()));
        Assert.Equal(ApexChartOptionsSerializer.DefaultColors, three.GetProperty("colors").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void StackedDateSeries_AreAlignedOnTheUnionOfTheirDates_WithZeroWhereASeriesHasNoPoint()
    {
        var d1 = new DateOnly(2024, 10, 1);
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Area,
            Stacked = true,
            Series =
            [
                new ChartSeries("Actual", [new ChartPoint(d1, 5m), new ChartPoint(d1.AddDays(1), 6m)]),
                new ChartSeries("Forecast", [new ChartPoint(d1.AddDays(2), 7m)]) { Dashed = true },
            ],
        });

        var series = json.GetProperty("series");
        Assert.Equal([5m, 6m, 0m], series[0].GetProperty("data").EnumerateArray().Select(p => p.GetProperty("y").GetDecimal()));
        Assert.Equal([0m, 0m, 7m], series[1].GetProperty("data").EnumerateArray().Select(p => p.GetProperty("y").GetDecimal()));
        Assert.Equal(series[0].GetProperty("data")[2].GetProperty("x").GetInt64(), series[1].GetProperty("data")[2].GetProperty("x").GetInt64());
    }

    [Fact]
    public void Animate_False_TurnsApexChartsAnimationsOff_AndTheDefaultLeavesThemOn()
    {
        ApexChartOptions Options(bool animate) => new()
        {
            Kind = ChartKind.Line,
            Series = [new ChartSeries("a", [new ChartPoint(new DateOnly(2024, 10, 1), 1m)])],
            Animate = animate,
        };

        Assert.False(Serialize(Options(false)).GetProperty("chart").GetProperty("animations").GetProperty("enabled").GetBoolean());
        Assert.False(Serialize(Options(true)).GetProperty("chart").TryGetProperty("animations", out _));
    }

    [Fact]
    public void UnstackedChart_OmitsStackedAndOtherUnsetOptions()
    {
        var text = ApexChartOptionsSerializer.Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series = [new ChartSeries("cost", [new ChartPoint(Day1, 1m)])],
        });

        Assert.DoesNotContain("\"stacked\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"annotations\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"labels\":null", text, StringComparison.Ordinal);
        Assert.DoesNotContain(":null", text, StringComparison.Ordinal);
        Assert.Contains("\"xaxis\":{\"type\":\"datetime\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DatePoints_TravelAsUtcMidnightEpochMilliseconds()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Area,
            Series = [new ChartSeries("cost", [new ChartPoint(Day1, 12.34m), new ChartPoint(Day2, 5m)])],
        });

        var first = json.GetProperty("series")[0].GetProperty("data")[0];
        Assert.Equal(1_740_787_200_000L, first.GetProperty("x").GetInt64()); // 2025-03-01T00:00:00Z
        Assert.Equal(12.34m, first.GetProperty("y").GetDecimal());
        Assert.True(json.GetProperty("xaxis").GetProperty("labels").GetProperty("datetimeUTC").GetBoolean());
    }

    [Fact]
    public void BudgetLineAndAnomalyMarker_BecomeAnnotations_AndAxisMakesRoomForTheBudget()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series = [new ChartSeries("cost", [new ChartPoint(Day1, 100m), new ChartPoint(Day2, 180m)])],
            YAxisLines = [new YAxisLine(500m, "Budget")],
            PointMarkers = [new PointMarker(Day2, 180m, "Anomaly") { Color = "#FF0000" }],
        });

        var budget = json.GetProperty("annotations").GetProperty("yaxis")[0];
        Assert.Equal(500m, budget.GetProperty("y").GetDecimal());
        Assert.Equal("Budget", budget.GetProperty("label").GetProperty("text").GetString());
        var anomaly = json.GetProperty("annotations").GetProperty("points")[0];
        Assert.Equal(1_740_873_600_000L, anomaly.GetProperty("x").GetInt64());
        Assert.Equal(180m, anomaly.GetProperty("y").GetDecimal());
        Assert.Equal("#FF0000", anomaly.GetProperty("marker").GetProperty("fillColor").GetString());
        Assert.Equal("Anomaly", anomaly.GetProperty("label").GetProperty("text").GetString());
        Assert.Equal(600m, json.GetProperty("yaxis").GetProperty("max").GetDecimal()); // a round number above the budget
        Assert.Equal(0m, json.GetProperty("yaxis").GetProperty("min").GetDecimal());
    }

    [Fact]
    public void ForecastBandAndDashedForecast_BecomeRangeAreaComboWithDashedLine()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series =
            [
                new ChartSeries("actual", [new ChartPoint(Day1, 10m)]),
                new ChartSeries("forecast", [new ChartPoint(Day2, 12m)]) { Dashed = true },
            ],
            Bands = [new ChartBand("likely range", [new ChartRange(Day2, 9m, 15m)])],
        });

        Assert.Equal("rangeArea", json.GetProperty("chart").GetProperty("type").GetString());
        var series = json.GetProperty("series");
        Assert.Equal("line", series[0].GetProperty("type").GetString());
        Assert.Equal("rangeArea", series[2].GetProperty("type").GetString());
        Assert.Equal([9m, 15m], series[2].GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal([0, 6, 0], json.GetProperty("stroke").GetProperty("dashArray").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(series[1].GetProperty("color").GetString(), series[2].GetProperty("color").GetString()); // the band takes the dashed forecast's colour
    }

    [Fact]
    public void CurrencyFormat_GoesToTheBrowserAsIntlNumberFormatOptions()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Bar,
            Series = [new ChartSeries("cost", [new ChartPoint("Compute", 1234.5m)])],
            ValueFormat = ValueFormat.Money("EUR", decimals: 2),
        });

        var format = json.GetProperty("finops");
        Assert.Equal("en-US", format.GetProperty("locale").GetString());
        var tooltip = format.GetProperty("tooltip");
        Assert.Equal("currency", tooltip.GetProperty("style").GetString());
        Assert.Equal("EUR", tooltip.GetProperty("currency").GetString());
        Assert.Equal(2, tooltip.GetProperty("minimumFractionDigits").GetInt32());
        Assert.Equal(2, tooltip.GetProperty("maximumFractionDigits").GetInt32());
        Assert.Equal("compact", format.GetProperty("axis").GetProperty("notation").GetString());
    }

    [Fact]
    public void PlainNumberFormat_UsesDecimalStyleWithoutCurrency()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Bar,
            Series = [new ChartSeries("hours", [new ChartPoint("Compute", 3m)])],
            ValueFormat = new ValueFormat { Decimals = 0, CompactAxis = false },
        });

        var axis = json.GetProperty("finops").GetProperty("axis");
        Assert.Equal("decimal", axis.GetProperty("style").GetString());
        Assert.False(axis.TryGetProperty("currency", out _));
        Assert.False(axis.TryGetProperty("notation", out _));
        Assert.Equal(0, axis.GetProperty("maximumFractionDigits").GetInt32());
    }

    [Fact]
    public void Donut_SlicesAreTheSeriesValuesAndLabelsAreTheCategories()
    {
        var json = Serialize(new ApexChartOptions
        {
            Kind = ChartKind.Donut,
            Series = [new ChartSeries("cost", [new ChartPoint("AWS", 70m), new ChartPoint("Azure", 30m)])],
        }, ChartThemeMode.Dark);

        Assert.Equal("donut", json.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal([70m, 30m], Values(json.GetProperty("series")));
        Assert.Equal(["AWS", "Azure"], json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("dark", json.GetProperty("theme").GetProperty("mode").GetString());
    }

    [Fact]
    public void MixedDateAndCategoryX_IsRejected()
    {
        var options = new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series = [new ChartSeries("cost", [new ChartPoint(Day1, 1m), new ChartPoint("Compute", 2m)])],
        };

        Assert.Throws<ArgumentException>(() => ApexChartOptionsSerializer.Serialize(options));
    }

    [Fact]
    public void CurrencyFormatWithoutCurrencyCode_IsRejected()
    {
        var options = new ApexChartOptions
        {
            Kind = ChartKind.Bar,
            Series = [new ChartSeries("cost", [new ChartPoint("Compute", 1m)])],
            ValueFormat = new ValueFormat { Style = ValueStyle.Currency },
        };

        Assert.Throws<ArgumentException>(() => ApexChartOptionsSerializer.Serialize(options));
    }

    [Fact]
    public void ClickOnDatePoint_ResolvesToThatPoint()
    {
        var options = new ApexChartOptions
        {
            Kind = ChartKind.Line,
            Series = [new ChartSeries("cost", [new ChartPoint(Day1, 1m), new ChartPoint(Day2, 2m)])],
            Bands = [new ChartBand("range", [new ChartRange(Day2, 1m, 3m)])],
        };

        Assert.Equal(new ChartPointClick("cost", 0, 1, Day2, 2m), ApexChartOptionsSerializer.ResolveClick(options, 0, 1));
        Assert.Null(ApexChartOptionsSerializer.ResolveClick(options, 1, 0)); // the band is not a data series
    }
}
