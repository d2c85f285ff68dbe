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
