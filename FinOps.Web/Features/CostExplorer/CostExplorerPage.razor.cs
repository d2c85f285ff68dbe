using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>
/// The Cost Explorer: what did X cost, by Y, over Z, and why did it change. The whole view lives in the URL
/// (<see cref="ExplorerUrl"/>): every change navigates, and the page follows the URL, so links, saved views and the back
/// button reproduce it. A change made on the page is shown at once (its answer is asked for while the browser updates
/// its address, not a round trip later); the browser's confirmation then finds that address on screen and does
/// nothing, and a late confirmation of an address already left for a newer one is ignored. Questions that change the data push a history entry (drill-down, filters, grouping, range), and
/// so do the table's and the line items' page, sort and resource search: Back and Forward walk through the pages an
/// analyst looked at, and the grids follow the URL (one load per position: when the URL only catches up with what a grid
/// asked for, nothing is loaded again). Switching the view, chart kind or currency replaces the current entry: they show
/// the same answer differently, and an entry per click would make Back replay tab clicks instead of walking back through
/// the questions. A table page past the end is corrected in place (replaced) too. Each load is at most two
/// engine queries in parallel (the range and, when comparing, the previous period); filter values are asked for only
/// when a filter is opened. Currencies are never added together: one currency is shown at a time, with a selector.
/// </summary>
public partial class CostExplorerPage : IDisposable
{
    private const string CustomRangeKey = "custom";

    private ExplorerState? _state;
    private IReadOnlyList<ExplorerUrlIssue> _issues = [];
    private ExplorerAnswer? _answer;
    private ExplorerCurrencyAnswer? _currencyAnswer;
    private ExplorerChartModel? _timeChart;
    private ExplorerChartModel? _breakdownChart;
    private IReadOnlyList<DrillStep> _steps = [];
    private string? _loadError;
    private bool _loading;
    private int _answerVersion;
    private IReadOnlyDictionary<string, FinOps.Domain.Optimization.Utilization.ResourceUtilizationSummary>? _utilization;

    /// <summary>The answer <see cref="_utilization"/> was loaded for (only the table shows it, so only the table loads it).</summary>
    private ExplorerAnswer? _utilizationAnswer;
    private string _moneyFormat = "N2";
    private DateOnly _today;
    private IReadOnlyList<string> _tagKeys = [];
    private string? _syncedUri;

    /// <summary>
    /// Addresses this page asked the browser to show and whose confirmation (LocationChanged) has not come back yet, oldest
    /// first. The page shows an address's answer as soon as it asks for it; the confirmation then has nothing left to do,
    /// and the confirmation of an older address while a newer one is on its way is ignored.
    /// </summary>
    private readonly List<string> _unconfirmedNavigations = [];

    /// <summary>The address being shown or loaded (set at once, unlike <see cref="_syncedUri"/>, which waits for the answer's first render).</summary>
    private string? _shownAddress;
    private CancellationTokenSource? _loadCancellation;
    private LiveRefresh? _live;
    private bool _disposed;

    /// <summary>Below 1500 px the filter panel slides in from the right when opened (above, it is always beside the view).</summary>
    private bool _filtersOpen;

    [Inject] public required ExplorerService Explorer { get; init; }
    [Inject] public required FinOps.Domain.Optimization.Utilization.UtilizationStatistics Utilization { get; init; }
    [Inject] public required CostOverviewService Overview { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanges { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    private string? Currency => _answer?.SelectCurrency(_state?.Currency);

    /// <summary>The address (as the browser shows it) whose answer is on screen; null while a newer answer is loading.</summary>
    private string? RenderedUrl => _loading ? null : _syncedUri;

    private string MetricLabel => _state is null ? "" : MetricName(_state.Metric);

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;
        _tagKeys = await Explorer.TagKeysAsync(CancellationToken.None);
        await ShowAsync(Navigation.Uri);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = new LiveRefresh(InvokeAsync, DispatchExceptionAsync, async () =>
            {
                if (_state is not null)
                {
                    _tagKeys = await Explorer.TagKeysAsync(CancellationToken.None);
                    await LoadAsync(_state);
                    StateHasChanged();
                }
            }, TimeSpan.FromMilliseconds(500));
            _live.Watch(CostDataChanges);
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            try
            {
                var uri = Navigation.Uri;
                var ours = _unconfirmedNavigations.IndexOf(uri);
                if (ours >= 0)
                {
                    var superseded = ours < _unconfirmedNavigations.Count - 1;
                    _unconfirmedNavigations.RemoveRange(0, ours + 1);
                    if (superseded)
                    {
                        return; // the browser confirms an address this page has already left for a newer one
                    }
                }
                else
                {
                    _unconfirmedNavigations.Clear(); // Back, Forward, a link: the browser leads
                }

                if (await ShowAsync(uri))
                {
                    StateHasChanged();
                }
            }
            catch (Exception exception)
            {
                await DispatchExceptionAsync(exception);
            }
        });

    /// <summary>
    /// Shows the view of <paramref name="address"/> (absolute, as the browser shows it): reads the state from it and asks
    /// the engine again only when the question changed. Returns false when that address is already on screen.
    /// </summary>
    private async Task<bool> ShowAsync(string address)
    {
        var uri = new Uri(address);
        if (_disposed || address == _shownAddress || !uri.AbsolutePath.TrimEnd('/').Equals(ExplorerUrl.Path, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _shownAddress = address;
        _today = await Overview.TodayAsync(CancellationToken.None);
        if (_shownAddress != address)
        {
            return false; // another address came meanwhile
        }

        _syncedUri = address; // no await until LoadAsync has set _loading (or BuildViews has built this URL's view)
        var parsed = ExplorerUrl.Parse(uri.Query, _today);
        _issues = parsed.Issues;
        _state = parsed.State;
        _steps = DrillPath.Steps(_state);
        if (_answer is null || !_state.SameQuestion(_answer.State) || _loadError is not null)
        {
            await LoadAsync(_state);
        }
        else
        {
            BuildViews();
            if (_state.View == ExplorerView.Table && !ReferenceEquals(_utilizationAnswer, _answer))
            {
                await LoadAsync(_state, _answer); // the same answer in the table: only its utilization is missing
            }
        }

        return true;
    }

    /// <summary>At resource grouping, the average and p95 utilization of the resources in the answer over its range.</summary>
    private async Task<IReadOnlyDictionary<string, FinOps.Domain.Optimization.Utilization.ResourceUtilizationSummary>?> LoadUtilizationAsync(
        ExplorerState state, ExplorerAnswer answer, CancellationToken ct)
    {
        var index = state.GroupBy.ToList().FindIndex(g => g.Column == "ResourceId");
        if (index < 0)
        {
            return null;
        }

        if (answer.SelectCurrency(state.Currency) is not { } currency)
        {
            return null;
        }

        var ids = answer.ForCurrency(currency).Rows.Select(r => r.Group.Values[index]).OfType<string>();
        return await Utilization.SummarizeAsync(ids, state.From, state.To, ct);
    }

    private Task LineItemsChanged(FinOps.Web.Features.CostExplorer.LineItems.LineItemsNavigation navigation)
    {
        if (_state is not null && (_state.Page != navigation.Page || _state.LineItemSort != navigation.Sort || _state.ResourceSearch != navigation.ResourceSearch))
        {
            return Go(_state with { Page = navigation.Page, LineItemSort = navigation.Sort, ResourceSearch = navigation.ResourceSearch });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Asks the engine for <paramref name="state"/>'s answer (or takes <paramref name="known"/>, an answer to the same
    /// question) and, when the table shows it, the resources' utilization (only the table shows it, so only the table
    /// loads it). A newer load cancels this one; the page shows the loading state until the newest has finished.
    /// </summary>
    private async Task LoadAsync(ExplorerState state, ExplorerAnswer? known = null)
    {
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
        var cancellation = _loadCancellation = new CancellationTokenSource();
        _loading = true;
        _loadError = null;
        StateHasChanged(); // the progress bar shows while the engine answers
        try
        {
            var answer = known ?? await Explorer.AnswerAsync(state, cancellation.Token);
            var utilization = state.View == ExplorerView.Table ? await LoadUtilizationAsync(state, answer, cancellation.Token) : null;
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            (_utilization, _utilizationAnswer) = (utilization, state.View == ExplorerView.Table ? answer : null);
            if (!ReferenceEquals(answer, _answer))
            {
                _answer = answer;
                _answerVersion++;
            }

            BuildViews();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer question replaced this one.
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            _loadError = $"The costs could not be loaded: {e.Message}";
        }
        finally
        {
            if (ReferenceEquals(cancellation, _loadCancellation))
            {
                _loading = false;
            }
        }
    }

    private void BuildViews()
    {
        if (_answer is null || _state is null || Currency is not { } currency)
        {
            (_currencyAnswer, _timeChart, _breakdownChart) = (null, null, null);
            return;
        }

        // The answer's own state (its grouping) with the page-only state of the URL (chart kind, compare flag...).
        var state = _state with { GroupBy = _answer.State.GroupBy };
        _currencyAnswer = _answer.ForCurrency(currency);
        _timeChart = ExplorerCharts.OverTime(_currencyAnswer, state);
        _breakdownChart = ExplorerCharts.Breakdown(_currencyAnswer, state);
    }

    /// <summary>
    /// Shows <paramref name="next"/>: a new history entry, or (page-only changes) a replaced one. The answer is asked for at
    /// once, not when the browser has confirmed the new address a round trip later.
    /// </summary>
    private async Task Go(ExplorerState next, bool replace = false)
    {
        var url = ExplorerUrl.ToUrl(next);
        var address = Navigation.ToAbsoluteUri(url).AbsoluteUri;
        _unconfirmedNavigations.Add(address);
        Navigation.NavigateTo(url, new NavigationOptions { ReplaceHistoryEntry = replace });
        await ShowAsync(address);
    }

    private Task ChangeQuestion(Func<ExplorerState, ExplorerState> change) =>
        _state is null ? Task.CompletedTask : Go(change(_state).WithQueryChanged());

    /// <summary>A preset's key, or "custom": the dates stay as they are and no longer follow today.</summary>
    private Task SelectRangeKind(string? key)
    {
        if (DatePreset.TryFind(key, out var preset))
        {
            var (from, to) = preset.Resolve(_today);
            return ChangeQuestion(s => s with { Preset = preset, From = from, To = to });
        }

        return key == CustomRangeKey ? ChangeQuestion(s => s with { Preset = null }) : Task.CompletedTask;
    }

    private Task SelectCustomRange(DateRange? range)
    {
        if (range?.Start is not { } start || range.End is not { } end)
        {
            return Task.CompletedTask;
        }

        // The picker's end is the last day shown; the URL's "to" is exclusive.
        return ChangeQuestion(s => s with { Preset = null, From = DateOnly.FromDateTime(start), To = DateOnly.FromDateTime(end).AddDays(1) });
    }

    private Task SelectMetric(CostMetric metric) => ChangeQuestion(s => s with { Metric = metric });

    private Task SelectGranularity(Granularity granularity) => ChangeQuestion(s => s with { Granularity = granularity });

    private Task SelectCompare(bool compare) => ChangeQuestion(s => s with { Compare = compare });

    private Task SelectGroupBy(CostDimension? first) => ChangeQuestion(s =>
    {
        var primary = first ?? ExplorerState.DefaultGroupBy;
        var second = s.GroupBy.Count > 1 && s.GroupBy[1] != primary ? s.GroupBy[1] : null;
        return s with { GroupBy = second is null ? [primary] : [primary, second] };
    });

    private Task SelectThenBy(CostDimension? second) => ChangeQuestion(s =>
        s with { GroupBy = second is null || second == s.GroupBy[0] ? [s.GroupBy[0]] : [s.GroupBy[0], second] });

    private Task ApplyFilter(FilterChange change) => ChangeQuestion(s => s.WithFilter(change.Dimension, change.Values));

    private Task ClearFilters() => ChangeQuestion(s => s with { Filters = [] });

    private Task SelectView(ExplorerView view)
    {
        if (_state is not null && _state.View != view)
        {
            // The table's and the line items' pages count different rows: another view starts on its first page.
            return Go(_state with { View = view, Page = 1 }, replace: true);
        }

        return Task.CompletedTask;
    }

    private Task SelectChart(ExplorerChartKind chart)
    {
        if (_state is not null && _state.Chart != chart)
        {
            return Go(_state with { Chart = chart }, replace: true);
        }

        return Task.CompletedTask;
    }

    private Task SelectCurrency(string? currency)
    {
        if (_state is not null && currency is not null && currency != Currency)
        {
            return Go(_state with { Currency = currency, Page = 1 }, replace: true);
        }

        return Task.CompletedTask;
    }

    private Task TableChanged(TablePosition position)
    {
        if (_state is not null && (_state.Page != position.Page || _state.Sort != position.Sort))
        {
            return Go(_state with { Page = position.Page, Sort = position.Sort }, replace: position.IsCorrection);
        }

        return Task.CompletedTask;
    }

    private Task WalkBack(DrillStep step)
    {
        if (!step.IsCurrent)
        {
            return Go(step.Target);
        }

        return Task.CompletedTask;
    }

    private Task OnTimeChartClick(ChartPointClick click) => DrillInto(_timeChart, _state?.Granularity == Granularity.None ? click.PointIndex : click.SeriesIndex);

    private Task OnBreakdownClick(ChartPointClick click) => DrillInto(_breakdownChart, click.PointIndex);

    private Task DrillInto(ExplorerChartModel? chart, int index)
    {
        if (chart is null || index < 0 || index >= chart.Groups.Count)
        {
            return Task.CompletedTask;
        }

        if (chart.Groups[index] is not { } group)
        {
            Snackbar.Add("\"Other\" holds the smaller groups together: open the table to see and drill into each of them.", Severity.Info);
            return Task.CompletedTask;
        }

        return DrillIntoGroup(group);
    }

    private Task DrillIntoGroup(ExplorerGroup group)
    {
        if (_state is null || _answer is null)
        {
            return Task.CompletedTask;
        }

        var groupBy = _answer.State.GroupBy;
        var drilled = DrillPath.Drill(_state, [.. groupBy.Select((d, i) => new DrillValue(d, group.Values[i]))]);
        if (drilled is null)
        {
            Snackbar.Add($"{ExplorerDimensions.Label(groupBy[^1])} is the finest level: there is nothing below it to drill into.", Severity.Info);
            return Task.CompletedTask;
        }

        return Go(drilled);
    }

    private async Task CopyLinkAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Navigation.Uri);
            Snackbar.Add("Link copied: it opens this exact view.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying; copy the address bar instead.", Severity.Warning);
        }
    }

    internal static string MetricName(CostMetric metric) => metric switch
    {
        CostMetric.BilledCost => "billed",
        CostMetric.EffectiveCost => "amortized",
        CostMetric.ListCost => "list",
        _ => "contracted",
    };

    private string Money(decimal amount) => $"{amount.ToString(_moneyFormat, CultureInfo.InvariantCulture)} {Currency}";

    private static string Range(DateOnly from, DateOnly toExclusive)
    {
        var last = toExclusive.AddDays(-1);
        return from == last
            ? from.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{from.ToString(from.Year == last.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture)} – {last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
    }

    private static string Percent(decimal? ratio) =>
        ratio is { } r ? (r >= 0 ? "+" : "") + r.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";

    private string SignedMoney(decimal amount) => (amount >= 0 ? "+" : "") + Money(amount);

    public void Dispose()
    {
        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        _live?.Dispose();
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
        GC.SuppressFinalize(this);
    }
}
