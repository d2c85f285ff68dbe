using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace FinOps.Benchmarks;

/// <summary>
/// What the browser benchmarks share: the built Release app (FinOps.Web) started as its own process on a data directory,
/// Debian's Chromium launched through Playwright, a signed-in browser state, and the percentile summary they print.
/// </summary>
internal static class BrowserBenchmarkApp
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminEmail = "bench-admin@finops.test";
    public const string Password = "Bench-Password-2026!";
    public const string Token = "benchmark-bootstrap-token";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>The Release build of the app; null (with the reason written to stderr) when it or Chromium is missing.</summary>
    public static string? FindAppOrExplain()
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"{ChromiumPath} is missing (apt-get install -y chromium)");
            return null;
        }

        var appDll = Path.Combine(RepositoryRoot(), "FinOps.Web", "bin", "Release", "net10.0", "FinOps.Web.dll");
        if (!File.Exists(appDll))
        {
            Console.Error.WriteLine($"{appDll} is missing: dotnet build FinOps.sln -c Release");
            return null;
        }

        return appDll;
    }

    /// <summary>
    /// Starts the app on 127.0.0.1:<paramref name="port"/> over <paramref name="dataDirectory"/>, with the benchmark's
    /// administrator and API token, in Production, plus <paramref name="settings"/> (configuration keys as environment
    /// variables, e.g. <c>FinOps__Demo__Enabled</c>). The app's stderr is echoed; its stdout too when
    /// FINOPS_BENCH_APP_LOG_LEVEL is set (it also sets the log level, Warning otherwise).
    /// </summary>
    public static Process StartApp(string appDll, string dataDirectory, int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["FinOps__DataDirectory"] = dataDirectory;
        start.Environment["FinOps__Admin__Email"] = AdminEmail;
        start.Environment["FinOps__Admin__Password"] = Password;
        start.Environment["FinOps__Api__BootstrapToken"] = Token;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("FINOPS_BENCH_APP_LOG_LEVEL") ?? "Warning";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Environment.GetEnvironmentVariable("FINOPS_BENCH_APP_LOG_LEVEL") is not null)
            {
                Console.Error.WriteLine("app: " + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("app: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task StopAppAsync(Process app)
    {
        if (!app.HasExited)
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    public static async Task WaitUntilHealthyAsync(HttpClient http, Process app)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"the app exited with code {app.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("/health did not answer");
    }

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });

    /// <summary>Signs the benchmark administrator in through the login form; returns the browser state to open pages with.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        EchoBrowserProblems(page);
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(AdminEmail);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 60_000 });
        return await context.StorageStateAsync();
    }

    /// <summary>Writes the page's console errors and warnings to stderr (a broken page must not pass for a fast one).</summary>
    public static void EchoBrowserProblems(IPage page) =>
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.Error.WriteLine($"browser {message.Type}: {message.Text}");
            }
        };

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Summary(List<double> values) => FormattableString.Invariant(
        $"p50 {Percentile(values, 0.5):N0} ms, p95 {Percentile(values, 0.95):N0} ms, min {values.Min():N0} ms, max {values.Max():N0} ms (n={values.Count})");

    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> without it.</summary>
    /// <exception cref="FormatException">The option is given without a whole number after it.</exception>
    public static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return fallback;
        }

        var text = index + 1 < args.Length ? args[index + 1] : null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be followed by a whole number, got '{text}'");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FinOps.sln not found above " + AppContext.BaseDirectory);
    }
}
