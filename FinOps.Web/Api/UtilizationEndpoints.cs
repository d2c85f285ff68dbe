using FinOps.Domain.Optimization.Utilization;

namespace FinOps.Web.Api;

/// <summary>POST /api/v1/utilization: imports a resource utilization CSV (docs/utilization-format.md) at once.</summary>
public static class UtilizationEndpoints
{
    public static RouteGroupBuilder MapUtilizationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/utilization", ImportAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .DisableAntiforgery()
            .WithTags("Utilization")
            .Produces<UtilizationImportedDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Import daily CPU, memory and storage utilization per resource (multipart field 'file'; CSV with ResourceId, Date, " +
                         "CpuUtilization, MemoryUtilization, StorageUtilization). All or nothing; re-importing a (resource, date) replaces it.");
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, UtilizationCsvImporter importer, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiErrors.BadRequest("file", "Send the utilization CSV as multipart/form-data in a field named 'file'.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
        {
            return ApiErrors.BadRequest("file", "The form has no file in a field named 'file'.");
        }

        await using var stream = file.OpenReadStream();
        var result = await importer.ImportAsync(stream, ct);
        if (!result.Succeeded)
        {
            return Results.Problem(title: $"The utilization file was rejected: {result.Errors.Count} error(s); nothing was stored.",
                detail: result.Errors[0].ToString(), statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>
                {
                    ["parameter"] = "file",
                    ["errors"] = result.Errors.Select(e => new { e.Line, e.Column, e.Value, e.Message }).ToList(),
                });
        }

        return Results.Ok(new UtilizationImportedDto(file.FileName, result.Rows));
    }
}

public sealed record UtilizationImportedDto(string FileName, long Rows);
