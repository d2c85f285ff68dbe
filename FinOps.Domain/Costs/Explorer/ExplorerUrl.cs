using System.Globalization;

namespace FinOps.Domain.Costs.Explorer;

/// <summary>A URL parameter that could not be used: its name and what is wrong (the page shows it and uses the default).</summary>
public sealed record ExplorerUrlIssue(string Parameter, string Message);

/// <summary>A state read from a URL, and the parameters that were ignored.</summary>
public sealed record ExplorerUrlResult(ExplorerState State, IReadOnlyList<ExplorerUrlIssue> Issues);

/// <summary>
/// The Cost Explorer's URL contract, both ways. The cost question uses the same parameters and syntax as
/// <c>GET /api/v1/costs</c> (validated by <see cref="CostQuery.TryParse"/>): <c>from</c>, <c>to</c> (exclusive),
/// <c>metric</c>, <c>groupBy</c> (at most two), <c>granularity</c>, repeated <c>filter</c>. Page-only state:
/// <c>preset</c> (dates follow today; wins over from/to), <c>compare</c>, <c>view</c>, <c>chart</c>, <c>currency</c>,
/// <c>page</c> (1-based), <c>sort</c> (<c>Column:asc|desc</c>: a table column, or in the line-item view any FOCUS
/// column), <c>search</c> (line-item view: resource id or name). A parameter that is missing takes its default; one
/// that is invalid is reported by name and takes its default too, so a bad link never breaks the page.
/// </summary>
public static class ExplorerUrl
{
    public const string Path = "/explorer";

    /// <summary>Reads a query string (with or without the leading '?') as of <paramref name="today"/>.</summary>
    public static ExplorerUrlResult Parse(string? queryString, DateOnly today)
    {
        var parameters = ParseQuery(queryString);
        string? One(string name) => parameters.TryGetValue(name, out var values) ? values[^1] : null;
        IReadOnlyList<string> All(string name) => parameters.TryGetValue(name, out var values) ? values : [];

        var issues = new List<ExplorerUrlIssue>();
        var state = ExplorerState.Default(today);
        var (validFrom, validTo) = (state.From, state.To);

        // Range: a preset follows today; otherwise from and to together.
        var presetText = One("preset");
        var (fromText, toText) = (One("from"), One("to"));
        if (!string.IsNullOrWhiteSpace(presetText))
        {
            if (DatePreset.TryFind(presetText, out var preset))
            {
                var (from, to) = preset.Resolve(today);
                state = state with { Preset = preset, From = from, To = to };
            }
            else
            {
                issues.Add(new("preset", $"preset must be one of {string.Join(", ", DatePreset.All.Select(p => p.Key))}, got '{presetText}'; showing the last 30 days"));
            }
        }
        else if (fromText is not null || toText is not null)
        {
            if (fromText is null || toText is null)
            {
                issues.Add(new(fromText is null ? "from" : "to", "from and to go together (from inclusive, to exclusive, YYYY-MM-DD); showing the last 30 days"));
            }
            else if (CostQuery.TryParse(fromText, toText, null, null, null, null, out var range, out var parameter, out var error))
            {
                state = state with { Preset = null, From = range.From, To = range.To };
            }
            else
            {
                issues.Add(new(parameter, error + "; showing the last 30 days"));
            }
        }

        if (One("metric") is { } metricText)
        {
            if (CostQuery.TryParse(Iso(validFrom), Iso(validTo), metricText, null, null, null, out var q, out var parameter, out var error))
            {
                state = state with { Metric = q.Metric };
            }
            else
            {
                issues.Add(new(parameter, error + "; showing EffectiveCost"));
            }
        }

        if (One("groupBy") is { } groupText)
        {
            if (!CostQuery.TryParse(Iso(validFrom), Iso(validTo), null, groupText, null, null, out var q, out var parameter, out var error))
            {
                issues.Add(new(parameter, error + "; grouping by ServiceCategory"));
            }
            else if (q.GroupBy.Count > ExplorerState.MaxGroupBy)
            {
                issues.Add(new("groupBy", $"groupBy takes at most {ExplorerState.MaxGroupBy} dimensions, got {q.GroupBy.Count}; using the first {ExplorerState.MaxGroupBy}"));
                state = state with { GroupBy = q.GroupBy.Take(ExplorerState.MaxGroupBy).ToList() };
            }
            else if (q.GroupBy.Count > 0)
            {
                state = state with { GroupBy = q.GroupBy };
            }
        }

        if (One("granularity") is { } granularityText)
        {
            if (CostQuery.TryParse(Iso(validFrom), Iso(validTo), null, null, granularityText, null, out var q, out var parameter, out var error))
            {
                state = state with { Granularity = q.Granularity };
            }
            else
            {
                issues.Add(new(parameter, error + "; showing Day"));
            }
        }

        var filters = new List<CostFilter>();
        foreach (var filterText in All("filter"))
        {
            if (!CostQuery.TryParse(Iso(validFrom), Iso(validTo), null, null, null, [filterText], out var q, out var parameter, out var error))
            {
                issues.Add(new(parameter, error + "; this filter is ignored"));
                continue;
            }

            var parsed = q.Filters[0];
            var index = filters.FindIndex(f => f.Dimension == parsed.Dimension);
            if (index < 0)
            {
                filters.Add(parsed);
            }
            else if (!filters[index].Values.Contains(parsed.Values[0]))
            {
                filters[index] = filters[index] with { Values = [.. filters[index].Values, parsed.Values[0]] };
            }
        }

        state = state with { Filters = filters };

        if (One("compare") is { } compareText)
        {
            if (bool.TryParse(compareText.Trim(), out var compare))
            {
                state = state with { Compare = compare };
            }
            else
            {
                issues.Add(new("compare", $"compare must be true or false, got '{compareText}'"));
            }
        }

        if (One("view") is { } viewText)
        {
            if (TryParseView(viewText, out var view))
            {
                state = state with { View = view };
            }
            else
            {
                issues.Add(new("view", $"view must be chart, table or lineitems, got '{viewText}'; showing the chart"));
            }
        }

        if (One("chart") is { } chartText)
        {
            if (Enum.TryParse<ExplorerChartKind>(chartText.Trim(), true, out var chart) && Enum.IsDefined(chart) && !int.TryParse(chartText, out _))
            {
                state = state with { Chart = chart };
            }
            else
            {
                issues.Add(new("chart", $"chart must be bar or area, got '{chartText}'; showing bars"));
            }
        }

        if (One("currency") is { } currencyText)
        {
            var currency = currencyText.Trim().ToUpperInvariant();
            if (currency.Length is >= 1 and <= 16 && currency.All(char.IsAsciiLetterOrDigit))
            {
                state = state with { Currency = currency };
            }
            else
            {
                issues.Add(new("currency", $"currency must be a billing currency code such as USD, got '{currencyText}'"));
            }
        }

        if (One("page") is { } pageText)
        {
            if (int.TryParse(pageText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1)
            {
                state = state with { Page = page };
            }
            else
            {
                issues.Add(new("page", $"page must be a whole number from 1, got '{pageText}'; showing the first page"));
            }
        }

        if (state.View == ExplorerView.LineItems)
        {
            // Line items sort by any FOCUS column; the view itself checks the column and falls back to newest first.
            state = state with { LineItemSort = One("sort"), ResourceSearch = One("search") is { Length: > 0 } search ? search : null };
        }
        else if (One("sort") is { } sortText)
        {
            if (TryParseSort(sortText, state.GroupBy, out var sort, out var error))
            {
                state = state with { Sort = sort };
            }
            else
            {
                issues.Add(new("sort", error + "; sorting by cost, largest first"));
            }
        }

        return new ExplorerUrlResult(state, issues);
    }

    /// <summary>The query string of <paramref name="state"/> (no leading '?'); page-only defaults are left out.</summary>
    public static string Format(ExplorerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parts = new List<(string Name, string Value)>();
        if (state.Preset is { } preset)
        {
            parts.Add(("preset", preset.Key));
        }
        else
        {
            parts.Add(("from", Iso(state.From)));
            parts.Add(("to", Iso(state.To)));
        }

        parts.Add(("metric", state.Metric.ToString()));
        parts.Add(("groupBy", string.Join(',', state.GroupBy.Select(g => g.Name))));
        parts.Add(("granularity", state.Granularity.ToString()));
        foreach (var filter in state.Filters)
        {
            foreach (var value in filter.Values)
            {
                parts.Add(("filter", FilterText(filter.Dimension, value)));
            }
        }

        if (state.Compare)
        {
            parts.Add(("compare", "true"));
        }

        if (state.View != ExplorerView.Chart)
        {
            parts.Add(("view", ViewText(state.View)));
        }

        if (state.Chart != ExplorerChartKind.Bar)
        {
            parts.Add(("chart", state.Chart.ToString().ToLowerInvariant()));
        }

        if (state.Currency is { } currency)
        {
            parts.Add(("currency", currency));
        }

        if (state.Page != 1)
        {
            parts.Add(("page", state.Page.ToString(CultureInfo.InvariantCulture)));
        }

        if (state.View == ExplorerView.LineItems)
        {
            if (state.LineItemSort is { } lineItemSort)
            {
                parts.Add(("sort", lineItemSort));
            }

            if (state.ResourceSearch is { } search)
            {
                parts.Add(("search", search));
            }
        }
        else if (state.Sort != TableSort.Default)
        {
            parts.Add(("sort", SortText(state.Sort)));
        }

        return string.Join('&', parts.Select(p => p.Name + "=" + Escape(p.Value)));
    }

    /// <summary>The page's relative URL for <paramref name="state"/>.</summary>
    public static string ToUrl(ExplorerState state) => Path + "?" + Format(state);

    /// <summary><c>Column:value</c> or <c>Tag:key=value</c>, as <see cref="CostQuery.TryParse"/> reads it.</summary>
    public static string FilterText(CostDimension dimension, string? value) =>
        dimension.IsTag ? $"{dimension.Name}={value}" : $"{dimension.Name}:{value}";

    public static string ViewText(ExplorerView view) => view switch
    {
        ExplorerView.Table => "table",
        ExplorerView.LineItems => "lineitems",
        _ => "chart",
    };

    public static string SortText(TableSort sort) =>
        (sort.Column == TableSortColumn.Group ? sort.Dimension! : sort.Column.ToString()) + (sort.Descending ? ":desc" : ":asc");

    private static bool TryParseView(string text, out ExplorerView view)
    {
        (var ok, view) = text.Trim().ToLowerInvariant() switch
        {
            "chart" => (true, ExplorerView.Chart),
            "table" => (true, ExplorerView.Table),
            "lineitems" => (true, ExplorerView.LineItems),
            _ => (false, ExplorerView.Chart),
        };
        return ok;
    }

    private static bool TryParseSort(string text, IReadOnlyList<CostDimension> groupBy, out TableSort sort, out string error)
    {
        sort = TableSort.Default;
        var colon = text.LastIndexOf(':');
        var (column, direction) = colon < 0 ? (text.Trim(), "desc") : (text[..colon].Trim(), text[(colon + 1)..].Trim().ToLowerInvariant());
        if (direction is not ("asc" or "desc"))
        {
            error = $"sort is Column:asc or Column:desc, got '{text}'";
            return false;
        }

        var descending = direction == "desc";
        if (Enum.TryParse<TableSortColumn>(column, true, out var known) && known != TableSortColumn.Group && !int.TryParse(column, out _))
        {
            sort = new TableSort(known, descending);
            error = "";
            return true;
        }

        var group = groupBy.FirstOrDefault(g => string.Equals(g.Name, column, StringComparison.OrdinalIgnoreCase));
        if (group is not null)
        {
            sort = new TableSort(TableSortColumn.Group, descending, group.Name);
            error = "";
            return true;
        }

        var columns = Enum.GetNames<TableSortColumn>().Where(n => n != nameof(TableSortColumn.Group)).Concat(groupBy.Select(g => g.Name));
        error = $"sort column must be one of {string.Join(", ", columns)}, got '{column}'";
        return false;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Percent-encodes a value but keeps ':', '=' and ',' readable (the first '=' of a pair separates name and value).</summary>
    private static string Escape(string value) =>
        Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal).Replace("%3D", "=", StringComparison.Ordinal)
            .Replace("%2C", ",", StringComparison.Ordinal);

    private static Dictionary<string, List<string>> ParseQuery(string? queryString)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var text = queryString ?? "";
        if (text.StartsWith('?'))
        {
            text = text[1..];
        }

        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Unescape(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
