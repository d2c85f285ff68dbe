using System.Globalization;
using System.Text;
namespace FinOps.Domain.Costs.Explorer;

/// <summary>
/// Builds links into the Cost Explorer (<c>/explorer</c>) from other pages, alerts and budgets, in its URL contract
/// (<see cref="ExplorerUrl"/> reads them), the same query-string syntax as
/// <c>GET /api/v1/costs</c>: <c>from</c> (inclusive) and <c>to</c> (exclusive) dates, <c>metric</c>, <c>groupBy</c>,
/// <c>granularity</c>, repeatable <c>filter=Column:value</c> or <c>filter=Tag:key=value</c> (an empty tag value means
/// untagged), and <c>compare=true</c> for the previous period of equal length.
/// </summary>
public sealed record ExplorerLink(DateOnly From, DateOnly To, CostMetric Metric)
{
    public const string Path = ExplorerUrl.Path;

    public IReadOnlyList<string> GroupBy { get; init; } = [];

    public Granularity Granularity { get; init; } = Granularity.Day;

    public IReadOnlyList<string> Filters { get; init; } = [];

    public bool Compare { get; init; }

    /// <summary>The same link grouped by <paramref name="dimensions"/> (FOCUS columns or <c>Tag:key</c>).</summary>
    public ExplorerLink GroupedBy(params string[] dimensions) => this with { GroupBy = dimensions };

    /// <summary>The same link with one more filter on a FOCUS column (a null value filters rows where it is empty).</summary>
    public ExplorerLink Where(string column, string? value) => this with { Filters = [.. Filters, $"{column}:{value}"] };

    /// <summary>The same link with one more filter on a tag's value (null or empty: untagged).</summary>
    public ExplorerLink WhereTag(string key, string? value) => this with { Filters = [.. Filters, $"Tag:{key}={value}"] };

    public ExplorerLink Comparing() => this with { Compare = true };

    public override string ToString()
    {
        var query = new StringBuilder(Path);
        void Add(string name, string value) =>
            query.Append(query.Length == Path.Length ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

        Add("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("metric", Metric.ToString());
        if (GroupBy.Count > 0)
        {
            Add("groupBy", string.Join(',', GroupBy));
        }

        Add("granularity", Granularity.ToString());
        foreach (var filter in Filters)
        {
            Add("filter", filter);
        }

        if (Compare)
        {
            Add("compare", "true");
        }

        return query.ToString();
    }

    public static implicit operator string(ExplorerLink link) => link?.ToString() ?? Path;
}
