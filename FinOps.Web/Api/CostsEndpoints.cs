using System.Text.Json.Serialization;
using FinOps.Domain.Costs;

namespace FinOps.Web.Api;

/// <summary>GET /api/v1/costs: the cost query engine over HTTP.</summary>
public static class CostsEndpoints
{
    public static RouteGroupBuilder MapCostsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/costs", QueryAsync)
            .WithTags("Costs")
            .Produces<CostResponseDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Exact cost sums: from (inclusive) / to (exclusive) ISO dates on ChargePeriodStart, metric, groupBy " +
                         "(FOCUS columns or Tag:<key>, comma-separated), granularity (None, Day, Week, Month), repeatable " +
                         "filter=<Column>:<value> or filter=Tag:<key>=<value> (empty value: untagged).");
        return api;
    }

    private static async Task<IResult> QueryAsync(HttpContext http, CostQueryEngine engine, CancellationToken ct)
    {
        var q = http.Request.Query;
        if (!CostQuery.TryParse(q["from"], q["to"], q["metric"], string.Join(',', q["groupBy"].ToArray()), q["granularity"],
                q["filter"].Where(f => f is not null).Select(f => f!), out var query, out var parameter, out var error))
        {
            return ApiErrors.BadRequest(parameter, error);
        }

        var result = await engine.QueryAsync(query, ct);
        return Results.Ok(new CostResponseDto(
            result.Metric.ToString(),
            result.Rows.Select(r => new CostRowDto(r.Keys, r.Period?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.BillingCurrency, r.Cost)).ToList(),
            result.Totals.Select(t => new CostTotalDto(t.BillingCurrency, t.Cost)).ToList()));
    }
}

public sealed record CostRowDto(
    IReadOnlyDictionary<string, string?> Keys,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Period,
    string BillingCurrency,
    decimal Cost);

public sealed record CostTotalDto(string BillingCurrency, decimal Cost);

public sealed record CostResponseDto(string Metric, IReadOnlyList<CostRowDto> Rows, IReadOnlyList<CostTotalDto> Totals);
