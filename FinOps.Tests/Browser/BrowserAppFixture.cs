using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FinOps.Domain;
using FinOps.Domain.Administration;
using FinOps.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.Tests.Browser;

/// <summary>
/// The built app as a separate process (demo data on, small scale, no live feed) on a free local port, plus one headless
/// Debian Chromium for the whole collection. When /usr/bin/chromium is missing nothing is started and the tests skip.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminEmail = "admin@finops.test";
    public const string AnalystEmail = "analyst@finops.test";
    public const string ViewerEmail = "viewer@finops.test";

    /// <summary>Every user's password (meets the policy: 12+ characters, upper, lower, digit).</summary>
    public const string Password = "Correct-Horse-42";

    /// <summary>The app's bootstrap API token in the browser tests (imports through the API).</summary>
    public const string BootstrapToken = "browser-tests-bootstrap-token";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly StringBuilder _appOutput = new();
    private Process? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason ?? "The browser is not started.");

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "finops-tests", "browser-" + Guid.NewGuid().ToString("N"));

    /// <summary>Screenshots land in &lt;test bin&gt;/screenshots.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>What the app wrote to stdout and stderr so far, for failure messages.</summary>
    public string AppOutput
    {
        get
        {
            lock (_appOutput)
            {
                return _appOutput.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"{ChromiumPath} is not installed (apt-get install chromium; .ci/run does it): browser tests skipped.";
            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        try
        {
            StartApp();
            await WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
            await CreatePeopleAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: do not leave the app running.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh browser context (1600x1000 unless given) and page on the app.</summary>
    public async Task<IPage> NewPageAsync(int width = 1600, int height = 1000, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private readonly Dictionary<string, string> _signedIn = [];

    /// <summary>
    /// A fresh context and page already signed in as <paramref name="email"/>: the first call signs in through the form,
    /// later calls reuse its cookies (sign-ins are rate-limited per address, and every test signing in would exhaust it).
    /// </summary>
    public async Task<IPage> NewSignedInPageAsync(string email, int width, int height)
    {
        if (!_signedIn.TryGetValue(email, out var state))
        {
            var first = await NewPageAsync(width, height);
            await SignInAsync(first, email);
            state = _signedIn[email] = await first.Context.StorageStateAsync();
            return first;
        }

        return await NewPageAsync(width, height, state);
    }

    /// <summary>Signs in through the login form and waits for the interactive dashboard.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>
    /// The analyst and the viewer, created in the app's database (migrated and with its roles once /health answers) through
    /// the same domain service and Identity set-up as the app's; the administrator comes from the app's configuration.
    /// </summary>
    private Task CreatePeopleAsync() => WithDomainAsync(async services =>
    {
        var administration = services.GetRequiredService<UserAdministration>();
        foreach (var (email, role) in new[] { (AnalystEmail, Roles.Analyst), (ViewerEmail, Roles.Viewer) })
        {
            var result = await administration.CreateAsync(email, role + " person", role, Password, AdminEmail, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create {email}: {result.Error}");
            }
        }

        return true;
    });

    /// <summary>A new kiosk link in the app's database; the token is the last part of its URL (/kiosk/{token}).</summary>
    public async Task<string> CreateKioskLinkAsync(string name) =>
        await WithDomainAsync(async services =>
            (await services.GetRequiredService<KioskLinkService>().CreateAsync(name, null, AdminEmail, CancellationToken.None)).Token);

    /// <summary>Runs <paramref name="action"/> with the domain services (and Identity) on the running app's database.</summary>
    private async Task<T> WithDomainAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = DataDirectory });
        services.AddFinOpsSecurity(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        try
        {
            return await action(scope.ServiceProvider);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private void StartApp()
    {
        var configuration = TestConfiguration();
        var repository = RepositoryRoot();
        var appDirectory = Path.Combine(repository, "FinOps.Web", "bin", configuration, "net10.0");
        var appDll = Path.Combine(appDirectory, "FinOps.Web.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"The app is not built: {appDll} is missing (dotnet build FinOps.sln -c {configuration}).");
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["FinOps__DataDirectory"] = DataDirectory;
        start.Environment["FinOps__Demo__Enabled"] = "true";
        start.Environment["FinOps__Demo__Scale"] = "0.05";
        start.Environment["FinOps__Demo__LiveFeed__Enabled"] = "false";
        start.Environment["FinOps__Admin__Email"] = AdminEmail;
        start.Environment["FinOps__Admin__Password"] = Password;
        start.Environment["FinOps__Api__BootstrapToken"] = BootstrapToken;
        // Every browser test signs in from 127.0.0.1: the per-address sign-in limit is raised for this process only
        // (the limit itself is tested in AccessControlTests).
        start.Environment["FinOps__Security__LoginAttemptsPerMinute"] = "500";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        _app = new Process { StartInfo = start, EnableRaisingEvents = true };
        _app.OutputDataReceived += (_, e) => Append(e.Data);
        _app.ErrorDataReceived += (_, e) => Append(e.Data);
        _app.Start();
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_appOutput)
        {
            _appOutput.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_app.ExitCode} before /health answered. Its output:\n{AppOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health did not answer 200 within {timeout.TotalSeconds:0} s at {BaseAddress}. App output:\n{AppOutput}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_app is not null)
        {
            try
            {
                if (!_app.HasExited)
                {
                    _app.Kill(entireProcessTree: true);
                    await _app.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (OperationCanceledException)
            {
                // Killed but slow to be reaped; nothing more to do.
            }

            _app.Dispose();
            _app = null;
        }

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

    /// <summary>Release or Debug, as the test assembly itself was built (.../bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string TestConfiguration()
    {
        var parts = Path.GetDirectoryName(typeof(BrowserAppFixture).Assembly.Location)!.Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FinOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"FinOps.sln not found above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One app process and one browser for all browser tests, which never run beside other collections (2 cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}
