using FinOps.Web.Api;
using FinOps.Web.Components;
using FinOps.Web.Hosting;
using FinOps.Web.Security;
using Hangfire;

var builder = WebApplication.CreateBuilder(args);
builder.AddFinOpsWeb(args);

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

// The HTML not-found page is for people; /api answers problem details of its own.
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseFinOpsSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapAccountEndpoints();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new HangfireAdminAuthorizationFilter()],
    DashboardTitle = "FinOps Cockpit jobs",
}).RequireAuthorization(Policies.Admin);
var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read);
api.MapImportsEndpoints();
api.MapCostsEndpoints();
api.MapBudgetsEndpoints();
app.MapCostExportEndpoints(api);
api.MapUtilizationEndpoints();
api.MapFallback(() => ApiErrors.Problem(StatusCodes.Status404NotFound, "path", "No such API endpoint: see /openapi/v1.json."));
app.MapHub<FinOps.Web.Realtime.AlertsHub>(FinOps.Web.Realtime.AlertsHub.Path);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>Exposed for WebApplicationFactory in integration tests.</summary>
public partial class Program;
