using System.Globalization;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;

namespace FinOps.Web.Features.Dashboard;

/// <summary>The first page: headline costs per currency, the 90-day trend by provider and top services; refreshes when data lands.</summary>
public partial class DashboardPage : IDisposable
{
    private CostOverview? _overview;
    private IReadOnlyList<DataFreshness> _freshness = [];
    private string? _currency;
    private ApexChartOptions? _trendOptions;
    private LiveRefresh? _live;
    private string _moneyFormat = "N2";

    [Inject] public required CostOverviewService Overview { get; init; }
    [Inject] public required ImportLedger Ledger { get; init; }
    [Inject] public required FinOps.Domain.Administration.ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }

    private CurrencyOverview? Current => _overview?.Currencies.FirstOrDefault(c => c.Currency == _currency) ?? _overview?.Currencies.FirstOrDefault();

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = new LiveRefresh(InvokeAsync, DispatchExceptionAsync, async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }, TimeSpan.FromMilliseconds(200));
            _live.Watch(CostDataChanges);
        }
    }

    private async Task LoadAsync()
    {
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        _overview = await Overview.GetAsync(CancellationToken.None);
        _freshness = await Ledger.FreshnessAsync(CancellationToken.None);
        _currency ??= _overview.Currencies.FirstOrDefault()?.Currency;
        BuildChart();
    }

    private void SelectCurrency(string? currency)
    {
        _currency = currency;
        BuildChart();
    }

    private void BuildChart()
    {
        if (Current is not { } current)
        {
            _trendOptions = null;
            return;
        }

        var series = current.DailyByProvider
            .GroupBy(r => r.Keys["ProviderName"] ?? "unknown")
            .OrderByDescending(g => g.Sum(r => r.Cost))
            .Select(g => new ChartSeries(g.Key, g.OrderBy(r => r.Period).Select(r => new ChartPoint(r.Period!.Value, r.Cost)).ToList()))
            .ToList();
        _trendOptions = new ApexChartOptions
        {
            Kind = ChartKind.Area,
            Stacked = true,
            Series = series,
            ValueFormat = ValueFormat.Money(current.Currency),
            Height = 340,
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

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
