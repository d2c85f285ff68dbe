using System.Globalization;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Export;
using FinOps.Web.Api;

namespace FinOps.Web.Features.CostExplorer.Export;

/// <summary>Builds the download address of an export: the cost query in the same query-string form CostQuery.TryParse reads.</summary>
public static class ExportLinks
{
    public static string Download(CostQuery query, ExportView view, ExportFormat format, bool compare = false, string? sort = null, string? resourceSearch = null)
    {
        var parameters = new List<(string Name, string Value)>
        {
            ("format", format == ExportFormat.Csv ? "csv" : "xlsx"),
            ("view", view == ExportView.Grouped ? "grouped" : "lineitems"),
        };
        parameters.AddRange(QueryParameters(query));
        if (view == ExportView.Grouped && compare && query.Granularity == Granularity.None)
        {
            parameters.Add(("compare", "true"));
        }

        if (view == ExportView.LineItems)
        {
            if (!string.IsNullOrWhiteSpace(sort))
            {
                parameters.Add(("sort", sort));
            }

            if (!string.IsNullOrWhiteSpace(resourceSearch))
            {
                parameters.Add(("search", resourceSearch.Trim()));
            }
        }

        return CostExportEndpoints.DownloadPath + "?" + string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>from, to, metric, groupBy, granularity and one filter parameter per value (an empty value: empty / untagged).</summary>
    public static IEnumerable<(string Name, string Value)> QueryParameters(CostQuery query)
    {
        yield return ("from", query.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("to", query.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("metric", query.Metric.ToString());
        if (query.GroupBy.Count > 0)
        {
            yield return ("groupBy", string.Join(',', query.GroupBy.Select(g => g.Name)));
        }

        if (query.Granularity != Granularity.None)
        {
            yield return ("granularity", query.Granularity.ToString());
        }

        foreach (var filter in query.Filters)
        {
            foreach (var value in filter.Values)
            {
                yield return ("filter", filter.Dimension.IsTag ? $"{filter.Dimension.Name}={value}" : $"{filter.Dimension.Name}:{value}");
            }
        }
    }
}
