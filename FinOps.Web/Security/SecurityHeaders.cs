namespace FinOps.Web.Security;

/// <summary>
/// Security headers on every response. The CSP allows only this origin: Blazor Server needs its WebSocket and inline
/// styles (MudBlazor and ApexCharts set style attributes); no inline scripts, no CDN, no framing by other sites.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.AspNetCore.Components.ImportMapDefinition, string> PolicyByImportMap = [];

    /// <summary>
    /// Pages render Blazor's import map as an inline <c>&lt;script type="importmap"&gt;</c>: the policy allows exactly that
    /// script by its SHA-256 (the map lists fingerprinted asset URLs, so the hash follows each build). Without it the browser
    /// blocks the map on every page.
    /// </summary>
    public static string PolicyFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.ImportMapDefinition>() is not { } importMap)
        {
            return ContentSecurityPolicy;
        }

        return PolicyByImportMap.GetValue(importMap, map =>
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(map.ToString())));
            return ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'sha256-{hash}'", StringComparison.Ordinal);
        });
    }

    public static IApplicationBuilder UseFinOpsSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>The Hangfire dashboard is for administrators only.</summary>
public sealed class HangfireAdminAuthorizationFilter : Hangfire.Dashboard.IDashboardAuthorizationFilter
{
    public bool Authorize(Hangfire.Dashboard.DashboardContext context)
    {
        var http = Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context);
        return http.User.Identity?.IsAuthenticated == true && http.User.IsInRole(FinOps.Domain.Administration.Roles.Admin);
    }
}
