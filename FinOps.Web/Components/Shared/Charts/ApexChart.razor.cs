using System.Security.Cryptography;
using System.Text;
using FinOps.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace FinOps.Web.Components.Shared.Charts;

/// <summary>
/// An ApexCharts chart. Renders once the circuit is up (ApexCharts needs the browser), updates in place when
/// <see cref="Options"/> change, and reports clicks on data points through <see cref="OnPointClick"/>.
/// Sets <c>data-chart-ready="true"</c> on its element once the chart is drawn. The element also carries
/// <c>data-chart-version</c> (a short hash of the options it was given last); apexchart.js copies it to
/// <c>data-chart-drawn</c> once ApexCharts has finished drawing those options, so a page (or a benchmark) can see when
/// the chart on screen shows the data the page rendered.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    internal const string ModulePath = "./js/apexchart.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ApexChart>? _dotNetRef;
    private string? _chartId;
    private bool _ready;
    private bool _failed;
    private bool _drawing;
    private bool _disposed;

    private string _json = string.Empty;
    private byte[] _hash = [];
    private ApexChartOptions? _pendingOptions;
    private ChartThemeMode? _serializedTheme;

    private byte[]? _drawnHash;
    private ApexChartOptions? _drawnOptions;

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<ApexChart> Logger { get; init; }

    /// <summary>What to draw. Give a new instance to change the chart; it is redrawn only if its JSON differs.</summary>
    [Parameter, EditorRequired] public required ApexChartOptions Options { get; set; }

    /// <summary>Raised when the user clicks a bar, a donut slice or a point of a line.</summary>
    [Parameter] public EventCallback<ChartPointClick> OnPointClick { get; set; }

    /// <summary>Describes the chart for screen readers.</summary>
    [Parameter] public string? AriaLabel { get; set; }

    [Parameter] public string? Class { get; set; }

    /// <summary>The app's light/dark mode, used when <see cref="ApexChartOptions.ThemeMode"/> is null.</summary>
    [CascadingParameter] public ThemeState? AppTheme { get; set; }

    /// <summary>The options' hash, shortened: enough to tell one drawing from the next.</summary>
    private string Version => Convert.ToHexStringLower(_hash.AsSpan(0, Math.Min(_hash.Length, 8)));

    private string CssClass => string.IsNullOrWhiteSpace(Class) ? "finops-chart" : $"finops-chart {Class}";

    protected override void OnParametersSet()
    {
        var fallback = AppTheme?.IsDarkMode == true ? ChartThemeMode.Dark : ChartThemeMode.Light;
        if (ReferenceEquals(Options, _pendingOptions) && fallback == _serializedTheme)
        {
            return; // a parent's re-render with the same options (a page renders several times per click): nothing to serialize
        }

        _serializedTheme = fallback;
        _json = ApexChartOptionsSerializer.Serialize(Options, fallback);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(_json));
        _pendingOptions = Options;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await DrawAsync();
            return;
        }

        await UpdateIfChangedAsync();
    }

    private async Task DrawAsync()
    {
        var (json, hash, options, version) = (_json, _hash, _pendingOptions, Version);
        _drawing = true;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _dotNetRef = DotNetObjectReference.Create(this);
            _chartId = await _module.InvokeAsync<string>("render", _element, json, _dotNetRef, version);
            (_drawnHash, _drawnOptions) = (hash, options);
        }
        catch (JSException e)
        {
            // One chart that cannot be drawn must not end the circuit (and with it a whole wall-screen dashboard).
            Logger.LogError(e, "ApexCharts could not draw the chart");
            _failed = true;
        }
        finally
        {
            _drawing = false;
        }

        if (_disposed)
        {
            await DestroyAsync();
            return;
        }

        _ready = !_failed;
        StateHasChanged(); // shows data-chart-ready; the next after-render also catches options that changed meanwhile
    }

    private async Task UpdateIfChangedAsync()
    {
        if (_module is null || _drawnHash is null || _hash.AsSpan().SequenceEqual(_drawnHash))
        {
            return;
        }

        var (json, hash, options, version) = (_json, _hash, _pendingOptions, Version);
        (_drawnHash, _drawnOptions) = (hash, options);
        try
        {
            await _module.InvokeVoidAsync("update", _chartId, json, version);
        }
        catch (JSException e)
        {
            Logger.LogError(e, "ApexCharts could not update the chart");
            _failed = true;
            StateHasChanged();
        }
    }

    /// <summary>Called by apexchart.js with ApexCharts' indices of the clicked data point.</summary>
    [JSInvokable]
    public Task OnDataPointClick(int seriesIndex, int dataPointIndex)
    {
        var options = _drawnOptions ?? Options;
        var click = ApexChartOptionsSerializer.ResolveClick(options, seriesIndex, dataPointIndex);
        return click is null ? Task.CompletedTask : OnPointClick.InvokeAsync(click);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_drawing)
        {
            await DestroyAsync(); // while drawing, DrawAsync destroys the chart once it exists
        }
    }

    private async Task DestroyAsync()
    {
        try
        {
            if (_module is not null)
            {
                if (_chartId is not null)
                {
                    await _module.InvokeVoidAsync("destroy", _chartId);
                }

                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the browser with it: nothing left to destroy.
        }
        finally
        {
            _module = null;
            _chartId = null;
            _dotNetRef?.Dispose();
            _dotNetRef = null;
        }
    }
}
