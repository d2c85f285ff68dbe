using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FinOps.Domain;
using FinOps.Domain.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinOps.Web.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for /api/v1. A token is either the configured bootstrap token (full rights)
/// or a personal token whose SHA-256 hash is stored, not revoked and not expired.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FinOpsOptions finOps,
    IDbContextFactory<FinOpsDbContext> dbFactory,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string WriteScopeClaim = "finops:write";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        var bootstrap = finOps.Api.BootstrapToken;
        if (!string.IsNullOrEmpty(bootstrap) && FixedTimeEquals(token, bootstrap))
        {
            return Success("bootstrap", canWrite: true, tokenName: "bootstrap");
        }

        var hash = HashToken(token);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var stored = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (stored is null || stored.RevokedAt is not null || (stored.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("Invalid, revoked or expired token.");
        }

        stored.LastUsedAt = now;
        await db.SaveChangesAsync(Context.RequestAborted);
        return Success(stored.Owner, stored.CanWrite, stored.Name);
    }

    private AuthenticateResult Success(string owner, bool canWrite, string tokenName)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, owner), new("finops:token", tokenName) };
        if (canWrite)
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

    /// <summary>SHA-256 of the token text, lower-case hex: what is stored.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
