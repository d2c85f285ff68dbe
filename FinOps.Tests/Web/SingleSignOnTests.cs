using System.Security.Claims;
using FinOps.Domain.Administration;
using FinOps.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinOps.Tests.Web;

/// <summary>Single sign-on is configuration only: checked here at the configuration and claim-mapping level.</summary>
public sealed class SingleSignOnTests
{
    private static SingleSignOnOptions Configured() => new()
    {
        Authority = "https://login.example.com/tenant/v2.0",
        ClientId = "finops-cockpit",
        ClientSecret = "s3cret",
        RoleClaim = "groups",
        RoleMap = new Dictionary<string, string> { ["finops-admins"] = Roles.Admin, ["finops-analysts"] = Roles.Analyst, ["everyone"] = Roles.Viewer },
    };

    [Fact]
    public void MapRole_SeveralMappedGroups_TheMostPowerfulRoleWins()
    {
        Claim[] claims = [new("groups", "everyone"), new("groups", "finops-analysts"), new("groups", "unrelated")];

        Assert.Equal(Roles.Analyst, SingleSignOn.MapRole(claims, Configured()));
    }

    [Fact]
    public void MapRole_NoMappedGroup_UsesTheDefaultRole_OrRefuses()
    {
        Claim[] claims = [new("groups", "unrelated"), new("roles", "finops-admins")]; // wrong claim type: not mapped

        Assert.Null(SingleSignOn.MapRole(claims, Configured()));
        Assert.Equal(Roles.Viewer, SingleSignOn.MapRole(claims, Configured().WithDefault(Roles.Viewer)));
    }

    [Fact]
    public void ToFinOpsPrincipal_CarriesNameRoleAndTheSsoMarker()
    {
        var external = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "abc-123"), new Claim("email", "ana@example.com"), new Claim("groups", "finops-admins")], "oidc"));

        var principal = SingleSignOn.ToFinOpsPrincipal(external, Configured());

        Assert.NotNull(principal);
        Assert.Equal("ana@example.com", principal.Identity?.Name);
        Assert.True(principal.IsInRole(Roles.Admin));
        Assert.Equal("oidc:abc-123", principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.True(principal.HasClaim(SingleSignOn.SsoClaim, "true"));
        Assert.Equal(IdentityConstants.ApplicationScheme, principal.Identity?.AuthenticationType);
    }

    [Fact]
    public async Task Configured_RegistersAnAuthorizationCodeFlowSignedIntoTheAppCookie()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddFinOpsSingleSignOn(Configured());
        await using var provider = services.BuildServiceProvider();

        var scheme = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(SingleSignOn.Scheme);
        var options = provider.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(SingleSignOn.Scheme);

        Assert.NotNull(scheme);
        Assert.Equal("https://login.example.com/tenant/v2.0", options.Authority);
        Assert.Equal("finops-cockpit", options.ClientId);
        Assert.Equal("code", options.ResponseType);
        Assert.True(options.UsePkce);
        Assert.Equal(IdentityConstants.ApplicationScheme, options.SignInScheme);
        Assert.Contains("email", options.Scope);
    }

    [Fact]
    public async Task NotConfigured_RegistersNoScheme()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddFinOpsSingleSignOn(new SingleSignOnOptions());
        await using var provider = services.BuildServiceProvider();

        Assert.Null(await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(SingleSignOn.Scheme));
    }
}

internal static class SingleSignOnOptionsTestExtensions
{
    public static SingleSignOnOptions WithDefault(this SingleSignOnOptions options, string role)
    {
        options.DefaultRole = role;
        return options;
    }
}
