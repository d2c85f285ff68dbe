using System.Security.Claims;
using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace FinOps.Web.Security;

/// <summary>Form posts of the login, logout and set-up pages (antiforgery-checked), and kiosk links.</summary>
public static class AccountEndpoints
{
    public sealed record LoginForm(string? Email, string? Password, string? ReturnUrl);

    public sealed record SetupForm(string? Email, string? Password, string? ConfirmPassword);

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.LoginRateLimit);
        account.MapPost("/logout", LogoutAsync).RequireAuthorization();
        account.MapPost("/setup", SetupAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.LoginRateLimit);
        account.MapGet("/sso", (string? returnUrl, SingleSignOnOptions sso) => sso.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [SingleSignOn.Scheme])
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Single sign-on is not configured.")).AllowAnonymous();
        app.MapGet("/kiosk/{token}", OpenKioskAsync).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(SecuritySetup.LoginRateLimit);
    }

    private static async Task<IResult> LoginAsync([FromForm] LoginForm form, SignInManager<FinOpsUser> signIn, UserManager<FinOpsUser> users,
        AuditLog audit, CancellationToken ct)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return Back("Enter your e-mail address and password.", returnUrl, form.Email);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null || user.IsDisabled)
        {
            await audit.WriteAsync(form.Email.Trim(), "login.failed", "User", user?.Id, null, null, "Sign-in refused", ct);
            return Back("The e-mail address or password is not right.", returnUrl, form.Email);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(user.UserName ?? user.Id, "login.succeeded", "User", user.Id, null, null, "Signed in", ct);
            return Results.LocalRedirect(returnUrl);
        }

        await audit.WriteAsync(user.UserName ?? user.Id, result.IsLockedOut ? "login.locked-out" : "login.failed", "User", user.Id, null, null,
            result.IsLockedOut ? "Sign-in refused: account locked after repeated failures" : "Sign-in refused", ct);
        return Back(result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "The e-mail address or password is not right.", returnUrl, form.Email);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<FinOpsUser> signIn)
    {
        // The form binds nothing, so the antiforgery middleware would not enforce the token here: check it, or any page
        // could sign a user out with a cross-site form post.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> SetupAsync([FromForm] SetupForm form, AdminBootstrapper bootstrapper, SignInManager<FinOpsUser> signIn,
        UserManager<FinOpsUser> users, CancellationToken ct)
    {
        if (!await bootstrapper.SetupIsOpenAsync(ct))
        {
            return Results.LocalRedirect("/account/login");
        }

        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return SetupBack("Enter an e-mail address and a password.", form.Email);
        }

        if (form.Password != form.ConfirmPassword)
        {
            return SetupBack("The two passwords differ.", form.Email);
        }

        var result = await bootstrapper.CreateFirstAdministratorAsync(form.Email, form.Password, ct);
        if (!result.Succeeded)
        {
            return SetupBack(result.Error!, form.Email);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        await signIn.SignInAsync(user!, isPersistent: true);
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> OpenKioskAsync(string token, HttpContext http, KioskLinkService links, CancellationToken ct)
    {
        var link = await links.OpenAsync(token, ct);
        if (link is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This display link is not valid (unknown, revoked or expired).");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"kiosk:{link.Id}"),
            new Claim(ClaimTypes.Name, $"Kiosk: {link.Name}"),
            new Claim(ClaimTypes.Role, Roles.Kiosk),
            new Claim(SecuritySetup.KioskIdClaim, link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], IdentityConstants.ApplicationScheme);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = link.ExpiresAt });
        return Results.LocalRedirect("/wall");
    }

    private static IResult Back(string error, string returnUrl, string? email) =>
        Results.LocalRedirect($"/account/login?error={Uri.EscapeDataString(error)}&returnUrl={Uri.EscapeDataString(returnUrl)}&email={Uri.EscapeDataString(email ?? "")}");

    private static IResult SetupBack(string error, string? email) =>
        Results.LocalRedirect($"/account/setup?error={Uri.EscapeDataString(error)}&email={Uri.EscapeDataString(email ?? "")}");

    /// <summary>Only local paths: an attacker's link must not send a freshly signed-in user elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
