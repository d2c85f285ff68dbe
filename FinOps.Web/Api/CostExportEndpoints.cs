using FinOps.Domain;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Export;
using FinOps.Domain.Costs.LineItems;
using FinOps.Web.Security;

namespace FinOps.Web.Api;

/// <summary>
/// Exports of the explorer's view as CSV or XLSX: <c>GET /api/v1/costs/export</c> for API tokens and
/// <c>GET /explorer/export</c> for people signed in with the browser (Viewer or higher), with the same query string:
/// <c>format=csv|xlsx</c>, <c>view=grouped|lineitems</c>, the cost query (<c>from</c>, <c>to</c>, <c>metric</c>,
/// <c>groupBy</c>, <c>granularity</c>, <c>filter</c>), and <c>compare=true</c> (grouped, granularity None) or
/// <c>sort</c> and <c>search</c> (line items). Rows are streamed as they are read; bad parameters answer 400 naming
/// the parameter before anything is written.
/// </summary>
public static class CostExportEndpoints
{
    /// <summary>The browser's download address (cookie authentication).</summary>
    public const string DownloadPath = "/explorer/export";

    /// <summary>The API's address (token authentication), under /api/v1.</summary>
    public const string ApiPath = "/costs/export";

    /// <summary>Maps both addresses: the API one in <paramref name="api"/> (token policy), the browser one at the root.</summary>
    public static void MapCostExportEndpoints(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapGet(ApiPath, ExportAsync)
            .WithTags("Costs")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Export the grouped costs or the line items of a cost query as CSV or XLSX (streamed): format=csv|xlsx, " +
                         "view=grouped|lineitems, the parameters of GET /costs, compare=true (grouped), sort=Column:asc|desc and search (line items).");
        app.MapGet(DownloadPath, ExportAsync)
            .RequireAuthorization(Policies.Viewer)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, CostExportService exports, FinOpsPaths paths, CancellationToken ct)
    {
        var q = http.Request.Query;
        if (!TryParseFormat(q["format"], out var format))
        {
            return ApiErrors.BadRequest("format", $"format must be csv or xlsx, got '{q["format"]}'");
        }

        if (!TryParseView(q["view"], out var view))
        {
            return ApiErrors.BadRequest("view", $"view must be grouped or lineitems, got '{q["view"]}'");
        }

        if (!CostQuery.TryParse(q["from"], q["to"], q["metric"], string.Join(',', q["groupBy"].ToArray()), q["granularity"],
                q["filter"].Where(f => f is not null).Select(f => f!), out var query, out var parameter, out var error))
        {
            return ApiErrors.BadRequest(parameter, error);
        }

        var compareText = q["compare"].ToString();
        var compare = false;
        if (compareText.Length > 0 && !bool.TryParse(compareText, out compare))
        {
            return ApiErrors.BadRequest("compare", $"compare must be true or false, got '{compareText}'");
        }

        if (compare && (view != ExportView.Grouped || query.Granularity != Granularity.None))
        {
            return ApiErrors.BadRequest("compare", "compare=true needs view=grouped and granularity None (periods of two ranges do not pair up)");
        }

        if (!LineItemSort.TryParse(q["sort"], out var sort, out var sortError))
        {
            return ApiErrors.BadRequest("sort", sortError);
        }

        ExportTable table = view == ExportView.Grouped
            ? await exports.GroupedAsync(query, compare, ct)
            : exports.LineItems(new LineItemRequest(query, sort, ResourceSearch: q["search"].ToString()));
        var fileName = CostExportService.FileName(query, view, format);
        http.Response.Headers.CacheControl = "no-store";
        return format == ExportFormat.Csv
            ? Results.Stream(body => CsvExportWriter.WriteAsync(table, body, ct), "text/csv; charset=utf-8", fileName)
            : Results.Stream(body => WriteXlsxAsync(table, body, paths, ct),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    /// <summary>
    /// The zip of an XLSX is finished with synchronous writes, which the response stream refuses: the workbook is
    /// streamed into a temporary file (deleted on close) and then copied out. Memory stays bounded either way.
    /// </summary>
    private static async Task WriteXlsxAsync(ExportTable table, Stream body, FinOpsPaths paths, CancellationToken ct)
    {
        var directory = Path.Combine(paths.DataDirectory, "exports");
        Directory.CreateDirectory(directory);
        await using var file = new FileStream(Path.Combine(directory, $"{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await XlsxExportWriter.WriteAsync(table, file, ct);
        file.Position = 0;
        await file.CopyToAsync(body, ct);
    }

    private static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = ExportFormat.Csv;
        return string.IsNullOrWhiteSpace(text) || (Enum.TryParse(text.Trim(), ignoreCase: true, out format) && Enum.IsDefined(format));
    }

    private static bool TryParseView(string? text, out ExportView view)
    {
        view = ExportView.Grouped;
        return string.IsNullOrWhiteSpace(text) || (Enum.TryParse(text.Trim(), ignoreCase: true, out view) && Enum.IsDefined(view));
    }
}
