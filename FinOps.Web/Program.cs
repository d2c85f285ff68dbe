using FinOps.Web.Api;
using FinOps.Web.Components;
using FinOps.Web.Hosting;

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
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
app.MapOpenApi("/openapi/{documentName}.json");
var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read);
api.MapImportsEndpoints();
api.MapCostsEndpoints();
api.MapFallback(() => ApiErrors.Problem(StatusCodes.Status404NotFound, "path", "No such API endpoint: see /openapi/v1.json."));
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>Exposed for WebApplicationFactory in integration tests.</summary>
public partial class Program;
