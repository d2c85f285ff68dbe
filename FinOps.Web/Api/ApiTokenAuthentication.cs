using System.Security.Claims;
using System.Text.Encodings.Web;
using FinOps.Domain;
using FinOps.Domain.Administration;
using FinOps.Domain.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FinOps.Web.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for /api/v1 and the alerts hub. A token is either the configured bootstrap
/// token (an administrator with write rights) or a personal token, which acts with its owner's role and scope.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FinOpsOptions finOps,
    ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string WriteScopeClaim = "finops:write";

    /// <summary>Whether the request presents a token this handler reads (a Bearer header, or access_token on a hub path).</summary>
    public static bool CarriesToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is { Count: > 0 });

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"] is { Count: > 0 } query)
        {
            token = query.ToString(); // WebSockets cannot send headers: SignalR clients pass the token in the query
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        var bootstrap = finOps.Api.BootstrapToken;
        if (!string.IsNullOrEmpty(bootstrap) && SecretTokens.FixedTimeEquals(token, bootstrap))
        {
            return Success(new ApiTokenIdentity("bootstrap", Roles.Admin, CanWrite: true, "bootstrap"));
        }

        var identity = await tokens.AuthenticateAsync(token, Context.RequestAborted);
        return identity is null ? AuthenticateResult.Fail("Invalid, revoked or expired token.") : Success(identity);
    }

    private AuthenticateResult Success(ApiTokenIdentity identity)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity.UserName),
            new(ClaimTypes.Role, identity.Role),
            new("finops:token", identity.TokenName),
        };
        if (identity.CanWrite)
        {
            claims.Add(new Claim(WriteScopeClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(new { error = "A valid API token is required: Authorization: Bearer <token>." });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(new { error = "This token may not do that (a read-only token, or the owner's role does not allow it)." });
    }
}
