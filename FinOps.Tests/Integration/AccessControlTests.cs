using System.Net;
using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using FinOps.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Integration;

/// <summary>
/// Sign-in, lockout, rate limit, API token scopes and lifetimes, kiosk links, the last administrator, and the audit log,
/// on the real app. Every client has its own IP (see <see cref="FinOpsAppFactory"/>), so the rate-limit test's client
/// does not slow the lockout test's, and each test makes its own users.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AccessControlTests(FinOpsAppFactory app) : IClassFixture<FinOpsAppFactory>
{
    private static readonly Uri Dashboard = new("/", UriKind.Relative);
    private static readonly Uri Imports = new("/api/v1/imports", UriKind.Relative);

    [Fact]
    public async Task Login_WithTheRightPassword_SignsInAndGoesToTheReturnUrl_AndIsAudited()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        using var client = app.CreateBrowserClient();

        using var login = await FinOpsAppFactory.PostLoginAsync(client, analyst.Email, FinOpsAppFactory.Password, returnUrl: "/budgets");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/budgets", login.Headers.Location?.OriginalString);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("finops.auth=", StringComparison.Ordinal));
        using var budgets = await client.GetAsync(new Uri("/budgets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, budgets.StatusCode);
        Assert.Contains(await AuditAsync("login.succeeded"), e => e.EntityId == analyst.Id);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_IsRefusedWithAMessage_SetsNoCookie_AndIsAudited()
    {
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        using var client = app.CreateBrowserClient();

        using var login = await FinOpsAppFactory.PostLoginAsync(client, viewer.Email, "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/login?error=", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("finops.auth=", StringComparison.Ordinal)));
        using var dashboard = await client.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/account/login", dashboard.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("login.failed"), e => e.EntityId == viewer.Id);
    }

    [Fact]
    public async Task Login_WithAnUnknownEmail_IsRefusedAndAudited()
    {
        using var client = app.CreateBrowserClient();

        using var login = await FinOpsAppFactory.PostLoginAsync(client, "nobody@finops.test", FinOpsAppFactory.Password);

        Assert.StartsWith("/account/login?error=", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("login.failed"), e => e.Actor == "nobody@finops.test");
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_LocksTheAccount_SoTheRightPasswordIsRefusedToo()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        using var client = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await FinOpsAppFactory.PostLoginAsync(client, analyst.Email, $"Wrong-Password-{attempt}");
            Assert.StartsWith("/account/login?error=", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var right = await FinOpsAppFactory.PostLoginAsync(client, analyst.Email, FinOpsAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("locked", Uri.UnescapeDataString(right.Headers.Location!.OriginalString), StringComparison.OrdinalIgnoreCase);
        using var dashboard = await client.GetAsync(Dashboard);
        Assert.StartsWith("/account/login", dashboard.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("login.locked-out"), e => e.EntityId == analyst.Id);
    }

    [Fact]
    public async Task Login_TheEleventhAttemptWithinAMinuteFromOneClient_Answers429_WhileAnotherClientStillSignsIn()
    {
        using var client = app.CreateBrowserClient();
        var antiforgery = await FinOpsAppFactory.AntiforgeryTokenAsync(client, "/account/login");
        var statuses = new List<HttpStatusCode>();
        var last = "";
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery,
                ["Email"] = "rate-limited@finops.test",
                ["Password"] = "Wrong-Password-1",
                ["ReturnUrl"] = "/",
            });
            using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Contains("Too many attempts", last, StringComparison.Ordinal);
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        using var other = await app.SignInAsync(viewer.Email);
    }

    [Fact]
    public async Task ReadOnlyToken_CannotQueueAnImport_ButAReadWriteAnalystTokenCan_AndTheImportIsAudited()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        using var readOnly = app.CreateTokenClient((await app.CreateTokenAsync(analyst, canWrite: false)).Token);
        using var readWrite = app.CreateTokenClient((await app.CreateTokenAsync(analyst, canWrite: true)).Token);
        var csv = new FocusCsv().Row(("ResourceId", "token-scope-test")).ToCsv();

        using var refused = await readOnly.PostImportAsync("read-only.csv", csv);
        using var listed = await readOnly.GetAsync(Imports);
        using var accepted = await readWrite.PostImportAsync("read-write.csv", csv);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var queued = await AuditAsync("import.queued");
        Assert.Contains(queued, e => e.Actor == $"api:{analyst.Email}");
        using var bootstrap = app.CreateApiClient();
        Assert.DoesNotContain("read-only.csv", await bootstrap.GetStringAsync(Imports), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("token.created"), e => e.Actor == analyst.Email);
    }

    [Fact]
    public async Task ReadWriteTokenOfAViewer_CannotQueueAnImport()
    {
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        using var client = app.CreateTokenClient((await app.CreateTokenAsync(viewer, canWrite: true)).Token);

        using var response = await client.PostImportAsync("viewer.csv", new FocusCsv().Row(("ResourceId", "viewer")).ToCsv());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Answers401()
    {
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        var created = await app.CreateTokenAsync(viewer, canWrite: false, expiresAt: DateTimeOffset.UtcNow.AddHours(1));
        using var client = app.CreateTokenClient(created.Token);
        using (var before = await client.GetAsync(Imports))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The service refuses to create an expired token, so the row is aged in the database.
        await using (var db = await DbAsync())
        {
            await db.ApiTokens.Where(t => t.Id == created.Entity.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        using var after = await client.GetAsync(Imports);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task RevokedToken_Answers401_AndTheRevocationIsAudited()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        var created = await app.CreateTokenAsync(analyst, canWrite: true);
        using var client = app.CreateTokenClient(created.Token);
        using (var before = await client.GetAsync(Imports))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True(await app.Services.GetRequiredService<FinOps.Domain.Api.ApiTokenService>()
            .RevokeAsync(created.Entity.Id, analyst.Id, analyst.Email, CancellationToken.None));

        using var after = await client.GetAsync(Imports);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(await AuditAsync("token.revoked"), e => e.EntityId == created.Entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TokenOfADisabledUser_Answers401()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst);
        using var client = app.CreateTokenClient((await app.CreateTokenAsync(analyst, canWrite: true)).Token);
        using (var before = await client.GetAsync(Imports))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var disabled = await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(analyst.Id, true, FinOpsAppFactory.AdminEmail, CancellationToken.None));

        Assert.True(disabled.Succeeded, disabled.Error);
        using var after = await client.GetAsync(Imports);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(await AuditAsync("user.disabled"), e => e.EntityId == analyst.Id);
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn()
    {
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(viewer.Id, true, FinOpsAppFactory.AdminEmail, CancellationToken.None));
        using var client = app.CreateBrowserClient();

        using var login = await FinOpsAppFactory.PostLoginAsync(client, viewer.Email, FinOpsAppFactory.Password);

        Assert.StartsWith("/account/login?error=", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskLink_OpensTheWall_AndNothingElse()
    {
        var link = await app.CreateKioskLinkAsync("Kiosk reach test");
        using var kiosk = await app.OpenKioskAsync(link.Token);

        using var wall = await kiosk.GetAsync(new Uri("/wall", UriKind.Relative));
        using var dashboard = await kiosk.GetAsync(Dashboard);
        using var api = await kiosk.GetAsync(Imports);
        using var hangfire = await kiosk.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("data-testid=\"wall-clock\"", await wall.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/account/denied", dashboard.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("/account/denied", hangfire.Headers.Location?.AbsolutePath);
        Assert.Contains(await AuditAsync("kiosk.created"), e => e.EntityId == link.Link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RevokedKioskLink_NoLongerOpens_AndEndsAScreenAlreadySignedIn()
    {
        var link = await app.CreateKioskLinkAsync("Kiosk revoke test");
        using var screen = await app.OpenKioskAsync(link.Token);

        Assert.True(await app.Services.GetRequiredService<KioskLinkService>().RevokeAsync(link.Link.Id, FinOpsAppFactory.AdminEmail, CancellationToken.None));

        using var other = app.CreateBrowserClient();
        using var reopened = await other.GetAsync(new Uri($"/kiosk/{link.Token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, reopened.StatusCode);
        using var wall = await screen.GetAsync(new Uri("/wall", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal("/account/login", wall.Headers.Location?.AbsolutePath);
        Assert.Contains(await AuditAsync("kiosk.revoked"), e => e.EntityId == link.Link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LastAdministrator_CanBeNeitherDemotedNorDisabled_UntilThereIsASecondOne()
    {
        var firstAdminId = await app.UserIdAsync(FinOpsAppFactory.AdminEmail);
        var actor = FinOpsAppFactory.AdminEmail;

        var demoteOnly = await app.WithUserAdministrationAsync(a => a.ChangeRoleAsync(firstAdminId, Roles.Viewer, actor, CancellationToken.None));
        var disableOnly = await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(firstAdminId, true, actor, CancellationToken.None));
        Assert.False(demoteOnly.Succeeded);
        Assert.False(disableOnly.Succeeded);
        Assert.True(await app.WithUserAdministrationAsync(a => a.AnyAdministratorAsync(CancellationToken.None)));

        var second = await app.CreateUserAsync(Roles.Admin);
        var demoteSecond = await app.WithUserAdministrationAsync(a => a.ChangeRoleAsync(second.Id, Roles.Analyst, actor, CancellationToken.None));
        Assert.True(demoteSecond.Succeeded, demoteSecond.Error);

        // The second one is an analyst again: the configured administrator is the only one once more.
        var demoteAgain = await app.WithUserAdministrationAsync(a => a.ChangeRoleAsync(firstAdminId, Roles.Viewer, actor, CancellationToken.None));
        Assert.False(demoteAgain.Succeeded);
        var roleChanges = await AuditAsync("user.role-changed");
        Assert.Contains(roleChanges, e => e.EntityId == second.Id && e.NewValues!.Contains(Roles.Analyst, StringComparison.Ordinal));
        Assert.DoesNotContain(roleChanges, e => e.EntityId == firstAdminId);
        Assert.Contains(await AuditAsync("user.created"), e => e.EntityId == second.Id);
    }

    [Fact]
    public async Task SecondAdministrator_LetsTheFirstBeDisabled_AndTheFirstCanBeEnabledAgain()
    {
        var firstAdminId = await app.UserIdAsync(FinOpsAppFactory.AdminEmail);
        var second = await app.CreateUserAsync(Roles.Admin);

        var disableFirst = await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(firstAdminId, true, second.Email, CancellationToken.None));
        var disableSecond = await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(second.Id, true, second.Email, CancellationToken.None));
        var enableFirst = await app.WithUserAdministrationAsync(a => a.SetDisabledAsync(firstAdminId, false, second.Email, CancellationToken.None));

        Assert.True(disableFirst.Succeeded, disableFirst.Error);
        Assert.False(disableSecond.Succeeded); // the second is the last enabled administrator now
        Assert.True(enableFirst.Succeeded, enableFirst.Error);
        await app.WithUserAdministrationAsync(a => a.ChangeRoleAsync(second.Id, Roles.Viewer, FinOpsAppFactory.AdminEmail, CancellationToken.None));
    }

    [Fact]
    public async Task AuditLog_RefusesUpdateAndDeleteInTheDatabase()
    {
        await app.Services.GetRequiredService<AuditLog>().WriteAsync("test", "test.append-only", "Test", "1", null, null, "append-only probe", CancellationToken.None);
        await using var db = await DbAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Actor = 'rewritten'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("test.append-only"), e => e.Actor == "test");
        Assert.DoesNotContain(await AuditAsync(""), e => e.Actor == "rewritten");
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        (await app.Services.GetRequiredService<AuditLog>().SearchAsync(action, null, null, 1000, CancellationToken.None))
        .Where(e => action.Length == 0 || e.Action == action).ToList();

    private async Task<FinOpsDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();
}

/// <summary>The one-time set-up page, on an app without a configured administrator.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FirstRunSetupTests(FirstRunAppFactory app) : IClassFixture<FirstRunAppFactory>
{
    [Fact]
    public async Task Setup_CreatesTheFirstAdministratorOnce_AndIsThenClosed()
    {
        using var first = app.CreateBrowserClient();
        using (var loginPage = await first.GetAsync(new Uri("/account/login", UriKind.Relative)))
        {
            Assert.Contains("/account/setup", await loginPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var created = await PostSetupAsync(first, "first-admin@finops.test");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", created.Headers.Location?.OriginalString);
        using (var dashboard = await first.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode); // signed in as the new administrator
        }

        using var second = app.CreateBrowserClient();
        using var refused = await PostSetupAsync(second, "intruder@finops.test");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location?.OriginalString);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinOpsUser>>();
        Assert.Null(await users.FindByEmailAsync("intruder@finops.test"));
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        Assert.Equal("first-admin@finops.test", Assert.Single(admins).Email);
        using var setupPage = await second.GetAsync(new Uri("/account/setup", UriKind.Relative));
        Assert.DoesNotContain("data-testid=\"setup-form\"", await setupPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email)
    {
        // The login form's token serves any form of this client (antiforgery tokens are per user, not per form).
        var antiforgery = await FinOpsAppFactory.AntiforgeryTokenAsync(client, "/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Email"] = email,
            ["Password"] = FinOpsAppFactory.Password,
            ["ConfirmPassword"] = FinOpsAppFactory.Password,
        });
        return await client.PostAsync(new Uri("/account/setup", UriKind.Relative), form);
    }
}
