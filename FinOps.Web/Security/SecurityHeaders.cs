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

    public static IApplicationBuilder UseFinOpsSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
