using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Common;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.LineItems;
using FinOps.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer.LineItems;

/// <summary>
/// The raw FOCUS rows of a <see cref="CostQuery"/> (its dates and filters), paged and sorted on the server, with a
/// column chooser remembered in the browser, a resource search and a drawer showing every column of a clicked row.
/// Page, sort, page size and search come in as parameters (from the URL) and go out through
/// <see cref="NavigationChanged"/>; the view also follows them on its own when nobody listens. New imports reload it.
/// </summary>
public partial class LineItemsView : IAsyncDisposable
{
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, 200];

    internal const string ModulePath = "./Features/CostExplorer/LineItems/LineItemsView.razor.js";

    private LineItemPage? _page;
    private string? _error;
    private bool _loading;
    private bool _chooserOpen;
    private bool _detailOpen;
    private LineItemRow? _detail;
    private string _moneyFormat = "N2";
    private List<string> _visible = [.. LineItemColumns.Default];

    // The view's state: taken from the parameters whenever they change, changed by the person in between.
    private int _pageIndex;
    private LineItemSort _sort = LineItemSort.Default;
    private int _pageSize = 50;
    private string? _search;
    private string? _parametersSeen;
    private int? _pageSizeSeen;
    private string? _loaded;
    private IJSObjectReference? _module;
    private LiveRefresh? _live;

    [Inject] public required LineItemQueryService LineItems { get; init; }
    [Inject] public required ApplicationSettingsService Settings { get; init; }
    [Inject] public required Notifier<CostDataChanged> CostDataChanged { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>Whose line items: From, To and Filters are used (metric, grouping and granularity do not change the rows).</summary>
    [Parameter, EditorRequired] public required CostQuery Query { get; set; }

    /// <summary>1-based page (the URL's <c>page</c>).</summary>
    [Parameter] public int Page { get; set; } = 1;

    /// <summary><c>Column:asc</c> or <c>Column:desc</c> (the URL's <c>sort</c>); empty for newest charge first.</summary>
    [Parameter] public string? Sort { get; set; }

    [Parameter] public int PageSize { get; set; } = 50;

    /// <summary>Keeps rows whose ResourceId or ResourceName contains this text.</summary>
    [Parameter] public string? ResourceSearch { get; set; }

    /// <summary>Shows CSV and XLSX download buttons for every line item of the current filters, search and order.</summary>
    [Parameter] public bool ShowExport { get; set; } = true;

    /// <summary>Raised when the person pages, sorts, changes the page size or searches: put it in the URL.</summary>
    [Parameter] public EventCallback<LineItemsNavigation> NavigationChanged { get; set; }

    private IEnumerable<FocusColumn> VisibleColumns =>
        FocusColumns.All.Where(c => _visible.Contains(c.Name)).OrderBy(c => _visible.IndexOf(c.Name));

    protected override async Task OnInitializedAsync() =>
        _moneyFormat = (await Settings.GetAsync(CancellationToken.None)).CurrencyFormat;

    protected override async Task OnParametersSetAsync()
    {
        var parameters = string.Join('\u001f', QueryKey(Query), Page, Sort, PageSize, ResourceSearch);
        if (parameters != _parametersSeen)
        {
            _parametersSeen = parameters;
            _error = null;
            if (!LineItemSort.TryParse(Sort, out _sort, out var sortError))
            {
                _error = $"The sort in the link was ignored: {sortError}.";
            }

            _pageIndex = Math.Max(Page, 1) - 1;
            if (PageSize != _pageSizeSeen)
            {
                // Only a new PageSize resets the size: the URL does not carry the one the person picked, so a page
                // change coming back from the URL keeps it.
                _pageSizeSeen = PageSize;
                _pageSize = Math.Clamp(PageSize, 1, LineItemRequest.MaxPageSize);
            }
            _search = string.IsNullOrWhiteSpace(ResourceSearch) ? null : ResourceSearch.Trim();
        }

        await LoadAsync(force: false);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _live = new LiveRefresh(InvokeAsync, DispatchExceptionAsync, async () =>
        {
            await LoadAsync(force: true);
            StateHasChanged();
        }, TimeSpan.FromMilliseconds(500));
        _live.Watch(CostDataChanged);

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            var stored = await _module.InvokeAsync<string[]?>("getColumns");
            var known = stored?.Where(name => FocusColumns.TryFind(name, out _)).Select(Canonical).Distinct().ToList();
            if (known is { Count: > 0 })
            {
                _visible = known;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while starting: nothing to remember.
        }
    }

    private async Task LoadAsync(bool force)
    {
        var request = new LineItemRequest(Query, _sort, _pageIndex, _pageSize, _search);
        var key = string.Join('\u001f', QueryKey(Query), _pageIndex, _sort, _pageSize, _search);
        if (!force && key == _loaded)
        {
            return;
        }

        _loaded = key;
        _loading = true;
        try
        {
            _page = await LineItems.GetPageAsync(request, CancellationToken.None);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task NavigateAsync()
    {
        await LoadAsync(force: false);
        if (NavigationChanged.HasDelegate)
        {
            await NavigationChanged.InvokeAsync(new LineItemsNavigation(_pageIndex + 1, _sort.ToString(), _pageSize, _search));
        }
    }

    private Task GoToPageAsync(int page)
    {
        _pageIndex = Math.Max(page, 1) - 1;
        return NavigateAsync();
    }

    private Task SortByAsync(FocusColumn column)
    {
        // Money and time start with the largest / newest; text starts at A.
        var descending = _sort.Column == column ? !_sort.Descending : column.IsMoney || column.Kind == FocusValueKind.DateTime;
        _sort = LineItemSort.By(column.Name, descending);
        _pageIndex = 0;
        return NavigateAsync();
    }

    private Task SetPageSizeAsync(int size)
    {
        _pageSize = Math.Clamp(size, 1, LineItemRequest.MaxPageSize);
        _pageIndex = 0;
        return NavigateAsync();
    }

    private Task SearchAsync(string? text)
    {
        _search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        _pageIndex = 0;
        return NavigateAsync();
    }

    private void ToggleChooser() => _chooserOpen = !_chooserOpen;

    private async Task SetColumnAsync(string column, bool shown)
    {
        if (shown && !_visible.Contains(column))
        {
            _visible.Add(column);
        }
        else if (!shown && _visible.Count > 1)
        {
            _visible.Remove(column); // at least one column stays, so a row can still be clicked
        }

        await StoreColumnsAsync(_visible.ToArray());
    }

    private async Task ResetColumnsAsync()
    {
        _visible = [.. LineItemColumns.Default];
        await StoreColumnsAsync(null);
    }

    private async Task StoreColumnsAsync(string[]? columns)
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("setColumns", (object?)columns);
        }
        catch (JSDisconnectedException)
        {
            // Nothing to remember in a closed browser tab.
        }
    }

    private void OpenDetail(DataGridRowClickEventArgs<LineItemRow> click)
    {
        _detail = click.Item;
        _detailOpen = true;
    }

    private void CloseDetail() => _detailOpen = false;

    private string AriaSort(FocusColumn column) =>
        _sort.Column != column ? "none" : _sort.Descending ? "descending" : "ascending";

    private static int PageCount(LineItemPage page) =>
        (int)Math.Min(int.MaxValue, (page.TotalCount + page.PageSize - 1) / page.PageSize);

    private static string Canonical(string name) => FocusColumns.TryFind(name, out var column) ? column.Name : name;

    /// <summary>What decides the rows: dates and filters (a new CostQuery instance with the same content is the same question).</summary>
    private static string QueryKey(CostQuery query) =>
        string.Join('\u001e', new[] { query.From.ToString("O", CultureInfo.InvariantCulture), query.To.ToString("O", CultureInfo.InvariantCulture) }
            .Concat(query.Filters.Select(f => f.Dimension.Name + "\u001d" + string.Join('\u001d', f.Values.Select(v => v ?? "")))));

    public async ValueTask DisposeAsync()
    {
        _live?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; so is the module.
            }
        }

        GC.SuppressFinalize(this);
    }
}
