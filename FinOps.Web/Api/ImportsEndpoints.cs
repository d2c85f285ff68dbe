using System.Text.Json.Serialization;
using FinOps.Domain;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Web.Hosting;
using FinOps.Web.Jobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FinOps.Web.Api;

/// <summary>POST /api/v1/imports (multipart, field "file"), GET /api/v1/imports and /api/v1/imports/{id}.</summary>
public static class ImportsEndpoints
{
    public static RouteGroupBuilder MapImportsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports");
        group.MapPost("/", SubmitAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .DisableAntiforgery()
            .Produces<ImportQueuedDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Queue a FOCUS billing file (CSV, CSV.gz or Parquet) for import.");
        group.MapGet("/", ListAsync).WithSummary("The import ledger, newest first.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetImport").WithSummary("One import: status, rows, totals per currency, errors and warnings.");
        return group;
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, ImportService imports, ImportScheduler scheduler, FinOpsOptions options, CancellationToken ct)
    {
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.Ingestion.MaxUploadBytes + 1024 * 1024;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.BadRequest("file", "Send the billing file as multipart/form-data in a field named 'file'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return ApiErrors.BadRequest("file", "The multipart request has no boundary.");
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition()
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload.csv";
            var limited = new UploadStream(section.Body, options.Ingestion.MaxUploadBytes);
            ImportRecord record;
            try
            {
                var who = http.User.Identity?.Name ?? "api";
                record = await imports.SubmitAsync(limited, fileName, ImportSource.Api, $"api:{who}", ct);
            }
            catch (FileTooLargeException ex)
            {
                return ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, "file", ex.Message);
            }

            if (record.SizeBytes == 0)
            {
                return ApiErrors.BadRequest("file", "The file is empty.");
            }

            scheduler.Schedule(record.Id);
            return Results.AcceptedAtRoute("GetImport", new { id = record.Id }, new ImportQueuedDto(record.Id, record.Status.ToString()));
        }

        return ApiErrors.BadRequest("file", "No file: send the billing file in a multipart field named 'file'.");
    }

    private static async Task<IResult> ListAsync(ImportLedger ledger, ImportProgressTracker progress, int? take, CancellationToken ct)
    {
        var records = await ledger.ListAsync(take ?? 100, ct);
        return Results.Ok(records.Select(r => ImportDto.From(r, [], progress.Get(r.Id))));
    }

    private static async Task<IResult> GetAsync(long id, ImportLedger ledger, ImportProgressTracker progress, CancellationToken ct)
    {
        var record = await ledger.GetAsync(id, ct);
        return record is null
            ? ApiErrors.Problem(StatusCodes.Status404NotFound, "id", $"No import with id {id}.")
            : Results.Ok(ImportDto.From(record, record.Issues, progress.Get(id)));
    }
}

public sealed record ImportQueuedDto(long Id, string Status);

public sealed record ImportTotalDto(string BillingCurrency, decimal BilledCost, decimal EffectiveCost, decimal ListCost, decimal ContractedCost, long RowCount);

public sealed record ImportIssueDto(long? Line, string? Column, string? Value, string Message);

public sealed record ImportSliceDto(string BillingAccountId, string? BillingAccountName, string? ProviderName, DateTimeOffset BillingPeriodStart,
    DateTimeOffset BillingPeriodEnd, long RowCount, bool IsCurrent, DateTimeOffset? DataThrough);

public sealed record ImportProgressDto(long RowsRead, double Percent);

public sealed record ImportDto(
    long Id,
    string FileName,
    string Status,
    string Source,
    string SubmittedBy,
    long SizeBytes,
    string Sha256,
    long RowCount,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    long? DuplicateOfImportId,
    string? FailureReason,
    long ErrorCount,
    long WarningCount,
    IReadOnlyList<ImportTotalDto> Totals,
    IReadOnlyList<ImportIssueDto> Errors,
    IReadOnlyList<ImportIssueDto> Warnings,
    IReadOnlyList<ImportSliceDto> Slices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportProgressDto? Progress)
{
    public static ImportDto From(ImportRecord r, IEnumerable<ImportIssue> issues, ImportProgress? progress)
    {
        var list = issues.ToList();
        return new ImportDto(r.Id, r.FileName, r.Status.ToString(), r.Source.ToString(), r.SubmittedBy, r.SizeBytes, r.Sha256, r.RowCount,
            r.QueuedAt, r.StartedAt, r.FinishedAt, r.DurationMs, r.DuplicateOfImportId, r.FailureReason, r.ErrorCount, r.WarningCount,
            r.Totals.Select(t => new ImportTotalDto(t.BillingCurrency, t.BilledCost, t.EffectiveCost, t.ListCost, t.ContractedCost, t.RowCount)).ToList(),
            list.Where(i => i.Severity == ImportIssueSeverity.Error).Select(ToDto).ToList(),
            list.Where(i => i.Severity == ImportIssueSeverity.Warning).Select(ToDto).ToList(),
            r.Slices.Select(s => new ImportSliceDto(s.BillingAccountId, s.BillingAccountName, s.ProviderName, s.BillingPeriodStart,
                s.BillingPeriodEnd, s.RowCount, s.IsCurrent, s.DataThrough)).ToList(),
            progress is null ? null : new ImportProgressDto(progress.RowsRead, Math.Round(progress.Percent, 1)));
    }

    private static ImportIssueDto ToDto(ImportIssue i) => new(i.Line, i.Column, i.Value, i.Message);
}
