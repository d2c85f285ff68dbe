using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FinOps.Domain.Administration;
using FinOps.Domain.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Integration;

/// <summary>
/// The real app in memory on a real SQLite file: its own temporary data directory, demo data off, a bootstrap token
/// for the API, and an administrator from configuration (<see cref="AdminEmail"/>). The data directory is deleted on
/// dispose. Every client made here has a client IP of its own (the test server has none), so the login rate limit
/// that one client runs into does not spill into another's.
/// </summary>
public partial class FinOpsAppFactory : WebApplicationFactory<Program>
{
    public const string Token = "integration-test-token";
    public const string AdminEmail = "admin@finops.test";

    /// <summary>Meets the password policy (12+ characters, upper, lower, digit); every user created here has it.</summary>
    public const string Password = "Correct-Horse-42";

    /// <summary>Test-only header that the test server turns into the connection's remote IP address.</summary>
    public const string ClientIpHeader = "X-Test-Client-IP";

    private static int _nextClientIp;
    private static int _nextUser;

    /// <summary>False: no administrator is configured, so the first-run set-up page is open.</summary>
    protected virtual bool ConfigureAdministrator => true;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "finops-tests", "app-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FinOps:DataDirectory", DataDirectory);
        builder.UseSetting("FinOps:Api:BootstrapToken", Token);
        builder.UseSetting("FinOps:Demo:Enabled", "false");
        builder.UseSetting("FinOps:Demo:LiveFeed:Enabled", "false");
        builder.UseSetting("FinOps:Ingestion:InboxPollSeconds", "3600");
        if (ConfigureAdministrator)
        {
            builder.UseSetting("FinOps:Admin:Email", AdminEmail);
            builder.UseSetting("FinOps:Admin:Password", Password);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientIpFromHeader>());
    }

    /// <summary>A client like a browser: keeps cookies, does not follow redirects (the tests look at them), has its own IP.</summary>
    public HttpClient CreateBrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientIpHeader, NewClientIp());
        return client;
    }

    /// <summary>A client that sends an API token and keeps no cookies.</summary>
    public HttpClient CreateTokenClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(ClientIpHeader, NewClientIp());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user with a role through <see cref="UserAdministration"/>, as the configured administrator.</summary>
    public async Task<TestUser> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Interlocked.Increment(ref _nextUser)}@finops.test";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(email, role + " person", role, Password, AdminEmail, CancellationToken.None);
        Assert.True(result.Succeeded, $"Could not create {role} {email}: {result.Error}");
        return new TestUser(await UserIdAsync(email), email, role);
    }

    public async Task<string> UserIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<FinOpsUser>>().FindByEmailAsync(email);
        Assert.True(user is not null, $"No user {email}");
        return user.Id;
    }

    /// <summary>Runs <paramref name="action"/> with the app's <see cref="UserAdministration"/> in a scope of its own.</summary>
    public async Task<T> WithUserAdministrationAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    /// <summary>A personal API token of <paramref name="owner"/> through <see cref="ApiTokenService"/>.</summary>
    public async Task<CreatedApiToken> CreateTokenAsync(TestUser owner, bool canWrite, DateTimeOffset? expiresAt = null) =>
        await Services.GetRequiredService<ApiTokenService>().CreateAsync(owner.Id, owner.Email, $"{owner.Role} {(canWrite ? "read-write" : "read-only")}",
            canWrite, expiresAt, owner.Email, CancellationToken.None);

    /// <summary>A kiosk link through <see cref="KioskLinkService"/>.</summary>
    public async Task<CreatedKioskLink> CreateKioskLinkAsync(string name = "Ops room TV") =>
        await Services.GetRequiredService<KioskLinkService>().CreateAsync(name, null, AdminEmail, CancellationToken.None);

    /// <summary>GET /account/login, then POST the form with its antiforgery token, using the cookie jar of <paramref name="client"/>.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var antiforgery = await AntiforgeryTokenAsync(client, "/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        });
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
    }

    /// <summary>A browser-like client signed in through the login form (fails the test unless the sign-in succeeds).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateBrowserClient();
        using var response = await PostLoginAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"Sign-in of {email} answered {(int)response.StatusCode} → {response.Headers.Location}");
        return client;
    }

    /// <summary>A browser-like client that opened a kiosk link (fails the test unless it was sent on to /wall).</summary>
    public async Task<HttpClient> OpenKioskAsync(string token)
    {
        var client = CreateBrowserClient();
        using var response = await client.GetAsync(new Uri($"/kiosk/{token}", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/wall",
            $"The kiosk link answered {(int)response.StatusCode} → {response.Headers.Location}");
        return client;
    }

    /// <summary>The value of the <c>__RequestVerificationToken</c> hidden input of a form page (which also sets the antiforgery cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)page.StatusCode}");
        var input = AntiforgeryInput().Match(html);
        Assert.True(input.Success, $"No __RequestVerificationToken on {path}");
        return WebUtility.HtmlDecode(input.Groups["value"].Value);
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<value>[^""]+)""|<input[^>]*value=""(?<value>[^""]+)""[^>]*name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryInput();

    private static string NewClientIp()
    {
        var n = Interlocked.Increment(ref _nextClientIp);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>Sets the connection's remote IP from <see cref="ClientIpHeader"/> before anything else runs.</summary>
    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientIpHeader, out var ip) && IPAddress.TryParse(ip.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A client that sends the bootstrap token (full rights).</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Also reached from DisposeAsync: the base class ends it with Dispose(true).</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>A user created by a test; their password is <see cref="FinOpsAppFactory.Password"/>.</summary>
public sealed record TestUser(string Id, string Email, string Role);

/// <summary>The app with no administrator configured: the first-run set-up page is open until one is created.</summary>
public sealed class FirstRunAppFactory : FinOpsAppFactory
{
    protected override bool ConfigureAdministrator => false;
}

/// <summary>
/// Integration test classes run one after another: Hangfire keeps its job storage in a process-wide static
/// (JobStorage.Current), so two app instances alive at once in one process could pick up each other's jobs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection
{
    public const string Name = "integration";
}
