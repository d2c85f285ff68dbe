using System.Text.Json;
using Bunit;
using FinOps.Web.Components.Layout;
using FinOps.Web.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FinOps.Tests.Components;

public sealed class ApexChartTests : BunitTestBase
{
    private const string ChartId = "finops-chart-1";

    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        _module = JSInterop.SetupModule("./js/apexchart.js");
        _module.Setup<string>("render", _ => true).SetResult(ChartId);
    }

    private static ApexChartOptions CostByService(decimal computeInMarch = 300.25m) => new()
    {
        Kind = ChartKind.Bar,
        Stacked = true,
        Series =
        [
            new ChartSeries("Compute", [new ChartPoint("Jan", 100m), new ChartPoint("Feb", 200m), new ChartPoint("Mar", computeInMarch)]),
            new ChartSeries("Storage", [new ChartPoint("Feb", 20m), new ChartPoint("Mar", 30.5m)]),
        ],
        ValueFormat = ValueFormat.Money("USD"),
    };

    private static JsonElement OptionsArgument(JSRuntimeInvocation invocation) =>
        JsonDocument.Parse(Assert.IsType<string>(invocation.Arguments[1])).RootElement;

    [Fact]
    public void FirstRender_ImportsChartModuleAndRendersSerializedSeries()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        var import = JSInterop.VerifyInvoke("import");
        Assert.Equal("./js/apexchart.js", import.Arguments[0]);
        var options = OptionsArgument(_module.VerifyInvoke("render"));
        Assert.Equal("bar", options.GetProperty("chart").GetProperty("type").GetString());
        var compute = options.GetProperty("series")[0];
        Assert.Equal("Compute", compute.GetProperty("name").GetString());
        Assert.Equal([100m, 200m, 300.25m], compute.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal("true", cut.Find("div.finops-chart").GetAttribute("data-chart-ready"));
    }

    [Fact]
    public void ChangedOptions_CallUpdateWithNewValues_AndDoNotRenderAgain()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        cut.Render(p => p.Add(c => c.Options, CostByService(computeInMarch: 999.99m)));

        var update = _module.VerifyInvoke("update");
        Assert.Equal(ChartId, update.Arguments[0]);
        var data = OptionsArgument(update).GetProperty("series")[0].GetProperty("data");
        Assert.Equal(999.99m, data[2].GetDecimal());
        _module.VerifyInvoke("render", calledTimes: 1);
    }

    [Fact]
    public void ChartElement_CarriesTheVersionOfItsOptions_AndEachDrawingCallNamesTheVersionItDraws()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));
        string Version() => cut.Find("div.finops-chart").GetAttribute("data-chart-version")!;

        var first = Version();
        Assert.Matches("^[0-9a-f]{16}$", first);
        Assert.Equal(first, _module.VerifyInvoke("render").Arguments[3]);

        cut.Render(p => p.Add(c => c.Options, CostByService(computeInMarch: 999.99m)));

        var second = Version();
        Assert.NotEqual(first, second);
        Assert.Equal(second, _module.VerifyInvoke("update").Arguments[2]);

        cut.Render(p => p.Add(c => c.Options, CostByService(computeInMarch: 999.99m)));

        Assert.Equal(second, Version()); // the same options in a new instance: same version, nothing to draw
        _module.VerifyInvoke("update", calledTimes: 1);
    }

    [Fact]
    public void EqualOptionsInNewInstance_DoNotCallUpdate()
    {
        var cut = Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        cut.Render(p => p.Add(c => c.Options, CostByService()));
        cut.Render(p => p.Add(c => c.AriaLabel, "Cost by service"));

        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public void AppSwitchingToDarkMode_UpdatesChartTheme()
    {
        var options = CostByService();
        var host = Render<CascadingValue<ThemeState>>(p => p
            .Add(c => c.Value, ThemeState.Light)
            .AddChildContent<ApexChart>(chart => chart.Add(c => c.Options, options)));
        var rendered = OptionsArgument(_module.VerifyInvoke("render")).GetProperty("theme");
        Assert.Equal("light", rendered.GetProperty("mode").GetString());

        host.Render(p => p
            .Add(c => c.Value, ThemeState.Dark)
            .AddChildContent<ApexChart>(chart => chart.Add(c => c.Options, options)));

        var updated = OptionsArgument(_module.VerifyInvoke("update")).GetProperty("theme");
        Assert.Equal("dark", updated.GetProperty("mode").GetString());
        _module.VerifyInvoke("render", calledTimes: 1);
    }

    [Fact]
    public async Task Dispose_DestroysTheChart()
    {
        Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        await DisposeComponentsAsync();

        Assert.Equal(ChartId, _module.VerifyInvoke("destroy").Arguments[0]);
    }

    [Fact]
    public async Task Dispose_AfterCircuitIsGone_DoesNotThrow()
    {
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("circuit closed"));
        Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        var error = await Record.ExceptionAsync(DisposeComponentsAsync);

        Assert.Null(error);
        _module.VerifyInvoke("destroy");
    }

    [Fact]
    public async Task DataPointClick_RaisesOnPointClickWithSeriesNameIndexAndX()
    {
        ChartPointClick? clicked = null;
        var cut = Render<ApexChart>(p => p
            .Add(c => c.Options, CostByService())
            .Add(c => c.OnPointClick, (ChartPointClick click) => clicked = click));

        // ApexCharts reports category index 2 ("Mar") of series 1; Storage's own points start at "Feb".
        await cut.InvokeAsync(() => cut.Instance.OnDataPointClick(1, 2));

        Assert.Equal(new ChartPointClick("Storage", 1, 1, "Mar", 30.5m), clicked);
    }

    [Fact]
    public async Task DataPointClick_OnCategoryTheSeriesLacks_RaisesNothing()
    {
        var raised = false;
        var cut = Render<ApexChart>(p => p
            .Add(c => c.Options, CostByService())
            .Add(c => c.OnPointClick, (ChartPointClick _) => raised = true));

        await cut.InvokeAsync(() => cut.Instance.OnDataPointClick(1, 0)); // Storage has no "Jan"
        await cut.InvokeAsync(() => cut.Instance.OnDataPointClick(5, 0)); // no such series

        Assert.False(raised);
    }

    [Fact]
    public void ChartThatCannotBeDrawn_ShowsAMessageInsteadOfFailingThePage()
    {
        var failing = JSInterop.SetupModule("./js/apexchart.js");
        failing.Setup<string>("render", _ => true).SetException(new JSException("RangeError: Invalid language tag"));

        var cut = Render<ApexChart>(p => p.Add(c => c.Options, CostByService()));

        Assert.Equal("true", cut.Find("div.finops-chart").GetAttribute("data-chart-failed"));
        Assert.Null(cut.Find("div.finops-chart").GetAttribute("data-chart-ready"));
        Assert.Contains("This chart could not be drawn.", cut.Markup, StringComparison.Ordinal);
    }
}
