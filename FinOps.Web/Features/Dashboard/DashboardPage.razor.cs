using System.Globalization;
using FinOps.Domain.Anomalies;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Features.Dashboard;

/// <summary>
/// The first page: headline costs per currency in the chosen metric, the 90-day trend stacked by provider or service
/// category with the month-end forecast, and the top services, sub-accounts and tag values of the last 30 days against
/// the 30 days before. Metric, grouping and tag key live in the URL; the page refreshes when data lands.
/// </summary>
public partial class DashboardPage : IDisposable
{
    private CostOverview? _overview;
    private FinOps.Domain.Costs.Dashboard? _dashboard;
    private IReadOnlyList<DataFreshness> _freshness = [];
    private IReadOnlyList<Anomaly> _anomalies = [];
    private string? _currency;
    private ApexChartOptions? _trendOptions;
    private LiveRefresh? _live;
    private string _moneyFormat = "N2";
    private (CostMetric Metric, TrendGrouping Grouping, string Tag)? _loaded;
    private CostMetric _metric;
    private TrendGrouping _grouping;
    private string _tag = DashboardService.DefaultTagKey;

    [Inject] public required CostOverviewService Overview { get; init; }
    [Inject] public required DashboardService DashboardData { get; init; }
    [Inject] public required ImportLedger Ledger { get; init; }
    [Inject] public required AnomalyService Anomalies { get; init; }
    [Inject] public required FinOps.Domain.Administration.ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required Notifier<AnomaliesDetected> AnomaliesDetected { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>
    /// The key under which the prerendered page hands what it loaded to the interactive page (in the HTML), so that the
    /// circuit's first render does not query everything a second time.
    /// </summary>
    private const string SnapshotKey = "dashboard-snapshot";

    /// <summary>
    /// The largest snapshot handed over (as JSON). It travels back to the server in the circuit's first SignalR message,
    /// whose size is limited (<see cref="Hosting.WebSetup.MaximumCircuitMessageBytes"/>): a larger one is left out and the
    /// page simply loads again.
    /// </summary>
    public const int MaxSnapshotBytes = 192 * 1024;

    private DashboardSnapshot? _snapshot;
    private PersistingComponentStateSubscription? _persisting;

    [Inject] public required IServiceProvider Services { get; init; }

    /// <summary><c>billed</c> (default) or <c>amortized</c> (effective cost: commitments spread over the days they cover).</summary>
    [SupplyParameterFromQuery(Name = "metric")] public string? MetricQuery { get; set; }

    /// <summary><c>provider</c> (default) or <c>category</c>: what the trend is stacked by.</summary>
    [SupplyParameterFromQuery(Name = "group")] public string? GroupQuery { get; set; }

    /// <summary>The tag key of the third top-spender table (default <c>team</c>).</summary>
    [SupplyParameterFromQuery(Name = "tag")] public string? TagQuery { get; set; }

    private CurrencyOverview? Current => _overview?.Currencies.FirstOrDefault(c => c.Currency == _currency) ?? _overview?.Currencies.FirstOrDefault();

    private CurrencyDashboard? CurrentDashboard => _dashboard?.Currencies.FirstOrDefault(c => c.Currency == Current?.Currency);

    private string MetricLabel => _metric == CostMetric.EffectiveCost ? "amortized" : "billed";

    private string GroupLabel => _grouping == TrendGrouping.Category ? "service category" : "provider";

    protected override void OnInitialized()
    {
        if (Services.GetService<PersistentComponentState>() is not { } state)
        {
            return;
        }

        if (state.TryTakeFromJson<DashboardSnapshot>(SnapshotKey, out var restored))
        {
            _snapshot = restored;
        }

        _persisting = state.RegisterOnPersisting(() =>
        {
            if (_snapshot is { } snapshot && System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snapshot).Length <= MaxSnapshotBytes)
            {
                state.PersistAsJson(SnapshotKey, snapshot);
            }

            return Task.CompletedTask;
        });
    }

    protected override async Task OnParametersSetAsync()
    {
        _metric = string.Equals(MetricQuery, "amortized", StringComparison.OrdinalIgnoreCase) ? CostMetric.EffectiveCost : CostMetric.BilledCost;
        _grouping = string.Equals(GroupQuery, "category", StringComparison.OrdinalIgnoreCase) ? TrendGrouping.Category : TrendGrouping.Provider;
        _tag = string.IsNullOrWhiteSpace(TagQuery) ? DashboardService.DefaultTagKey : TagQuery.Trim();
        if (_loaded == (_metric, _grouping, _tag))
        {
            return;
        }

        if (_overview is null && _snapshot is { } snapshot && (snapshot.Metric, snapshot.Grouping, snapshot.Tag) == (_metric, _grouping, _tag))
        {
            Apply(snapshot);
            _anomalies = await LoadAnomaliesAsync(snapshot.Dashboard.Today);
            BuildChart();
            return;
        }

        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = LiveRefresh.ReloadThenRender(InvokeAsync, DispatchExceptionAsync, LoadAsync, StateHasChanged, TimeSpan.FromMilliseconds(200));
            _live.Watch(CostDataChanges);
            _live.Watch(AnomaliesDetected);
        }
    }

    private async Task LoadAsync()
    {
        var (metric, grouping, tag) = (_metric, _grouping, _tag);
        var moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        var overview = await Overview.GetAsync(metric, CancellationToken.None);
        var dashboard = await DashboardData.GetAsync(metric, grouping, tag, CancellationToken.None);
        var freshness = await Ledger.FreshnessAsync(CancellationToken.None);
        _anomalies = await LoadAnomaliesAsync(dashboard.Today);
        _snapshot = new DashboardSnapshot(metric, grouping, tag, moneyFormat, overview, dashboard, freshness);
        Apply(_snapshot);
    }

    /// <summary>The anomalies of the trend's days (marked on the chart; the alerts panel lists the open ones itself).</summary>
    private async Task<IReadOnlyList<Anomaly>> LoadAnomaliesAsync(DateOnly today)
    {
        var trendStart = TrendChart.FirstDay(today);
        return (await Anomalies.ListAsync(null, 500, CancellationToken.None)).Where(a => a.Date >= trendStart).ToList();
    }

    private void Apply(DashboardSnapshot snapshot)
    {
        _moneyFormat = snapshot.MoneyFormat;
        _overview = snapshot.Overview;
        _dashboard = snapshot.Dashboard;
        _freshness = snapshot.Freshness;
        _currency ??= _overview.Currencies.FirstOrDefault()?.Currency;
        _loaded = (snapshot.Metric, snapshot.Grouping, snapshot.Tag);
        BuildChart();
    }

    private Task SelectMetric(CostMetric metric) => ChangeAsync(metric, _grouping, _tag);

    private Task SelectGrouping(TrendGrouping grouping) => ChangeAsync(_metric, grouping, _tag);

    private Task SelectTag(string? tag) => ChangeAsync(_metric, _grouping, string.IsNullOrWhiteSpace(tag) ? DashboardService.DefaultTagKey : tag.Trim());

    /// <summary>Shows the new view at once and puts it in the URL (links and the back button keep it).</summary>
    private async Task ChangeAsync(CostMetric metric, TrendGrouping grouping, string tag)
    {
        (_metric, _grouping, _tag) = (metric, grouping, tag);
        await LoadAsync();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["metric"] = metric == CostMetric.EffectiveCost ? "amortized" : null,
            ["group"] = grouping == TrendGrouping.Category ? "category" : null,
            ["tag"] = tag == DashboardService.DefaultTagKey ? null : tag,
        }));
    }

    private void SelectCurrency(string? currency)
    {
        _currency = currency;
        BuildChart();
    }

    private void BuildChart()
    {
        if (Current is not { } current || _dashboard is null || CurrentDashboard is not { } dashboard)
        {
            _trendOptions = null;
            return;
        }

        _trendOptions = TrendChart.Build(dashboard, _dashboard.Today, current.Currency, anomalies: _anomalies);
    }

    /// <summary>A click on a bar of the trend opens that day (or the forecast's month) in the Cost Explorer.</summary>
    private void DrillIntoTrend(ChartPointClick click)
    {
        if (_dashboard is not null && Current is { } current && TrendChart.DrillLink(click, _dashboard.Today, _metric, _grouping, current.Currency) is { } link)
        {
            Navigation.NavigateTo(link);
        }
    }

    /// <summary>The explorer over [<paramref name="from"/>, <paramref name="to"/>) in this page's metric and currency.</summary>
    private ExplorerLink Explore(DateOnly from, DateOnly to) =>
        new ExplorerLink(from, to, _metric).Where("BillingCurrency", Current?.Currency);

    /// <summary>Savings are list minus effective cost: the explorer shows the last 30 days' list cost by pricing category.</summary>
    private string SavingsLink() =>
        (Explore(_overview!.Today.AddDays(-29), _overview.Today.AddDays(1)) with { Metric = CostMetric.ListCost }).GroupedBy("PricingCategory");

    /// <summary>Links of the top-spender tables: the last 30 days of one service, sub-account or tag value, compared with the 30 before.</summary>
    private string SpenderLink(string table, string? name)
    {
        var today = _overview!.Today;
        var link = Explore(today.AddDays(1 - DashboardService.SpenderDays), today.AddDays(1)).Comparing();
        return table switch
        {
            "top-services" => link.Where("ServiceName", name).GroupedBy("ResourceId"),
            "top-subaccounts" => link.Where("SubAccountId", name).GroupedBy("ServiceName"),
            _ => link.WhereTag(_dashboard!.TagKey, name).GroupedBy("ServiceName"),
        };
    }

    private string Money(decimal amount) =>
        $"{amount.ToString(_moneyFormat, CultureInfo.InvariantCulture)} {Current?.Currency}";

    private static string Change(decimal current, decimal previous)
    {
        if (previous == 0)
        {
            return "n/a";
        }

        var change = (current - previous) / Math.Abs(previous);
        return (change >= 0 ? "+" : "") + change.ToString("P1", CultureInfo.InvariantCulture);
    }

    private string SpenderChange(Spender spender) =>
        (spender.Change >= 0 ? "+" : "") + spender.Change.ToString(_moneyFormat, CultureInfo.InvariantCulture) +
        (spender.ChangeRatio is { } ratio ? $" ({(ratio >= 0 ? "+" : "")}{ratio.ToString("0.0%", CultureInfo.InvariantCulture)})" : " (new)");

    public void Dispose()
    {
        _live?.Dispose();
        _persisting?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Everything the dashboard shows for one metric, trend grouping and tag key.</summary>
public sealed record DashboardSnapshot(
    CostMetric Metric,
    TrendGrouping Grouping,
    string Tag,
    string MoneyFormat,
    CostOverview Overview,
    FinOps.Domain.Costs.Dashboard Dashboard,
    IReadOnlyList<DataFreshness> Freshness);
