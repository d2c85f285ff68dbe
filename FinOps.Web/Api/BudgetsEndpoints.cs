using System.Globalization;
using System.Text.Json.Serialization;
using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;
using Microsoft.Net.Http.Headers;

namespace FinOps.Web.Api;

/// <summary>
/// /api/v1/budgets: list, read, create, change and delete budgets, with the same validation as the browser and
/// optimistic concurrency: every answer carries the budget's <c>version</c> (also as the ETag); a change or delete
/// names the version it is based on (If-Match, or <c>version</c> in the body / query) and gets 409 if it is stale.
/// </summary>
public static class BudgetsEndpoints
{
    public static RouteGroupBuilder MapBudgetsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/budgets").WithTags("Budgets");
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<BudgetDto>>()
            .WithSummary("Every budget with its current period's status, highest risk first.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetBudget").Produces<BudgetDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One budget with its current period's status; the ETag is its version.");
        group.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Write).DisableAntiforgery()
            .Produces<BudgetDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesValidationProblem()
            .WithSummary("Create a budget from a JSON BudgetRequest (metric defaults to EffectiveCost, thresholds to actual 50/80/100 and forecast 100).");
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(ApiPolicies.Write).DisableAntiforgery()
            .Produces<BudgetDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Replace a budget's values; send the version you read (If-Match header or \"version\"): 409 if someone saved since.");
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(ApiPolicies.Write).DisableAntiforgery()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Delete a budget; send the version you read (If-Match header or ?version=): 409 if someone saved since.");
        return group;
    }

    private static async Task<IResult> ListAsync(BudgetService budgets, BudgetTracker tracker, CancellationToken ct)
    {
        var statuses = await tracker.StatusesAsync(await budgets.ListAsync(ct), ct);
        return Results.Ok(statuses.Select(s => BudgetDto.From(s.Budget, s)).ToList());
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, BudgetService budgets, BudgetTracker tracker, CancellationToken ct)
    {
        if (await budgets.GetAsync(id, ct) is not { } budget)
        {
            return NotFound(id);
        }

        var status = (await tracker.StatusesAsync([budget], ct))[0];
        http.Response.Headers.ETag = ETag(budget.Version);
        return Results.Ok(BudgetDto.From(budget, status));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, BudgetService budgets, CancellationToken ct)
    {
        var (request, unreadable) = await ReadAsync(http, ct);
        if (request is null)
        {
            return unreadable!;
        }

        if (!request.TryToDefinition(out var definition, out var errors))
        {
            return Invalid(errors);
        }

        var result = await budgets.CreateAsync(definition, Actor(http), ct);
        if (result.Outcome == BudgetSaveOutcome.Invalid)
        {
            return Invalid(result.Errors);
        }

        http.Response.Headers.ETag = ETag(result.Budget!.Version);
        return Results.CreatedAtRoute("GetBudget", new { id = result.Budget.Id }, BudgetDto.From(result.Budget, null));
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, BudgetService budgets, CancellationToken ct)
    {
        var (request, unreadable) = await ReadAsync(http, ct);
        if (request is null)
        {
            return unreadable!;
        }

        if (!TryExpectedVersion(http, request.Version, out var version, out var problem))
        {
            return problem;
        }

        if (!request.TryToDefinition(out var definition, out var errors))
        {
            return Invalid(errors);
        }

        var result = await budgets.UpdateAsync(id, definition, version, Actor(http), ct);
        return Answer(id, result, http, () => Results.Ok(BudgetDto.From(result.Budget!, null)));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, BudgetService budgets, CancellationToken ct)
    {
        int? queryVersion = int.TryParse(http.Request.Query["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (!TryExpectedVersion(http, queryVersion, out var version, out var problem))
        {
            return problem;
        }

        var result = await budgets.DeleteAsync(id, version, Actor(http), ct);
        return Answer(id, result, http, Results.NoContent);
    }

    /// <summary>
    /// Reads the JSON body in the handler rather than binding it: a bound JSON body makes routing refuse other content
    /// types before authorization runs, so a caller without the right would get 404/415 instead of 403.
    /// </summary>
    private static async Task<(BudgetRequest? Request, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiErrors.Problem(StatusCodes.Status415UnsupportedMediaType, "body", "Send the budget as JSON (Content-Type: application/json)."));
        }

        try
        {
            var request = await http.Request.ReadFromJsonAsync<BudgetRequest>(ct);
            return request is null ? (null, ApiErrors.BadRequest("body", "The body is empty: send the budget as a JSON object.")) : (request, null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, ApiErrors.BadRequest(ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body",
                $"The body is not a valid budget at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:", 2)[0]}"));
        }
    }

    private static IResult Answer(long id, BudgetSaveResult result, HttpContext http, Func<IResult> saved)
    {
        switch (result.Outcome)
        {
            case BudgetSaveOutcome.Invalid:
                return Invalid(result.Errors);
            case BudgetSaveOutcome.NotFound:
                return NotFound(id);
            case BudgetSaveOutcome.Conflict:
                http.Response.Headers.ETag = ETag(result.Budget!.Version);
                return Results.Problem(title: "The budget was changed by someone else", detail: $"{result.ConflictMessage} Read it again (version {result.Budget.Version}) and re-apply your change.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "version", ["currentVersion"] = result.Budget.Version });
            default:
                if (result.Budget is { } budget)
                {
                    http.Response.Headers.ETag = ETag(budget.Version);
                }

                return saved();
        }
    }

    /// <summary>The version the change is based on: If-Match ("3" or W/"3") wins over the body or query value.</summary>
    private static bool TryExpectedVersion(HttpContext http, int? fallback, out int version, out IResult problem)
    {
        problem = Results.Empty;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            var text = ifMatch.Trim();
            text = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
            if (int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version))
            {
                return true;
            }

            problem = ApiErrors.BadRequest("If-Match", $"If-Match must be the budget's ETag (e.g. \"3\"), got {ifMatch}.");
            return false;
        }

        if (fallback is { } v)
        {
            version = v;
            return true;
        }

        version = 0;
        problem = ApiErrors.Problem(StatusCodes.Status428PreconditionRequired, "version",
            "Say which version of the budget your change is based on: an If-Match header with its ETag, or \"version\".");
        return false;
    }

    private static IResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
            detail: string.Join(" ", errors.Values), title: "The budget is not valid; nothing was saved.");

    private static IResult NotFound(long id) => ApiErrors.Problem(StatusCodes.Status404NotFound, "id", $"There is no budget {id}.");

    private static string ETag(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    private static string Actor(HttpContext http) => $"api:{http.User.Identity?.Name ?? "token"}";
}

/// <summary>A planned amount for one month, <c>yyyy-MM</c>.</summary>
public sealed record BudgetPlanMonthDto(string? Month, decimal? Amount);

/// <summary>A threshold: basis <c>Actual</c> or <c>Forecast</c>, percent of the budget.</summary>
public sealed record BudgetThresholdDto(string? Basis, decimal? Percent);

/// <summary>What a client sends to create or change a budget. Dates are ISO (yyyy-MM-dd).</summary>
public sealed record BudgetRequest(
    string? Name,
    string? Owner,
    IReadOnlyList<string>? Scope,
    string? Metric,
    string? Currency,
    string? PeriodType,
    decimal? Amount,
    IReadOnlyList<BudgetPlanMonthDto>? Plan,
    IReadOnlyList<BudgetThresholdDto>? Thresholds,
    string? StartDate,
    string? EndDate,
    int? Version)
{
    /// <summary>Parses the request; <paramref name="errors"/> names each field that cannot be read (then validation adds the rules).</summary>
    public bool TryToDefinition(out BudgetDefinition definition, out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>();
        var metric = CostMetric.EffectiveCost;
        if (!string.IsNullOrWhiteSpace(Metric) && !Enum.TryParse(Metric.Trim(), true, out metric))
        {
            problems["metric"] = $"metric is EffectiveCost (amortized) or BilledCost, not '{Metric}'.";
        }

        var period = BudgetPeriodType.Monthly;
        if (string.IsNullOrWhiteSpace(PeriodType) || !Enum.TryParse(PeriodType.Trim(), true, out period) || !Enum.IsDefined(period))
        {
            problems["periodType"] = $"periodType is Monthly, Quarterly or Yearly, not '{PeriodType}'.";
        }

        if (Amount is null)
        {
            problems["amount"] = "amount (per period) is required.";
        }

        var start = ParseDate(StartDate, "startDate", required: true, problems);
        var end = ParseDate(EndDate, "endDate", required: false, problems);
        var plan = new List<BudgetPlanMonth>();
        foreach (var entry in Plan ?? [])
        {
            if (!DateOnly.TryParseExact(entry.Month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) || entry.Amount is null)
            {
                problems["plan"] = $"Each plan entry is {{\"month\": \"yyyy-MM\", \"amount\": n}}; got month '{entry.Month}', amount {entry.Amount?.ToString(CultureInfo.InvariantCulture) ?? "none"}.";
                break;
            }

            plan.Add(new BudgetPlanMonth(month, entry.Amount.Value));
        }

        var thresholds = new List<BudgetThreshold>();
        foreach (var entry in Thresholds ?? [])
        {
            if (!Enum.TryParse<ThresholdBasis>(entry.Basis?.Trim(), true, out var basis) || !Enum.IsDefined(basis) || entry.Percent is null)
            {
                problems["thresholds"] = $"Each threshold is {{\"basis\": \"Actual\" or \"Forecast\", \"percent\": n}}; got basis '{entry.Basis}', percent {entry.Percent?.ToString(CultureInfo.InvariantCulture) ?? "none"}.";
                break;
            }

            thresholds.Add(new BudgetThreshold(basis, entry.Percent.Value));
        }

        definition = new BudgetDefinition(Name ?? "", Owner ?? "", Scope ?? [], metric, Currency ?? "", period, Amount ?? 0m, plan,
            Thresholds is null ? BudgetDefinition.DefaultThresholds : thresholds, start ?? default, end);
        foreach (var (field, message) in BudgetValidation.Validate(definition))
        {
            problems.TryAdd(field, message);
        }

        errors = problems;
        return problems.Count == 0;
    }

    private static DateOnly? ParseDate(string? text, string field, bool required, Dictionary<string, string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                problems[field] = $"{field} (yyyy-MM-dd) is required.";
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems[field] = $"{field} must be an ISO date (yyyy-MM-dd), got '{text}'.";
        return null;
    }
}

/// <summary>The current period of a budget: budget vs actual vs forecast (with its 80 % interval).</summary>
public sealed record BudgetStatusDto(
    string Period,
    string PeriodStart,
    string PeriodEnd,
    decimal Budget,
    decimal Actual,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Forecast,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ForecastLow,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ForecastHigh,
    string Health,
    IReadOnlyList<string> OtherCurrencies);

/// <summary>A budget as the API returns it.</summary>
public sealed record BudgetDto(
    long Id,
    string Name,
    string Owner,
    IReadOnlyList<string> Scope,
    string Metric,
    string Currency,
    string PeriodType,
    decimal Amount,
    IReadOnlyList<BudgetPlanMonthDto> Plan,
    IReadOnlyList<BudgetThresholdDto> Thresholds,
    string StartDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndDate,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BudgetStatusDto? Status)
{
    public static BudgetDto From(Budget b, BudgetStatus? s) => new(
        b.Id, b.Name, b.Owner, b.Scope, b.Metric.ToString(), b.Currency, b.PeriodType.ToString(), b.Amount,
        b.Plan.Select(p => new BudgetPlanMonthDto(p.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.Amount)).ToList(),
        b.Thresholds.Select(t => new BudgetThresholdDto(t.Basis.ToString(), t.Percent)).ToList(),
        Date(b.StartDate), b.EndDate is { } end ? Date(end) : null, b.Version, b.CreatedAt, b.CreatedBy, b.UpdatedAt, b.UpdatedBy,
        s is null ? null : new BudgetStatusDto(s.Period.Label, Date(s.Period.Start), Date(s.Period.End), s.BudgetAmount, s.Actual,
            s.Forecast?.Point, s.Forecast?.Low, s.Forecast?.High, s.Health.ToString(), s.OtherCurrencies));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
