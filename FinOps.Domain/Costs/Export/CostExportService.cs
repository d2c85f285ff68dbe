using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FinOps.Domain.Billing;
using FinOps.Domain.Costs.LineItems;

namespace FinOps.Domain.Costs.Export;

/// <summary>
/// Turns the explorer's current view into an <see cref="ExportTable"/>: the grouped sums of a <see cref="CostQuery"/>
/// (one row per group, period and currency, optionally beside the previous period of the same length), or every line
/// item it covers, streamed from the store in the listing's order. Writers: <see cref="CsvExportWriter"/>,
/// <see cref="XlsxExportWriter"/>.
/// </summary>
public sealed class CostExportService(CostQueryEngine engine, LineItemQueryService lineItems)
{
    /// <summary>
    /// The grouped result: a column per group-by dimension, Period (with a granularity), BillingCurrency and the metric
    /// (e.g. BilledCost). With <paramref name="compare"/>, also the same groups over the period of the same length just
    /// before From (Previous…) and the change; groups that only cost in the previous period are kept (0 now).
    /// Comparison needs Granularity None: periods of two ranges do not pair up one to one.
    /// </summary>
    public async Task<ExportTable> GroupedAsync(CostQuery query, bool compare, CancellationToken ct)
    {
        if (compare && query.Granularity != Granularity.None)
        {
            throw new ArgumentException("compare works with granularity None only: the periods of two ranges do not pair up.", nameof(compare));
        }

        var metric = query.Metric.ToString();
        var columns = query.GroupBy.Select(g => new ExportColumn(g.Name, ExportColumnKind.Text)).ToList();
        if (query.Granularity != Granularity.None)
        {
            columns.Add(new ExportColumn("Period", ExportColumnKind.Date));
        }

        columns.Add(new ExportColumn("BillingCurrency", ExportColumnKind.Text));
        columns.Add(new ExportColumn(metric, ExportColumnKind.Number));
        var current = await engine.QueryAsync(query, ct);
        if (!compare)
        {
            var rows = current.Rows.Select(r => Values(query, r, includePeriod: true).Append(r.Cost).ToArray());
            return new ExportTable(columns, rows.ToAsyncEnumerable());
        }

        var length = query.To.DayNumber - query.From.DayNumber;
        var previous = await engine.QueryAsync(query with { From = query.From.AddDays(-length), To = query.From }, ct);
        columns.Add(new ExportColumn("Previous" + metric, ExportColumnKind.Number));
        columns.Add(new ExportColumn("Change", ExportColumnKind.Number));
        var before = previous.Rows.ToDictionary(r => Key(query, r), r => r.Cost, StringComparer.Ordinal);
        var now = current.Rows.Select(r => Key(query, r)).ToHashSet(StringComparer.Ordinal);
        var compared = current.Rows
            .Select(r => (Row: r, Previous: before.GetValueOrDefault(Key(query, r)), Cost: r.Cost))
            .Concat(previous.Rows.Where(r => !now.Contains(Key(query, r))).Select(r => (Row: r, Previous: r.Cost, Cost: 0m)))
            .Select(x => Values(query, x.Row, includePeriod: false).Append(x.Cost).Append(x.Previous).Append(x.Cost - x.Previous).ToArray());
        return new ExportTable(columns, compared.ToAsyncEnumerable());
    }

    /// <summary>
    /// Every line item of the request (its paging is ignored), in its order: every FOCUS column by catalogue order,
    /// Tags as their JSON object, and the provider's x_ columns as one JSON object (they differ from file to file).
    /// </summary>
    public ExportTable LineItems(LineItemRequest request)
    {
        var columns = FocusColumns.All
            .Select(c => new ExportColumn(c.Name, c.Kind switch
            {
                FocusValueKind.Money or FocusValueKind.Quantity => ExportColumnKind.Number,
                FocusValueKind.DateTime => ExportColumnKind.Timestamp,
                _ => ExportColumnKind.Text,
            }))
            .Append(new ExportColumn(ExtensionsColumn, ExportColumnKind.Text))
            .ToList();
        return new ExportTable(columns, LineItemRowsAsync(request, CancellationToken.None));
    }

    /// <summary>The name of the column holding the x_ (provider extension) columns as a JSON object.</summary>
    public const string ExtensionsColumn = "x_Columns";

    private async IAsyncEnumerable<object?[]> LineItemRowsAsync(LineItemRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in lineItems.StreamAsync(request, ct))
        {
            var values = new object?[FocusColumns.All.Count + 1];
            for (var i = 0; i < FocusColumns.All.Count; i++)
            {
                values[i] = row[FocusColumns.All[i]];
            }

            values[^1] = row.Extensions.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(row.Extensions);
            yield return values;
        }
    }

    /// <summary>
    /// A file name that says what is in it: <c>costs-2024-09-01-to-2024-09-30-BilledCost-by-ServiceName-Tag-team-daily.csv</c>
    /// or <c>line-items-2024-09-01-to-2024-09-30-filtered.xlsx</c> (To is exclusive; the name shows the last day included).
    /// </summary>
    public static string FileName(CostQuery query, ExportView view, ExportFormat format)
    {
        var name = new StringBuilder(view == ExportView.Grouped ? "costs" : "line-items");
        name.Append(CultureInfo.InvariantCulture, $"-{query.From:yyyy-MM-dd}-to-{query.To.AddDays(-1):yyyy-MM-dd}");
        if (view == ExportView.Grouped)
        {
            name.Append('-').Append(query.Metric);
            if (query.GroupBy.Count > 0)
            {
                name.Append("-by-").Append(string.Join('-', query.GroupBy.Select(g => g.Name)));
            }

            if (query.Granularity != Granularity.None)
            {
                name.Append('-').Append(query.Granularity switch { Granularity.Day => "daily", Granularity.Week => "weekly", _ => "monthly" });
            }
        }

        if (query.Filters.Count > 0)
        {
            name.Append("-filtered");
        }

        var safe = new StringBuilder(name.Length);
        foreach (var c in name.ToString())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return safe.Append(format == ExportFormat.Csv ? ".csv" : ".xlsx").ToString();
    }

    private static IEnumerable<object?> Values(CostQuery query, CostRow row, bool includePeriod)
    {
        foreach (var dimension in query.GroupBy)
        {
            yield return row.Keys.GetValueOrDefault(dimension.Name);
        }

        if (includePeriod && query.Granularity != Granularity.None)
        {
            yield return row.Period;
        }

        yield return row.BillingCurrency;
    }

    private static string Key(CostQuery query, CostRow row) =>
        string.Join('\u001f', query.GroupBy.Select(g => row.Keys.GetValueOrDefault(g.Name) ?? "\u0000").Append(row.BillingCurrency));
}
