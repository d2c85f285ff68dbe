using System.Globalization;
using System.Linq.Expressions;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>
/// The Cost Explorer's table. MudDataGrid asks for each page and sort through <see cref="LoadPageAsync"/>, which sorts
/// and pages the answer's rows (<see cref="ExplorerTable"/>) and reports the position, so the page and sort go into the
/// URL. The page and sort come from the URL: when they change there without the grid having asked (Back, Forward, a
/// link), the grid is started again on that position (MudDataGrid takes its page and sort from its parameters only when
/// it starts), which asks for exactly that one page. When the URL merely catches up with what the grid asked for, nothing
/// is loaded again.
/// </summary>
public partial class ExplorerTableView
{
    private static readonly Expression<Func<TableLine, string>> Group0 = x => x.Group0;
    private static readonly Expression<Func<TableLine, string>> Group1 = x => x.Group1;

    private MudDataGrid<TableLine>? _grid;

    /// <summary>Changes when the grid must start again on the URL's position (its <c>@key</c>).</summary>
    private int _gridGeneration;

    /// <summary>The page and sort the grid shows (null before its first load).</summary>
    private TablePosition? _shown;

    /// <summary>The <see cref="Page"/> and <see cref="Sort"/> parameters last seen, to tell news from the URL from a re-render.</summary>
    private TablePosition? _parametersSeen;

    private ExplorerCurrencyAnswer? _answerSeen;

    [Parameter, EditorRequired] public required ExplorerCurrencyAnswer Answer { get; set; }

    [Parameter, EditorRequired] public required IReadOnlyList<CostDimension> GroupBy { get; set; }

    [Parameter] public bool Compare { get; set; }

    /// <summary>The page to show first, 1-based.</summary>
    [Parameter] public int Page { get; set; } = 1;

    [Parameter] public TableSort Sort { get; set; } = TableSort.Default;

    [Parameter] public string MoneyFormat { get; set; } = "N2";

    /// <summary>Show a drill button per row (false at the finest level).</summary>
    [Parameter] public bool CanDrill { get; set; }

    /// <summary>At resource grouping: each resource's average and p95 utilization over the range (null otherwise).</summary>
    [Parameter] public IReadOnlyDictionary<string, FinOps.Domain.Optimization.Utilization.ResourceUtilizationSummary>? Utilization { get; set; }

    private int ResourceColumn => GroupBy.ToList().FindIndex(g => g.Column == "ResourceId");

    [Parameter] public EventCallback<TablePosition> OnPositionChanged { get; set; }

    [Parameter] public EventCallback<ExplorerGroup> OnDrill { get; set; }

    /// <summary>Groups with a cost in this period (the summary's "Groups" figure counts the same).</summary>
    private int GroupsWithCost => Answer.Rows.Count(r => r.Cost != 0);

    private int GroupsAtZero => Answer.Rows.Count - GroupsWithCost;

    private decimal? TotalChange => Answer.PreviousTotal is { } previous ? Answer.Total - previous : null;

    private decimal? TotalChangeRatio => Answer.PreviousTotal is { } previous && previous != 0 ? (Answer.Total - previous) / Math.Abs(previous) : null;

    protected override void OnParametersSet()
    {
        var fromUrl = new TablePosition(Page, Sort);
        var moved = _parametersSeen is not null && fromUrl != _parametersSeen && _shown is not null && fromUrl != _shown;
        var otherRows = _answerSeen is not null && !ReferenceEquals(Answer, _answerSeen); // another currency of the same answer
        if (moved || otherRows)
        {
            // Back, Forward or a link moved the page or sort, or the rows changed: start the grid on the URL's position
            // (one load, nothing reported).
            _gridGeneration++;
            _shown = null;
        }

        _parametersSeen = fromUrl;
        _answerSeen = Answer;
    }

    private async Task<GridData<TableLine>> LoadPageAsync(GridState<TableLine> state, CancellationToken cancellationToken)
    {
        var sort = ToSort(state.SortDefinitions.FirstOrDefault());
        var asked = state.Page + 1;
        var page = ExplorerTable.Page(Answer.Rows, GroupBy, sort, asked, state.PageSize);
        var resorted = _shown is not null && sort != _shown.Sort && page.Page > 1;
        _shown = new TablePosition(page.Page, sort);
        if (resorted)
        {
            // A new order starts at its top (as in the line items): once the URL says page 1, the grid starts there.
            await OnPositionChanged.InvokeAsync(new TablePosition(1, sort));
        }
        else if (page.Page != Page || sort != Sort)
        {
            // The grid asked for what the URL says, but that page does not exist (any more): a correction, not a step.
            var isCorrection = asked == Page && sort == Sort;
            await OnPositionChanged.InvokeAsync(_shown with { IsCorrection = isCorrection });
        }

        return new GridData<TableLine>
        {
            Items = [.. page.Rows.Select(r => new TableLine(r, GroupBy))],
            TotalItems = page.TotalRows,
        };
    }

    private TableSort ToSort(SortDefinition<TableLine>? definition) => definition?.SortBy switch
    {
        null => TableSort.Default,
        nameof(TableLine.Group0) => new TableSort(TableSortColumn.Group, definition.Descending, GroupBy[0].Name),
        nameof(TableLine.Group1) when GroupBy.Count > 1 => new TableSort(TableSortColumn.Group, definition.Descending, GroupBy[1].Name),
        nameof(TableLine.Cost) => new TableSort(TableSortColumn.Cost, definition.Descending),
        nameof(TableLine.Share) => new TableSort(TableSortColumn.Share, definition.Descending),
        nameof(TableLine.PreviousCost) => new TableSort(TableSortColumn.PreviousCost, definition.Descending),
        nameof(TableLine.Change) => new TableSort(TableSortColumn.Change, definition.Descending),
        nameof(TableLine.ChangePercent) => new TableSort(TableSortColumn.ChangePercent, definition.Descending),
        _ => TableSort.Default,
    };

    /// <summary>The URL's sort as the column's initial direction.</summary>
    private SortDirection Direction(TableSortColumn column, string? dimension = null) =>
        Sort.Column == column && (column != TableSortColumn.Group || Sort.Dimension == dimension)
            ? (Sort.Descending ? SortDirection.Descending : SortDirection.Ascending)
            : SortDirection.None;

    private string Money(decimal amount) => amount.ToString(MoneyFormat, CultureInfo.InvariantCulture);

    private string SignedMoney(decimal amount) => (amount > 0 ? "+" : "") + Money(amount);

    private static string Percent(decimal? ratio, decimal cost) =>
        ratio is { } r ? (r >= 0 ? "+" : "") + r.ToString("0.0%", CultureInfo.InvariantCulture) : cost == 0 ? "" : "new";

    private static string ChangeClass(decimal? change) => change switch
    {
        > 0 => "explorer-up",
        < 0 => "explorer-down",
        _ => "",
    };
}

/// <summary>A table row as the grid binds it: one property per sortable column.</summary>
public sealed class TableLine(ExplorerRow row, IReadOnlyList<CostDimension> groupBy)
{
    public ExplorerRow Row { get; } = row;

    public string Group0 => Label(0);

    public string Group1 => groupBy.Count > 1 ? Label(1) : "";

    public decimal Cost => Row.Cost;

    public decimal Share => Row.Share;

    public decimal? PreviousCost => Row.PreviousCost;

    public decimal? Change => Row.Change;

    public decimal? ChangePercent => Row.ChangeRatio;

    public string Label(int index) => ExplorerDimensions.ValueLabel(groupBy[index], Row.Group.Values[index]);
}
