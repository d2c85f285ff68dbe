using System.Globalization;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Features.Dashboard;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FinOps.Web.Features.Wall;

/// <summary>
/// The wall screen: headline figures, the month-end forecast, the 90-day trend and top spenders in large type, a clock
/// and the data-as-of line. <c>?rotate=30</c> shows one panel at a time (overview, trend, spenders), switching every
/// 30 seconds; without it the overview and the trend share the screen. Refreshes when data lands.
/// </summary>
public partial class WallPage : IAsyncDisposable
{
    internal static readonly string[] Panels = ["overview", "trend", "spenders"];
    private const int MinimumRotateSeconds = 5;

    private CostOverview? _overview;
    private FinOps.Domain.Costs.Dashboard? _dashboard;
    private IReadOnlyList<DataFreshness> _freshness = [];
    private ApexChartOptions? _trendOptions;
    private IReadOnlyList<FinOps.Domain.Anomalies.Anomaly> _anomalies = [];
    private DateTimeOffset _now;
    private LiveRefresh? _live;
    private ITimer? _clock;
    private ITimer? _rotation;
    private int _panel;
    private int _viewportHeight;

    [Inject] public required CostOverviewService Overview { get; init; }
    [Inject] public required DashboardService DashboardData { get; init; }
    [Inject] public required ImportLedger Ledger { get; init; }
    [Inject] public required FinOps.Domain.Anomalies.AnomalyService Anomalies { get; init; }
    [Inject] public required TimeProvider Time { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>Seconds per panel; absent or 0 shows overview and trend together.</summary>
    [SupplyParameterFromQuery(Name = "rotate")] public int? Rotate { get; set; }

    private bool Rotating => Rotate is > 0;

    private CurrencyOverview? Current => _overview?.Currencies.FirstOrDefault();

    private CurrencyDashboard? CurrentDashboard => _dashboard?.Currencies.FirstOrDefault(d => d.Currency == Current?.Currency);

    private bool Shows(string panel) => !Rotating || Panels[_panel] == panel;

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadAsync, StateHasChanged, TimeSpan.FromMilliseconds(200));
        _live.Watch(CostDataChanges);
        _clock = Time.CreateTimer(_ => _ = InvokeAsync(() =>
        {
            _now = Time.GetUtcNow();
            StateHasChanged();
        }), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
        if (Rotating)
        {
            var period = TimeSpan.FromSeconds(Math.Max(MinimumRotateSeconds, Rotate!.Value));
            _rotation = Time.CreateTimer(_ => _ = InvokeAsync(() =>
            {
                _panel = (_panel + 1) % Panels.Length;
                StateHasChanged();
            }), null, period, period);
        }

        // The chart's height follows the screen (1080p or 4K); ApexCharts takes it in pixels.
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", WallLayoutModule);
            _viewportHeight = (await module.InvokeAsync<Viewport>("viewport")).Height;
        }
        catch (JSException)
        {
            _viewportHeight = 1080;
        }

        BuildChart();
        StateHasChanged();
    }

    private const string WallLayoutModule = "./js/wall-connection.js";

    private sealed record Viewport(int Width, int Height);

    private async Task LoadAsync()
    {
        _overview = await Overview.GetAsync(CancellationToken.None);
        _dashboard = await DashboardData.GetAsync(CostMetric.BilledCost, TrendGrouping.Provider, DashboardService.DefaultTagKey, CancellationToken.None);
        _freshness = await Ledger.FreshnessAsync(CancellationToken.None);
        var trendStart = TrendChart.FirstDay(_dashboard.Today);
        _anomalies = (await Anomalies.ListAsync(null, 500, CancellationToken.None)).Where(a => a.Date >= trendStart).ToList();
        BuildChart();
    }

    private void BuildChart()
    {
        if (_viewportHeight == 0 || _dashboard is null || CurrentDashboard is not { } dashboard)
        {
            _trendOptions = null;
            return;
        }

        var share = Rotating ? 0.66 : 0.5;
        _trendOptions = TrendChart.Build(dashboard, _dashboard.Today, dashboard.Currency, ChartThemeMode.Dark, (int)(_viewportHeight * share), animate: false,
            anomalies: _anomalies);
    }

    private static string N0(decimal amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    private static string Change(decimal current, decimal previous) =>
        previous == 0 ? "n/a" : ((current - previous) / Math.Abs(previous)).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _live?.Dispose();
        _clock?.Dispose();
        _rotation?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
