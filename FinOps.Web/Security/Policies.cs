using FinOps.Domain.Administration;
using FinOps.Web.Api;
using Microsoft.AspNetCore.Authorization;

namespace FinOps.Web.Security;

/// <summary>
/// Authorization policies, enforced on the server for every page, endpoint, job trigger and hub. Pages carry one of
/// these (a page without one is refused to anybody but an authenticated person: see the fallback policy).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person (Admin, Analyst, Viewer): read everything.</summary>
    public const string Viewer = "viewer";

    /// <summary>Analysts and administrators: change budgets, reports, recommendations, anomalies; import data.</summary>
    public const string Analyst = "analyst";

    /// <summary>Administrators: users, settings, tokens, kiosk links, Hangfire.</summary>
    public const string Admin = "admin";

    /// <summary>The wall screen: any person, or a kiosk link.</summary>
    public const string WallScreen = "wall-screen";

    /// <summary>
    /// Hubs under /hubs: any person, by cookie or API token (<see cref="PersonOrTokenScheme"/>); never a kiosk link.
    /// </summary>
    public const string PersonOrToken = "person-or-token";

    /// <summary>Authenticates with the API token when the request carries one, otherwise with the person's cookie; answers 401/403, never a redirect.</summary>
    public const string PersonOrTokenScheme = "PersonOrToken";

    public static void AddFinOpsPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Viewer));
        options.AddPolicy(Analyst, p => p.RequireRole(Roles.Admin, Roles.Analyst));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(WallScreen, p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Viewer, Roles.Kiosk));
        options.AddPolicy(PersonOrToken, p => p.AddAuthenticationSchemes(PersonOrTokenScheme).RequireRole(Roles.Admin, Roles.Analyst, Roles.Viewer));
        options.AddApiPolicies();

        // Anything without a policy of its own needs a signed-in person; a kiosk link is not enough.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
