using System.Security.Claims;
using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace FinOps.Web.Security;

/// <summary>The <c>FinOps:Oidc</c> section: optional single sign-on with any OpenID Connect provider.</summary>
public sealed class SingleSignOnOptions
{
    public const string SectionName = "FinOps:Oidc";

    /// <summary>The provider's issuer URL (its /.well-known/openid-configuration is read from there).</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The button text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>The claim that carries groups or roles (e.g. "roles", "groups").</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → FinOps role (Admin, Analyst, Viewer). The most powerful match wins.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The role of a user none of whose claims is mapped; empty refuses them.</summary>
    public string DefaultRole { get; set; } = "";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// OpenID Connect sign-in, configuration only: the provider authenticates, <see cref="MapRole"/> turns its role or group
/// claims into one FinOps role, and the app's own cookie carries the session (no local account is created).
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string SsoClaim = "finops:sso";

    public static AuthenticationBuilder AddFinOpsSingleSignOn(this AuthenticationBuilder builder, SingleSignOnOptions sso)
    {
        builder.Services.AddSingleton(sso);
        if (!sso.Enabled)
        {
            return builder;
        }

        return builder.AddOpenIdConnect(Scheme, sso.DisplayName, o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(sso.ClientSecret) ? null : sso.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SaveTokens = false;
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.SignInScheme = IdentityConstants.ApplicationScheme;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.MapInboundClaims = false;
            o.Events.OnTokenValidated = context =>
            {
                var principal = ToFinOpsPrincipal(context.Principal!, sso);
                if (principal is null)
                {
                    context.Fail("Your account has no FinOps Cockpit role: ask an administrator to map your group.");
                    return Task.CompletedTask;
                }

                context.Principal = principal;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The FinOps role for a provider's claims: the most powerful mapped value, else the default role, else null.</summary>
    public static string? MapRole(IEnumerable<Claim> claims, SingleSignOnOptions sso)
    {
        var mapped = claims
            .Where(c => c.Type == sso.RoleClaim)
            .Select(c => sso.RoleMap.GetValueOrDefault(c.Value))
            .Where(Roles.IsPersonRole)
            .ToList();
        foreach (var role in Roles.PersonRoles)
        {
            if (mapped.Contains(role))
            {
                return role;
            }
        }

        return Roles.IsPersonRole(sso.DefaultRole) ? sso.DefaultRole : null;
    }

    /// <summary>The session principal for a provider's identity, or null when no role applies.</summary>
    public static ClaimsPrincipal? ToFinOpsPrincipal(ClaimsPrincipal external, SingleSignOnOptions sso)
    {
        var role = MapRole(external.Claims, sso);
        if (role is null)
        {
            return null;
        }

        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = external.FindFirstValue("email") ?? external.FindFirstValue("preferred_username") ?? external.FindFirstValue("name") ?? subject;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"oidc:{subject}"),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Role, role),
            new Claim(SsoClaim, "true"),
        ], IdentityConstants.ApplicationScheme);
        return new ClaimsPrincipal(identity);
    }
}
