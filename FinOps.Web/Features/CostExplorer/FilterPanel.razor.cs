using System.Globalization;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using Microsoft.AspNetCore.Components;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>
/// The Cost Explorer's filter panel. Values are loaded only for the dimension being edited (one grouped engine query over
/// the current range and the other filters); resources, which are not in the rollup, are searched by id or name
/// (at most <see cref="ExplorerService.ResourceSearchLimit"/>). Checked values are applied together with Apply.
/// </summary>
public partial class FilterPanel
{
    public const int VisibleLimit = 100;
    public const int MinimumResourceSearch = 2;

    private static readonly CostDimension Resource = CostDimension.ForColumn("ResourceId");

    private CostDimension? _open;
    private bool _choosingTag;
    private IReadOnlyList<FilterValue> _values = [];
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private string _search = "";
    private bool _loadingValues;
    private string? _valuesError;
    private CancellationTokenSource? _valuesCancellation;
    private ExplorerState? _openedFor;

    [Inject] public required ExplorerService Explorer { get; init; }

    [Parameter, EditorRequired] public required ExplorerState State { get; set; }

    [Parameter] public IReadOnlyList<string> TagKeys { get; set; } = [];

    /// <summary>The currency the page shows: value costs are given in it when they have one.</summary>
    [Parameter] public string? Currency { get; set; }

    [Parameter] public string MoneyFormat { get; set; } = "N2";

    [Parameter] public EventCallback<FilterChange> OnChange { get; set; }

    [Parameter] public EventCallback OnClearAll { get; set; }

    /// <summary>Closes the panel where it slides in (narrow screens); shown only there.</summary>
    [Parameter] public EventCallback OnClose { get; set; }

    /// <summary>The explorer's columns, then every tag key that has a filter (or is being edited).</summary>
    private IEnumerable<CostDimension> Rows =>
        ExplorerDimensions.Columns
            .Concat(State.Filters.Select(f => f.Dimension).Where(d => !ExplorerDimensions.Columns.Contains(d)))
            .Concat(_open is { IsTag: true } open ? [open] : [])
            .Distinct();

    private List<FilterValue> MatchingValues
    {
        get
        {
            var search = _search.Trim();
            var selected = _pending.Where(p => !_values.Any(v => (v.Value ?? "") == p)).Select(p => new FilterValue(p.Length == 0 ? null : p, []));
            var all = _values.Concat(selected);
            return _open == Resource || search.Length == 0
                ? [.. all]
                : [.. all.Where(v => ExplorerDimensions.ValueLabel(_open!, v.Value).Contains(search, StringComparison.OrdinalIgnoreCase))];
        }
    }

    private IEnumerable<FilterValue> VisibleValues
    {
        get
        {
            var matching = MatchingValues;
            // Checked values first, so a long list never hides what is selected.
            return matching.Where(v => _pending.Contains(v.Value ?? "")).Concat(matching.Where(v => !_pending.Contains(v.Value ?? "")).Take(VisibleLimit));
        }
    }

    private int HiddenCount => Math.Max(0, MatchingValues.Count(v => !_pending.Contains(v.Value ?? "")) - VisibleLimit);

    /// <summary>The listed values belong to the question they were loaded for: when it changes (a drill, another range), the editor closes.</summary>
    protected override void OnParametersSet()
    {
        if (_open is not null && _openedFor is not null && !_openedFor.SameQuestion(State))
        {
            Close();
        }
    }

    private async Task ToggleAsync(CostDimension dimension)
    {
        if (_open == dimension)
        {
            Close();
            return;
        }

        await OpenAsync(dimension);
    }

    private void ToggleTagChooser()
    {
        _choosingTag = !_choosingTag;
        if (_choosingTag && _open is not null)
        {
            Close();
            _choosingTag = true;
        }
    }

    private Task OpenTagAsync(string key)
    {
        _choosingTag = false;
        return OpenAsync(CostDimension.ForTag(key));
    }

    private async Task OpenAsync(CostDimension dimension)
    {
        _open = dimension;
        _openedFor = State;
        _choosingTag = false;
        _search = "";
        _values = [];
        _valuesError = null;
        _pending = new HashSet<string>(State.FilterOn(dimension)?.Values.Select(v => v ?? "") ?? [], StringComparer.Ordinal);
        if (dimension != Resource)
        {
            await LoadValuesAsync(ct => Explorer.FilterValuesAsync(State, dimension, ct));
        }
    }

    private void Close()
    {
        _valuesCancellation?.Cancel();
        _open = null;
        _values = [];
        _pending.Clear();
        _search = "";
    }

    private async Task OnSearchChangedAsync(string? text)
    {
        _search = text ?? "";
        if (_open == Resource)
        {
            var term = _search.Trim();
            if (term.Length < MinimumResourceSearch)
            {
                _values = [];
                return;
            }

            await LoadValuesAsync(ct => Explorer.SearchResourcesAsync(State, term, ct));
        }
    }

    private async Task LoadValuesAsync(Func<CancellationToken, Task<IReadOnlyList<FilterValue>>> load)
    {
        _valuesCancellation?.Cancel();
        _valuesCancellation?.Dispose();
        var cancellation = _valuesCancellation = new CancellationTokenSource();
        _loadingValues = true;
        try
        {
            var values = await load(cancellation.Token);
            if (!cancellation.IsCancellationRequested)
            {
                _values = values;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Replaced by a newer search.
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            _valuesError = $"The values could not be loaded: {e.Message}";
        }
        finally
        {
            if (ReferenceEquals(cancellation, _valuesCancellation))
            {
                _loadingValues = false;
            }
        }
    }

    private void Toggle(string key)
    {
        if (!_pending.Remove(key))
        {
            _pending.Add(key);
        }
    }

    private async Task ApplyAsync(CostDimension dimension)
    {
        // Keep the order people see (costliest first), then values only in the link.
        var ordered = _values.Select(v => v.Value ?? "").Where(_pending.Contains)
            .Concat(_pending.Where(p => !_values.Any(v => (v.Value ?? "") == p)).Order(StringComparer.Ordinal))
            .Select(v => (string?)v)
            .ToList();
        Close();
        await OnChange.InvokeAsync(new FilterChange(dimension, ordered));
    }

    private static string Summary(CostDimension dimension, CostFilter? filter) => filter switch
    {
        null => "All",
        { Values.Count: 1 } => ExplorerDimensions.ValueLabel(dimension, filter.Values[0]),
        _ => $"{ExplorerDimensions.ValueLabel(dimension, filter.Values[0])} +{filter.Values.Count - 1}",
    };

    private string CostText(FilterValue value)
    {
        if (value.Costs.Count == 0)
        {
            return "no cost";
        }

        var cost = value.Costs.FirstOrDefault(c => c.BillingCurrency == Currency) ?? value.Costs[0];
        return $"{cost.Cost.ToString(MoneyFormat, CultureInfo.InvariantCulture)} {cost.BillingCurrency}";
    }
}
