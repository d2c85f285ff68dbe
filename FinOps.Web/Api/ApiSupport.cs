using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Authorization;

namespace FinOps.Web.Api;

/// <summary>Authorization policies of the API.</summary>
public static class ApiPolicies
{
    public const string Read = "api-read";
    public const string Write = "api-write";

    /// <summary>API tokens only (never the browser's cookie): read needs a person's role; write a read-write token of an Analyst or Admin.</summary>
    public static void AddApiPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Admin, Roles.Analyst, Roles.Viewer));
        options.AddPolicy(Write, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Admin, Roles.Analyst)
            .RequireClaim(ApiTokenAuthenticationHandler.WriteScopeClaim));
    }
}

/// <summary>Errors as RFC 7807 problem details that name the offending parameter.</summary>
public static class ApiErrors
{
    public static IResult BadRequest(string parameter, string message) => Problem(StatusCodes.Status400BadRequest, parameter, message);

    public static IResult Problem(int status, string parameter, string message) =>
        Results.Problem(title: message, detail: message, statusCode: status,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}

/// <summary>Stops reading past a byte limit, so an upload cannot fill the disk.</summary>
public sealed class LengthLimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new FileTooLargeException($"The file is larger than the limit of {limit:N0} bytes (FinOps:Ingestion:MaxUploadBytes).");
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class FileTooLargeException(string message) : Exception(message);
