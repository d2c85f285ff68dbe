using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FinOps.Benchmarks;

/// <summary>
/// Measures the live dashboard in a real browser (Debian's Chromium through Playwright) against the built app
/// (Release) running as its own process on the default demo data:
/// <list type="bullet">
/// <item>first render: from navigation start to the KPIs on screen, and to the interactive page with its chart drawn;</item>
/// <item>live latency: from an import's commit (its ledger FinishedAt, stamped inside the transaction just before
/// COMMIT, so slightly early) to the moment the open dashboard's month-to-date KPI text changes in the DOM (a
/// MutationObserver in the page stamps it), for a series of small imports through the API.</item>
/// </list>
/// Both clocks are this machine's wall clock (the app and the browser run here).
/// </summary>
public static class DashboardLatencyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var imports = BrowserBenchmarkApp.IntOption(args, "--imports", 20);
        var loads = BrowserBenchmarkApp.IntOption(args, "--loads", 10);
        var scale = args.SkipWhile(a => a != "--scale").Skip(1).FirstOrDefault() ?? "1";
        if (BrowserBenchmarkApp.FindAppOrExplain() is not { } appDll)
        {
            return 2;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "finops-bench-dashboard-" + Guid.NewGuid().ToString("N")[..8]);
        var port = BrowserBenchmarkApp.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var app = BrowserBenchmarkApp.StartApp(appDll, dataDirectory, port, new Dictionary<string, string>
        {
            ["FinOps__Demo__Enabled"] = "true",
            ["FinOps__Demo__Scale"] = scale,
            ["FinOps__Demo__LiveFeed__Enabled"] = "false",
        });
        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BrowserBenchmarkApp.Token);
            var loadClock = Stopwatch.StartNew();
            await BrowserBenchmarkApp.WaitUntilHealthyAsync(http, app);
            var demoImports = await WaitForIdleLedgerAsync(http, TimeSpan.FromMinutes(10));
            Console.WriteLine(FormattableString.Invariant($"demo data (scale {scale}): {demoImports} imports loaded in {loadClock.Elapsed.TotalSeconds:N0} s"));
            // Let the anomaly detection that follows the demo load finish, so it does not overlap the measurements.
            await Task.Delay(TimeSpan.FromSeconds(20));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserBenchmarkApp.LaunchChromiumAsync(playwright);
            var state = await BrowserBenchmarkApp.SignInAsync(browser, baseAddress);

            await MeasureFirstRenderAsync(browser, baseAddress, state, loads);
            await MeasureLiveLatencyAsync(browser, baseAddress, state, http, imports);
            return 0;
        }
        finally
        {
            await BrowserBenchmarkApp.StopAppAsync(app);
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static async Task MeasureFirstRenderAsync(IBrowser browser, Uri baseAddress, string state, int loads)
    {
        var kpis = new List<double>();
        var interactive = new List<double>();
        var circuits = new List<double>();
        for (var i = 0; i <= loads; i++)
        {
            await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), StorageState = state, ViewportSize = new() { Width = 1920, Height = 1080 } });
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync("""
                (() => {
                  const seen = () => {
                    if (window.__kpiAt === undefined && document.querySelector("[data-testid=kpi-mtd]")) window.__kpiAt = performance.now();
                    if (window.__circuitAt === undefined && document.querySelector(".mud-layout[data-circuit-ready='true']")) window.__circuitAt = performance.now();
                    if (window.__readyAt === undefined && document.querySelector(".mud-layout[data-circuit-ready='true']")
                        && document.querySelector("[data-chart-ready='true']")) window.__readyAt = performance.now();
                  };
                  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true });
                })();
                """);
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => window.__readyAt !== undefined", null, new() { Timeout = 60_000 });
            var kpiAt = await page.EvaluateAsync<double>("() => window.__kpiAt");
            var readyAt = await page.EvaluateAsync<double>("() => window.__readyAt");
            var circuitAt = await page.EvaluateAsync<double>("() => window.__circuitAt");
            if (i == 0)
            {
                continue; // the first load warms the server (JIT, caches); it is reported separately below
            }

            kpis.Add(kpiAt);
            circuits.Add(circuitAt);
            interactive.Add(readyAt);
        }

        Console.WriteLine(FormattableString.Invariant($"first render over {loads} loads (after one warm-up), 1920x1080:"));
        Console.WriteLine($"  KPIs on screen:              {BrowserBenchmarkApp.Summary(kpis)}");
        Console.WriteLine($"  circuit connected:           {BrowserBenchmarkApp.Summary(circuits)}");
        Console.WriteLine($"  interactive, chart drawn:    {BrowserBenchmarkApp.Summary(interactive)}");
    }

    private static async Task MeasureLiveLatencyAsync(IBrowser browser, Uri baseAddress, string state, HttpClient http, int imports)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), StorageState = state, ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("""
            () => {
              window.__changes = [];
              const kpi = document.querySelector("[data-testid=kpi-mtd]");
              let last = kpi.textContent;
              new MutationObserver(() => {
                const now = Date.now();
                const text = document.querySelector("[data-testid=kpi-mtd]")?.textContent;
                if (text !== undefined && text !== last) { last = text; window.__changes.push(now); }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);

        var latencies = new List<double>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 1; i <= imports; i++)
        {
            var before = await page.EvaluateAsync<int>("() => window.__changes.length");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(OneRowFile(today, $"LATENCY-{i:D3}-{Guid.NewGuid():N}", 100m + i), Encoding.UTF8), "file", $"latency-{i}.csv" },
            };
            using var response = await http.PostAsync(new Uri("/api/v1/imports", UriKind.Relative), form);
            response.EnsureSuccessStatusCode();
            var location = response.Headers.Location ?? throw new InvalidOperationException("no Location header");
            var finishedAt = await WaitForFinishAsync(http, location);
            await page.WaitForFunctionAsync($"() => window.__changes.length > {before}", null, new() { Timeout = 15_000 });
            var changedAt = await page.EvaluateAsync<long>($"() => window.__changes[{before}]");
            latencies.Add(changedAt - finishedAt.ToUnixTimeMilliseconds());
            await Task.Delay(1500); // separate imports, so the page's refresh throttle does not merge them
        }

        Console.WriteLine(FormattableString.Invariant($"live latency over {imports} imports (commit -> month-to-date KPI changed in the DOM):"));
        Console.WriteLine($"  {BrowserBenchmarkApp.Summary(latencies)}");
    }

    /// <summary>One usage row today in a new billing account (a new slice: nothing is replaced, month to date grows).</summary>
    private static string OneRowFile(DateOnly today, string account, decimal cost)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        static string Stamp(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        var amount = cost.ToString(CultureInfo.InvariantCulture);
        return "BilledCost,EffectiveCost,ListCost,ContractedCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd," +
               "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,InvoiceIssuerName,ProviderName,PublisherName," +
               "ServiceName,ServiceCategory,SubAccountId,RegionId,ResourceId,Tags\n" +
               $"{amount},{amount},{amount},{amount},{account},Latency benchmark,USD,{Stamp(month)},{Stamp(month.AddMonths(1))}," +
               $"{Stamp(today)},{Stamp(today.AddDays(1))},Usage,,usage,Amazon Web Services,AWS,Amazon Web Services," +
               "Amazon Elastic Compute Cloud,Compute,latency-sub,us-east-1,i-latency,\n";
    }

    private static async Task<DateTimeOffset> WaitForFinishAsync(HttpClient http, Uri location)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(location));
            var status = doc.RootElement.GetProperty("status").GetString();
            if (status == "Succeeded")
            {
                return doc.RootElement.GetProperty("finishedAt").GetDateTimeOffset();
            }

            if (status is "Failed" or "Duplicate")
            {
                throw new InvalidOperationException($"import {location} ended {status}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"import {location} did not finish");
    }

    private static async Task<int> WaitForIdleLedgerAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/imports", UriKind.Relative)));
            var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("items");
            var statuses = items.EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToList();
            if (statuses.Count > 0 && statuses.All(s => s is "Succeeded" or "Duplicate"))
            {
                return statuses.Count;
            }

            if (statuses.Contains("Failed"))
            {
                throw new InvalidOperationException("a demo import failed");
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException("the demo data did not finish loading");
    }
}
