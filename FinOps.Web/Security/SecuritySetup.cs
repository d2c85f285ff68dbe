using System.Security.Claims;
using System.Threading.RateLimiting;
using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using FinOps.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FinOps.Web.Security;

/// <summary>Identity (cookie sign-in), API tokens, roles and policies, login rate limiting, circuit limits.</summary>
public static class SecuritySetup
{
    public const string LoginRateLimit = "login";
    public const string KioskIdClaim = "finops:kiosk";

    public static void AddFinOpsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // The cookies below and the stored webhook URLs share this one key ring, kept in the data directory.
        services.AddFinOpsDataProtection();
        services.AddIdentityCore<FinOpsUser>(o =>
            {
                PasswordPolicy.Apply(o.Password);
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FinOpsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(Policies.PersonOrTokenScheme, "Person or API token", o =>
            {
                o.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.CarriesToken(context.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme;
                // Hub clients are programs: a 401 or 403 they can act on, not a redirect to the sign-in page.
                o.ForwardChallenge = ApiTokenAuthenticationHandler.SchemeName;
                o.ForwardForbid = ApiTokenAuthenticationHandler.SchemeName;
            })
            .AddFinOpsSingleSignOn(configuration.GetSection(SingleSignOnOptions.SectionName).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions())
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "finops.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        });

        services.AddAuthorization(o => o.AddFinOpsPolicies());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        // Sign-in attempts per minute from one address (FinOps:Security:LoginAttemptsPerMinute, default 10).
        var loginAttemptsPerMinute = Math.Max(1, configuration.GetValue("FinOps:Security:LoginAttemptsPerMinute", 10));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // Say so: an empty 429 would be re-executed by the status-code pages into /not-found, which sends an anonymous
            // caller to the login page as if nothing had happened.
            o.OnRejected = (context, ct) =>
            {
                if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }

                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many attempts from this address: wait a minute and try again.", ct));
            };
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        // One person cannot pin the server with circuits; a disconnected circuit is kept briefly for reconnects.
        services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o =>
        {
            o.DisconnectedCircuitMaxRetained = 50;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
        });
        services.AddSingleton<CircuitLimiter>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitLimiterHandler>();
        services.AddSingleton<AdminBootstrapper>();
    }

    /// <summary>Kiosk sessions end as soon as their link is revoked or expires; people's sessions follow Identity's stamp check.</summary>
    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(KioskIdClaim) is { } kioskId && long.TryParse(kioskId, out var id))
        {
            var links = context.HttpContext.RequestServices.GetRequiredService<KioskLinkService>();
            if (!await links.IsActiveAsync(id, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            return;
        }

        if (context.Principal?.HasClaim(c => c.Type == SingleSignOn.SsoClaim) == true)
        {
            return; // no local account: the provider vouched for the session
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
