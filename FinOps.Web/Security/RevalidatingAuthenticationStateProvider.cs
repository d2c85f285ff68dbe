using System.Security.Claims;
using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinOps.Web.Security;

/// <summary>
/// Re-checks an open circuit's user every minute: a person who was disabled, demoted or signed out elsewhere (security
/// stamp changed), or a kiosk whose link was revoked, loses the session without waiting for a reload.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        await using var scope = scopes.CreateAsyncScope();
        if (principal.FindFirstValue(SecuritySetup.KioskIdClaim) is { } kiosk && long.TryParse(kiosk, out var kioskId))
        {
            return await scope.ServiceProvider.GetRequiredService<KioskLinkService>().IsActiveAsync(kioskId, cancellationToken);
        }

        if (principal.HasClaim(c => c.Type == SingleSignOn.SsoClaim))
        {
            return true;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinOpsUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
