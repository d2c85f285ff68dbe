using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using FinOps.Domain.Administration;
using FinOps.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Integration;

/// <summary>
/// Who reaches what, enumerated from the app itself: every routable component (reflection over FinOps.Web) and every
/// endpoint of the app's <see cref="EndpointDataSource"/>, asked over HTTP by each kind of caller. A new page or
/// endpoint is covered without touching this file; one that fits no rule here fails <see cref="EveryEndpoint_FallsUnderARuleOfThisMatrix"/>.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture matrix) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    /// <summary>The product's rule for each page policy: which roles may open such a page. A page with another policy fails.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Policies.Viewer] = [Roles.Admin, Roles.Analyst, Roles.Viewer],
        [Policies.Analyst] = [Roles.Admin, Roles.Analyst],
        [Policies.Admin] = [Roles.Admin],
        [Policies.WallScreen] = [Roles.Admin, Roles.Analyst, Roles.Viewer, Roles.Kiosk],
    };

    /// <summary>Callers with a browser cookie: the three person roles and a kiosk link.</summary>
    private static readonly string[] CookieRoles = [Roles.Admin, Roles.Analyst, Roles.Viewer, Roles.Kiosk];

    [Fact]
    public void EveryRoutablePage_DeclaresAKnownPolicyOrAllowAnonymous()
    {
        var problems = new List<string>();
        foreach (var page in RoutablePages())
        {
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
            var anonymous = page.GetCustomAttributes<AllowAnonymousAttribute>(inherit: true).Any();
            if (authorize.Count == 0 && !anonymous)
            {
                problems.Add($"{page.FullName} ({string.Join(", ", Routes(page))}) has neither [Authorize(Policy = ...)] nor [AllowAnonymous]");
            }
            else if (authorize.Count > 0 && anonymous)
            {
                problems.Add($"{page.FullName} has both [Authorize] and [AllowAnonymous]: [AllowAnonymous] wins, say which is meant");
            }
            else if (authorize.Any(a => a.Policy is null || !RolesByPolicy.ContainsKey(a.Policy)))
            {
                problems.Add($"{page.FullName}: [Authorize] must name one of the policies {string.Join(", ", RolesByPolicy.Keys)} " +
                             $"(has {string.Join(", ", authorize.Select(a => a.Policy ?? $"no policy, Roles={a.Roles}"))})");
            }
        }

        Assert.True(problems.Count == 0, "Pages without a clear access rule:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void RoutablePagesByReflection_AreExactlyThePageEndpointsOfTheApp()
    {
        var byReflection = RoutablePages().SelectMany(Routes).Order(StringComparer.Ordinal).ToList();
        var byEndpoints = Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(byReflection);
        Assert.Equal(byReflection, byEndpoints);
    }

    [Fact]
    public async Task EveryPage_AnswersEachCallerAsItsPolicySays()
    {
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var page in RoutablePages())
        {
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
            var anonymous = page.GetCustomAttributes<AllowAnonymousAttribute>(inherit: true).Any();
            if (!anonymous && (authorize.Count == 0 || authorize.Any(a => a.Policy is null || !RolesByPolicy.ContainsKey(a.Policy))))
            {
                problems.Add($"{page.FullName}: no access rule (see EveryRoutablePage_DeclaresAKnownPolicyOrAllowAnonymous)");
                continue;
            }

            // Several [Authorize] attributes must all be met: the roles allowed are those every policy allows.
            var allowed = anonymous ? null : authorize.Select(a => RolesByPolicy[a.Policy!]).Aggregate((a, b) => [.. a.Intersect(b)]);
            foreach (var route in Routes(page))
            {
                var url = Url(route);
                var expectations = new List<(string Caller, HttpClient Client, Expected Expected)>
                {
                    ("anonymous", matrix.Anonymous, anonymous ? Expected.Ok : Expected.LoginRedirect),
                    ("Admin API token (no cookie)", matrix.Tokens[(Roles.Admin, true)], anonymous ? Expected.Ok : Expected.LoginRedirect),
                };
                expectations.AddRange(CookieRoles.Select(role => (role, matrix.Cookies[role],
                    anonymous || allowed!.Contains(role) ? Expected.Ok : Expected.Denied)));
                foreach (var (caller, client, expected) in expectations)
                {
                    checkedCount++;
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                    Check(problems, $"GET {url} as {caller}", response, expected);
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {checkedCount} page checks failed:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task EveryApiEndpoint_NeedsATokenOfAPersonRole_AndChangesNeedAReadWriteTokenOfAnAnalystOrAdmin()
    {
        var problems = new List<string>();
        var api = Endpoints().Where(e => IsApi(e.RoutePattern.RawText)).ToList();
        Assert.Contains(api, e => Methods(e).Contains("POST"));
        Assert.Contains(api, e => Methods(e).Contains("GET"));
        foreach (var endpoint in api)
        {
            var url = Url(endpoint.RoutePattern.RawText!);
            foreach (var method in Methods(endpoint))
            {
                var writes = method is not ("GET" or "HEAD");
                var calls = new List<(string Caller, HttpClient Client, Expected Expected)>
                {
                    ("anonymous", matrix.Anonymous, Expected.Unauthorized),
                };
                calls.AddRange(CookieRoles.Select(role => ($"{role} cookie", matrix.Cookies[role], Expected.Unauthorized)));
                foreach (var ((role, canWrite), client) in matrix.Tokens)
                {
                    var mayWrite = canWrite && role is Roles.Admin or Roles.Analyst;
                    calls.Add(($"{(canWrite ? "read-write" : "read-only")} token of a {role}", client,
                        !writes || mayWrite ? Expected.ApiAllowed : Expected.Forbidden));
                }

                foreach (var (caller, client, expected) in calls)
                {
                    // An empty body: an allowed caller is answered 4xx by the endpoint itself (no side effects), a refused one 401/403.
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
                    if (writes)
                    {
                        request.Content = new StringContent("");
                    }

                    using var response = await client.SendAsync(request);
                    Check(problems, $"{method} {url} as {caller}", response, expected);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/hangfire/recurring")]
    public async Task Hangfire_OpensForAdministratorsOnly(string path)
    {
        Assert.Contains(Endpoints(), e => e.RoutePattern.RawText!.StartsWith("/hangfire", StringComparison.Ordinal));
        var problems = new List<string>();
        var calls = new List<(string Caller, HttpClient Client, Expected Expected)>
        {
            ("anonymous", matrix.Anonymous, Expected.LoginRedirect),
            ("Admin API token (no cookie)", matrix.Tokens[(Roles.Admin, true)], Expected.LoginRedirect),
            ("bootstrap API token (no cookie)", matrix.Bootstrap, Expected.LoginRedirect),
        };
        calls.AddRange(CookieRoles.Select(role => (role, matrix.Cookies[role], role == Roles.Admin ? Expected.Ok : Expected.Denied)));
        foreach (var (caller, client, expected) in calls)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Check(problems, $"GET {path} as {caller}", response, expected);
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task HubEndpoints_RefuseAnonymousCallers_AndTheCircuitHubAcceptsEverySignedInCaller()
    {
        var hubs = Endpoints().Where(e => e.Metadata.GetMetadata<HubMetadata>() is not null && e.RoutePattern.RawText!.EndsWith("/negotiate", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText!).ToList();
        Assert.Contains("/_blazor/negotiate", hubs);
        var problems = new List<string>();
        foreach (var negotiate in hubs)
        {
            var url = negotiate + "?negotiateVersion=1";
            var circuit = negotiate.StartsWith("/_blazor", StringComparison.Ordinal);
            var calls = new List<(string Caller, HttpClient Client, Expected Expected)> { ("anonymous", matrix.Anonymous, Expected.Refused) };

            // Blazor's circuit hub carries the interactive pages: every signed-in caller (the kiosk's /wall too) needs it.
            // Other hubs (under /hubs) are for people: a person's cookie or token, never a kiosk.
            calls.AddRange(CookieRoles.Select(role => ($"{role} cookie", matrix.Cookies[role],
                circuit || role != Roles.Kiosk ? Expected.Ok : Expected.Denied)));
            if (!circuit)
            {
                calls.AddRange(matrix.Tokens.Select(t => ($"token of a {t.Key.Role}", t.Value, Expected.Ok)));
            }

            foreach (var (caller, client, expected) in calls)
            {
                using var response = await client.PostAsync(new Uri(url, UriKind.Relative), null);
                Check(problems, $"POST {url} as {caller}", response, expected);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task AccountAndKioskEndpoints_AreReachedWithoutSignIn_AndLogoutNeedsASignedInCaller()
    {
        var account = Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            && (e.RoutePattern.RawText!.StartsWith("/account/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/kiosk/", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(account, e => e.RoutePattern.RawText == "/account/login");
        Assert.Contains(account, e => e.RoutePattern.RawText == "/account/logout");
        Assert.Contains(account, e => e.RoutePattern.RawText == "/kiosk/{token}");
        var problems = new List<string>();
        foreach (var endpoint in account)
        {
            var url = Url(endpoint.RoutePattern.RawText!);
            var needsSignIn = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            foreach (var method in Methods(endpoint))
            {
                // No antiforgery token: a caller who gets past authorization is answered 400 (or 404 for an unknown kiosk
                // token), so nobody is signed in or out here; a caller who does not is sent to sign in.
                var calls = new List<(string Caller, HttpClient Client, Expected Expected)>
                {
                    ("anonymous", matrix.Anonymous, needsSignIn ? Expected.LoginRedirect : Expected.PassesAuthorization),
                };
                calls.AddRange(CookieRoles.Select(role => ($"{role} cookie", matrix.Cookies[role], Expected.PassesAuthorization)));
                foreach (var (caller, client, expected) in calls)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
                    if (method == "POST")
                    {
                        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@finops.test" });
                    }

                    using var response = await client.SendAsync(request);
                    Check(problems, $"{method} {url} as {caller}", response, expected);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task LoginPage_LoadsItsStylesAndScriptsWithoutSignIn()
    {
        using var page = await matrix.Anonymous.GetAsync(new Uri("/account/login", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value)
            .Where(u => !u.StartsWith("http", StringComparison.Ordinal) && !u.StartsWith('#') && !u.StartsWith("/account/", StringComparison.Ordinal)
                && (u.EndsWith(".css", StringComparison.Ordinal) || u.EndsWith(".js", StringComparison.Ordinal)))
            .Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var asset in assets)
        {
            using var response = await matrix.Anonymous.GetAsync(new Uri("/" + asset.TrimStart('/'), UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"GET /{asset.TrimStart('/')} without sign-in answered {(int)response.StatusCode}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task ContentSecurityPolicy_AllowsEachInlineScriptOfThePages_ByItsHash_AndNoOtherInlineScript()
    {
        var problems = new List<string>();
        foreach (var (path, client) in new[] { ("/account/login", matrix.Anonymous), ("/", matrix.Cookies[Roles.Viewer]), ("/wall", matrix.Cookies[Roles.Kiosk]) })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
            foreach (Match script in InlineScript().Matches(await response.Content.ReadAsStringAsync()))
            {
                var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.Groups["body"].Value)));
                if (!csp.Contains($"'sha256-{hash}'", StringComparison.Ordinal))
                {
                    problems.Add($"{path}: inline script {script.Value[..Math.Min(60, script.Value.Length)]}… is not allowed by {csp}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    /// <summary>Every endpoint is a page, an API endpoint, the dashboard, a hub, an account/kiosk endpoint, or plumbing known to be public.</summary>
    [Fact]
    public void EveryEndpoint_FallsUnderARuleOfThisMatrix()
    {
        var unclassified = Endpoints().Where(e => Classify(e) is null)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})").ToList();
        Assert.True(unclassified.Count == 0,
            "Endpoints that this matrix does not check (add a rule for them):\n" + string.Join('\n', unclassified));
    }

    private static string? Classify(RouteEndpoint e)
    {
        var pattern = e.RoutePattern.RawText ?? "";
        if (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return "page";
        }

        if (IsApi(pattern))
        {
            return "api";
        }

        if (pattern.StartsWith("/hangfire", StringComparison.Ordinal))
        {
            return "hangfire";
        }

        if (IsBrowserDownload(pattern))
        {
            return "download";
        }

        if (pattern.StartsWith("/account/", StringComparison.Ordinal) || pattern.StartsWith("/kiosk/", StringComparison.Ordinal))
        {
            return "account";
        }

        if (e.Metadata.GetMetadata<HubMetadata>() is not null || pattern.StartsWith("/_blazor/", StringComparison.Ordinal))
        {
            return "hub";
        }

        // Public on purpose: static assets, health probe, OpenAPI document, Blazor's redirect helper and file fallback.
        var isPublicPlumbing = e.Metadata.GetMetadata<IAllowAnonymous>() is not null
            && (pattern is "/health" or "/openapi/{documentName}.json" || e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"));
        return isPublicPlumbing || pattern is "/_framework/opaque-redirect" or "{**path:file}" ? "public" : null;
    }

    /// <summary>Files people download with their browser's cookie (exports of the explorer): GET only, Viewer policy.</summary>
    private static bool IsBrowserDownload(string? pattern) => pattern is not null && pattern.StartsWith("/explorer/", StringComparison.Ordinal);

    [Fact]
    public async Task BrowserDownloads_ArePeoplesByCookie_NeverAKioskOrATokenAlone()
    {
        var downloads = Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && IsBrowserDownload(e.RoutePattern.RawText)).ToList();
        Assert.NotEmpty(downloads);
        var problems = new List<string>();
        foreach (var endpoint in downloads)
        {
            Assert.Equal(["GET"], Methods(endpoint));
            var url = Url(endpoint.RoutePattern.RawText!);
            var calls = new List<(string Caller, HttpClient Client, Expected Expected)>
            {
                ("anonymous", matrix.Anonymous, Expected.LoginRedirect),
                ("Admin API token (no cookie)", matrix.Tokens[(Roles.Admin, true)], Expected.LoginRedirect),
            };
            calls.AddRange(CookieRoles.Select(role => ($"{role} cookie", matrix.Cookies[role], role == Roles.Kiosk ? Expected.Denied : Expected.PassesAuthorization)));
            foreach (var (caller, client, expected) in calls)
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Check(problems, $"GET {url} as {caller}", response, expected);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static bool IsApi(string? pattern) => pattern is not null && pattern.StartsWith("/api/", StringComparison.Ordinal);

    private static string[] Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Where(m => m != "HEAD").ToArray() is { Length: > 0 } methods ? methods : ["GET"];

    private IEnumerable<RouteEndpoint> Endpoints() =>
        matrix.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static IEnumerable<Type> RoutablePages() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any());

    private static IEnumerable<string> Routes(Type page) => page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template);

    /// <summary>A concrete URL for a route pattern: ids become 1, other parameters a probe value, catch-alls nothing.</summary>
    private static string Url(string pattern)
    {
        var url = RouteParameter().Replace(pattern, m => m.Value.StartsWith("{*", StringComparison.Ordinal) ? ""
            : m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.StartsWith("{id", StringComparison.Ordinal) ? "1"
            : m.Value.StartsWith("{documentName", StringComparison.Ordinal) ? "v1" : "matrix-probe");
        return url.Length > 1 ? url.TrimEnd('/') : url;
    }

    private static void Check(List<string> problems, string what, HttpResponseMessage response, Expected expected)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var locationPath = location.Split('?')[0];
        var isLoginRedirect = status == 302 && locationPath.EndsWith("/account/login", StringComparison.Ordinal);
        var isDenied = status == 403 || (status == 302 && locationPath.EndsWith("/account/denied", StringComparison.Ordinal));
        var ok = expected switch
        {
            Expected.Ok => status == 200,
            Expected.LoginRedirect => isLoginRedirect && location.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase),
            Expected.Denied => isDenied,
            Expected.Unauthorized => status == 401,
            Expected.Forbidden => status == 403,
            Expected.Refused => status is 401 or 403 || isLoginRedirect || isDenied,
            Expected.ApiAllowed => status is not (401 or 403) && status < 500 && !isLoginRedirect,
            Expected.PassesAuthorization => status is not (401 or 403) && status < 500 && !isLoginRedirect && !isDenied,
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{what}: expected {expected}, got {status}{(location.Length > 0 ? " → " + location : "")}");
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"(?:href|src)=""(?<url>[^""]+)""")]
    private static partial Regex AssetReference();

    public enum Expected
    {
        /// <summary>200.</summary>
        Ok,

        /// <summary>302 to /account/login with a ReturnUrl.</summary>
        LoginRedirect,

        /// <summary>403, or 302 to /account/denied.</summary>
        Denied,

        /// <summary>401 (the API's and hubs' answer to a missing or invalid token).</summary>
        Unauthorized,

        /// <summary>403 (the API's answer to a token that may not do this).</summary>
        Forbidden,

        /// <summary>401, 403, or a redirect to sign in or to the denied page.</summary>
        Refused,

        /// <summary>Anything the endpoint itself answers (400, 404, 200...), but not 401/403, a 5xx or a sign-in redirect.</summary>
        ApiAllowed,

        /// <summary>Authorization let the caller through (the endpoint's own answer, such as 400 for a missing antiforgery token).</summary>
        PassesAuthorization,
    }

    /// <summary>The app with one signed-in cookie client per role, a kiosk, and API tokens of every role and scope.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public FinOpsAppFactory App { get; } = new();

        public HttpClient Anonymous { get; private set; } = null!;

        public HttpClient Bootstrap { get; private set; } = null!;

        public Dictionary<string, HttpClient> Cookies { get; } = [];

        public Dictionary<(string Role, bool CanWrite), HttpClient> Tokens { get; } = [];

        public async Task InitializeAsync()
        {
            Anonymous = App.CreateBrowserClient();
            Bootstrap = App.CreateTokenClient(FinOpsAppFactory.Token);
            Cookies[Roles.Admin] = await App.SignInAsync(FinOpsAppFactory.AdminEmail);
            foreach (var role in new[] { Roles.Analyst, Roles.Viewer })
            {
                Cookies[role] = await App.SignInAsync((await App.CreateUserAsync(role)).Email);
            }

            Cookies[Roles.Kiosk] = await App.OpenKioskAsync((await App.CreateKioskLinkAsync()).Token);
            var admin = new TestUser(await App.UserIdAsync(FinOpsAppFactory.AdminEmail), FinOpsAppFactory.AdminEmail, Roles.Admin);
            foreach (var owner in new[] { admin, await App.CreateUserAsync(Roles.Analyst), await App.CreateUserAsync(Roles.Viewer) })
            {
                foreach (var canWrite in new[] { true, false })
                {
                    Tokens[(owner.Role, canWrite)] = App.CreateTokenClient((await App.CreateTokenAsync(owner, canWrite)).Token);
                }
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var client in Cookies.Values.Concat(Tokens.Values).Append(Anonymous).Append(Bootstrap))
            {
                client?.Dispose();
            }

            await App.DisposeAsync();
        }
    }
}
