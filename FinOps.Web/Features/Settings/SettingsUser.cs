using System.Security.Claims;
using FinOps.Domain.Administration;

namespace FinOps.Web.Features.Settings;

/// <summary>
/// The signed-in person as the Settings tabs see them: read from the circuit's authentication state before every
/// action, so a tab that is not shown is also refused when its action is called.
/// </summary>
public sealed record SettingsUser(string? UserId, string Name, string? Role)
{
    public static readonly SettingsUser Anonymous = new(null, "", null);

    /// <summary>A signed-in person (not a kiosk screen, not anonymous).</summary>
    public bool IsPerson => UserId is not null && Roles.IsPersonRole(Role);

    public bool IsAdmin => IsPerson && Role == Roles.Admin;

    /// <summary>Analysts and administrators may create read-write API tokens; viewers only read-only ones.</summary>
    public bool MayCreateReadWriteTokens => IsPerson && Role is Roles.Admin or Roles.Analyst;

    public static SettingsUser From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        // The strongest role wins when a principal carries several.
        var role = Roles.PersonRoles.FirstOrDefault(principal.IsInRole);
        return new SettingsUser(principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity.Name ?? "", role);
    }
}
