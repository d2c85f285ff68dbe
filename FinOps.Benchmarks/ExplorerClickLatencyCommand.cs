using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace FinOps.Benchmarks;

/// <summary>
/// "From click to updated screen" in the Cost Explorer, in a real browser (Debian's Chromium through Playwright), on the
/// dataset that <c>generate-explorer</c> and <c>ingest-explorer</c> built in a directory (issue 4's target: under 250 ms).
/// The built Release app runs as its own process on a copy of that dataset's database (demo data off), so the dataset
/// itself is never written to. One signed-in page opens a deep link of /explorer and goes through a realistic sequence:
/// change the grouping, click a chart bar to drill down, pick a filter value, switch to the table, sort it, go to its next
/// page, switch to the line items, and Back. Each step is measured in the page, on the page's clock:
/// <list type="bullet">
/// <item>start: <c>performance.now()</c> in a capturing pointerdown listener, i.e. as the click reaches the page
/// (for Back, just before <c>history.back()</c>);</item>
/// <item>end: the first frame painted after the screen shows the new answer, observed by a MutationObserver: the
/// explorer's <c>data-rendered-url</c> names the new address (the page renders it with that address's answer), every
/// chart's <c>data-chart-drawn</c> equals its <c>data-chart-version</c> (ApexCharts has finished drawing those options),
/// the table or the line items show rows and no loading bar, and (sort, next page) the table's rows changed.</item>
/// </list>
/// The sequence runs once to warm up (JIT, caches, ApexCharts) and then <c>--runs</c> times, each from a fresh load of
/// the deep link; the last run saves a screenshot per step.
/// </summary>
public static class ExplorerClickLatencyCommand
{
    /// <summary>Where ingest-explorer puts the store (the data directory) inside the dataset directory.</summary>
    private const string StoreFolder = "store";

    private const string DatabaseFile = "finops.db";

    /// <summary>
    /// Installed before any page script: the click stamp, the "screen shows the new answer" condition, and its
    /// MutationObserver. <c>window.__clickBench.arm(witness)</c> starts a measurement from the current address.
    /// </summary>
    private const string Instrumentation = """
        (() => {
          const bench = window.__clickBench = {
            armed: false, before: null, witness: null, witnessBefore: null,
            inputAt: null, urlAt: null, answerAt: null, doneAt: null, paintedAt: null, snapshot: null,
            arm(witness) {
              this.before = location.href;
              this.witness = witness;
              this.witnessBefore = witness ? (document.querySelector(witness)?.textContent ?? null) : null;
              this.inputAt = this.urlAt = this.answerAt = this.doneAt = this.paintedAt = this.snapshot = null;
              this.armed = true;
            },
            shows() {
              const body = document.querySelector('.explorer-body');
              if (!body || location.href === this.before || body.dataset.renderedUrl !== location.href) return false;
              if (document.querySelector('[data-testid=loading]')) return false;
              for (const chart of body.querySelectorAll('.finops-chart')) {
                if (chart.dataset.chartDrawn !== chart.dataset.chartVersion) return false;
              }
              const table = body.querySelector('[data-testid=table]');
              if (table && (table.querySelector('.mud-table-loading') || !table.querySelector('tbody [data-testid=cost]'))) return false;
              const lines = body.querySelector('[data-testid=line-items]');
              if (lines && (lines.querySelector('.mud-table-loading') || !lines.querySelector('tr.line-items-row'))) return false;
              if (this.witness) {
                const witness = document.querySelector(this.witness);
                if (!witness || witness.textContent === this.witnessBefore) return false;
              }
              return true;
            },
            check() {
              if (!this.armed || this.inputAt === null) return;
              const body = document.querySelector('.explorer-body');
              if (this.urlAt === null && location.href !== this.before) this.urlAt = performance.now();
              if (this.answerAt === null && location.href !== this.before && body?.dataset.renderedUrl === location.href) this.answerAt = performance.now();
              if (!this.shows()) return;
              this.armed = false;
              this.doneAt = performance.now();
              const text = (selector) => document.querySelector(selector)?.textContent?.trim() ?? null;
              this.snapshot = {
                url: location.href, total: text('[data-testid=total]'), breadcrumb: text('[data-testid=breadcrumb]'),
                firstRow: text('[data-testid=table] tbody tr') ?? text('[data-testid=line-items-range]'),
              };
              // The next frame after the DOM shows the answer: rAF runs just before the paint, a task posted from it just after.
              requestAnimationFrame(() => setTimeout(() => { this.paintedAt = performance.now(); }, 0));
            },
          };
          addEventListener('pointerdown', () => { if (bench.armed && bench.inputAt === null) bench.inputAt = performance.now(); }, true);
          new MutationObserver(() => bench.check())
            .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })();
        """;

    private sealed record Interaction(string Name, Func<IPage, Task> Prepare, Func<IPage, Task> Act, string? Witness = null);

    /// <param name="ToAnswer">Until the page's markup names the new address (the answer is rendered; charts may still be drawing).</param>
    /// <param name="ToUrl">Until the address changed (the page asked for navigation; seen at the first DOM change after it).</param>
    private sealed record Measurement(double ToUrl, double ToAnswer, double ToDom, double ToPaint, JsonElement Snapshot);

    /// <summary>
    /// The sequence, each step from where the previous one left: into the provider of the tallest bar, by resource (the
    /// grouping with enough rows for a second table page at any realistic size), usage only, then the table, its sort and next page, the
    /// line items, and Back (to the provider by resource: view, sort and page replace their history entry).
    /// </summary>
    private static readonly Interaction[] Interactions =
    [
        new("drill into a chart bar (a provider)", WaitForBarsToSettle, ClickTallestBarAsync),
        new("change the group-by to Resource", page => OpenGroupByAsync(page, "Resource"),
            page => page.GetByRole(AriaRole.Option, new() { Name = "Resource", Exact = true }).ClickAsync()),
        new("filter: tick a Charge category, apply", page => TickLargestFilterValueAsync(page, "ChargeCategory"),
            page => page.Locator("[data-testid=filter-apply]").ClickAsync()),
        new("switch to the table", NoPreparation, page => page.Locator(".mud-tab", new() { HasText = "Table" }).ClickAsync()),
        new("sort the table by cost", NoPreparation,
            page => page.Locator("[data-testid=table] th", new() { HasText = "Cost (" }).Locator(".sortable-column-header").First.ClickAsync(),
            Witness: "[data-testid=table] tbody"),
        new("next table page", EnsureNextPageAsync, page => NextPageButton(page).ClickAsync(), Witness: "[data-testid=table] tbody"),
        new("switch to the line items", NoPreparation, page => page.Locator(".mud-tab", new() { HasText = "Line items" }).ClickAsync()),
        new("Back", NoPreparation, page => page.EvaluateAsync("() => { window.__clickBench.inputAt = performance.now(); history.back(); }")),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var directory, ..] || directory.StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: explorer-clicks <dir> [--runs 10] [--screenshots <folder>] [--cpu-profile]   (<dir>: built by generate-explorer and ingest-explorer)");
            return 2;
        }

        int runs;
        try
        {
            runs = BrowserBenchmarkApp.IntOption(args, "--runs", 10);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (runs < 1)
        {
            Console.Error.WriteLine($"--runs must be at least 1, got {runs}");
            return 2;
        }

        var store = Path.Combine(directory, StoreFolder);
        var endFile = Path.Combine(directory, ExplorerDataset.EndFile);
        if (!File.Exists(Path.Combine(store, DatabaseFile)) || !File.Exists(endFile))
        {
            Console.Error.WriteLine($"{Path.Combine(store, DatabaseFile)} or {endFile} is missing: run generate-explorer and ingest-explorer on {directory} first");
            return 2;
        }

        if (BrowserBenchmarkApp.FindAppOrExplain() is not { } appDll)
        {
            return 2;
        }

        var end = DateOnly.ParseExact(File.ReadAllText(endFile).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var screenshotsAt = Array.IndexOf(args, "--screenshots");
        if (screenshotsAt >= 0 && (screenshotsAt + 1 >= args.Length || args[screenshotsAt + 1].StartsWith("--", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("--screenshots must be followed by a folder");
            return 2;
        }

        var screenshots = screenshotsAt >= 0 ? args[screenshotsAt + 1] : Path.Combine(directory, "explorer-clicks");
        Directory.CreateDirectory(screenshots);
        var cpuProfiles = args.Contains("--cpu-profile");

        // The last 30 days of the data by provider, per day (the explorer's default range and granularity), as a shared link.
        var deepLink = FormattableString.Invariant($"/explorer?from={end.AddDays(-30):yyyy-MM-dd}&to={end:yyyy-MM-dd}&metric=EffectiveCost&groupBy=ProviderName&granularity=Day");

        var dataDirectory = Path.Combine(Path.GetTempPath(), "finops-bench-clicks-" + Guid.NewGuid().ToString("N")[..8]);
        var copyClock = Stopwatch.StartNew();
        var copied = CopyDatabase(store, dataDirectory);
        Console.WriteLine(FormattableString.Invariant($"copied the dataset's database ({copied / 1048576.0:N0} MiB) to {dataDirectory} in {copyClock.Elapsed.TotalSeconds:N1} s"));

        var port = BrowserBenchmarkApp.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var app = BrowserBenchmarkApp.StartApp(appDll, dataDirectory, port, new Dictionary<string, string>
        {
            ["FinOps__Demo__Enabled"] = "false",
            ["FinOps__Demo__LiveFeed__Enabled"] = "false",
        });
        try
        {
            using (var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) })
            {
                await BrowserBenchmarkApp.WaitUntilHealthyAsync(http, app);
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserBenchmarkApp.LaunchChromiumAsync(playwright);
            var state = await BrowserBenchmarkApp.SignInAsync(browser, baseAddress);
            await using var context = await browser.NewContextAsync(new()
            {
                BaseURL = baseAddress.ToString(),
                StorageState = state,
                ViewportSize = new() { Width = 1920, Height = 1080 },
            });
            await context.AddInitScriptAsync(Instrumentation);
            var page = await context.NewPageAsync();
            BrowserBenchmarkApp.EchoBrowserProblems(page);

            Console.WriteLine($"deep link: {deepLink}");
            var samples = Interactions.ToDictionary(i => i.Name, _ => new List<double>());
            var domSamples = Interactions.ToDictionary(i => i.Name, _ => new List<double>());
            var answerSamples = Interactions.ToDictionary(i => i.Name, _ => new List<double>());
            var urlSamples = Interactions.ToDictionary(i => i.Name, _ => new List<double>());
            for (var run = 0; run <= runs; run++)
            {
                await OpenAsync(page, deepLink);
                for (var step = 0; step < Interactions.Length; step++)
                {
                    var interaction = Interactions[step];
                    BrowserCpuProfile? profile = null;
                    var measurement = await MeasureAsync(page, interaction, screenshots,
                        beforeClick: cpuProfiles && run == runs ? async () => profile = await BrowserCpuProfile.StartAsync(page) : null);
                    if (profile is not null)
                    {
                        await using (profile)
                        {
                            var file = Path.Combine(screenshots, FormattableString.Invariant($"{step + 1:D2}-{Slug(interaction.Name)}.cpuprofile"));
                            var top = await profile.StopAsync(file);
                            Console.WriteLine(FormattableString.Invariant($"  CPU profile of \"{interaction.Name}\" ({file}), self time:"));
                            foreach (var (function, selfMs) in top)
                            {
                                Console.WriteLine(FormattableString.Invariant($"    {selfMs,7:N1} ms  {function}"));
                            }
                        }
                    }

                    if (run == 0)
                    {
                        continue; // the warm-up
                    }

                    samples[interaction.Name].Add(measurement.ToPaint);
                    domSamples[interaction.Name].Add(measurement.ToDom);
                    answerSamples[interaction.Name].Add(measurement.ToAnswer);
                    urlSamples[interaction.Name].Add(measurement.ToUrl);
                    if (run == runs)
                    {
                        var file = Path.Combine(screenshots, FormattableString.Invariant($"{step + 1:D2}-{Slug(interaction.Name)}.png"));
                        await page.ScreenshotAsync(new() { Path = file });
                        Console.WriteLine(FormattableString.Invariant($"  {step + 1}. {interaction.Name}: {measurement.ToPaint:N0} ms; the screen showed {Describe(measurement.Snapshot)}"));
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"click to updated screen over {runs} runs (after one warm-up), 1920x1080, Chromium headless:"));
            Console.WriteLine();
            Console.WriteLine("| interaction | p50 | p95 | max | p50 to DOM | p50 answer rendered (charts still drawing) | p50 address changed |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var interaction in Interactions)
            {
                Console.WriteLine(Row(interaction.Name, samples[interaction.Name], domSamples[interaction.Name], answerSamples[interaction.Name], urlSamples[interaction.Name]));
            }

            Console.WriteLine(Row("**all**", [.. samples.Values.SelectMany(v => v)], [.. domSamples.Values.SelectMany(v => v)], [.. answerSamples.Values.SelectMany(v => v)], [.. urlSamples.Values.SelectMany(v => v)]));
            Console.WriteLine();
            Console.WriteLine($"screenshots of the last run: {Path.GetFullPath(screenshots)}");
            return 0;
        }
        finally
        {
            await BrowserBenchmarkApp.StopAppAsync(app);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                Console.Error.WriteLine($"could not delete {dataDirectory}");
            }
        }
    }

    /// <summary>What the page showed when the measurement ended: its address, total, breadcrumb and first table row.</summary>
    private static string Describe(JsonElement snapshot)
    {
        string? Text(string name) => snapshot.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? string.Join(' ', value.GetString()!.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries))
            : null;
        var url = Text("url") is { } address ? Uri.UnescapeDataString(new Uri(address).PathAndQuery) : "?";
        return $"{url} | total {Text("total")} | {Text("breadcrumb")}" + (Text("firstRow") is { } row ? $" | first row: {row}" : "");
    }

    private static string Row(string name, List<double> toPaint, List<double> toDom, List<double> toAnswer, List<double> toUrl) => FormattableString.Invariant(
        $"| {name} | {BrowserBenchmarkApp.Percentile(toPaint, 0.5):N0} ms | {BrowserBenchmarkApp.Percentile(toPaint, 0.95):N0} ms | {toPaint.Max():N0} ms | {BrowserBenchmarkApp.Percentile(toDom, 0.5):N0} ms | {BrowserBenchmarkApp.Percentile(toAnswer, 0.5):N0} ms | {BrowserBenchmarkApp.Percentile(toUrl, 0.5):N0} ms |");

    /// <summary>Copies the store's database (with its WAL, if any) into a new data directory; returns the bytes copied.</summary>
    private static long CopyDatabase(string store, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        long bytes = 0;
        foreach (var file in Directory.GetFiles(store, DatabaseFile + "*"))
        {
            File.Copy(file, Path.Combine(dataDirectory, Path.GetFileName(file)));
            bytes += new FileInfo(file).Length;
        }

        return bytes;
    }

    /// <summary>Loads the deep link and waits until the circuit is up and the charts show its answer.</summary>
    private static async Task OpenAsync(IPage page, string deepLink)
    {
        await page.GotoAsync(deepLink);
        await page.Locator(".mud-layout[data-circuit-ready='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync(
            """
            () => {
              const body = document.querySelector('.explorer-body');
              const charts = [...(body?.querySelectorAll('.finops-chart') ?? [])];
              return body?.dataset.renderedUrl === location.href && charts.length > 0 && charts.every(c => c.dataset.chartDrawn === c.dataset.chartVersion);
            }
            """, null, new() { Timeout = 120_000 });
    }

    /// <param name="beforeClick">Runs after the preparation, just before the measured click (e.g. starts a CPU profile).</param>
    private static async Task<Measurement> MeasureAsync(IPage page, Interaction interaction, string diagnostics, Func<Task>? beforeClick = null)
    {
        await interaction.Prepare(page);
        if (beforeClick is not null)
        {
            await beforeClick();
        }

        await page.EvaluateAsync("witness => window.__clickBench.arm(witness)", interaction.Witness);
        await interaction.Act(page);
        try
        {
            // Also checks on each animation frame, in case the last change was the address rather than the DOM.
            await page.WaitForFunctionAsync("() => { window.__clickBench.check(); return window.__clickBench.paintedAt !== null; }",
                null, new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<JsonElement>(
                "() => ({ url: location.href, rendered: document.querySelector('.explorer-body')?.dataset.renderedUrl ?? null, clicked: window.__clickBench.inputAt !== null })");
            await page.ScreenshotAsync(new() { Path = Path.Combine(diagnostics, "timeout.png") });
            await File.WriteAllTextAsync(Path.Combine(diagnostics, "timeout.html"), await page.ContentAsync());
            throw new InvalidOperationException($"\"{interaction.Name}\": the screen did not show the new answer within 120 s ({state}); see {diagnostics}/timeout.*");
        }

        var errors = await page.Locator("[data-testid=load-error]").AllInnerTextsAsync();
        if (errors.Count > 0 || await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            throw new InvalidOperationException($"\"{interaction.Name}\" ended on an error: {(errors.Count > 0 ? string.Join("; ", errors) : "the Blazor error bar")}");
        }

        var result = await page.EvaluateAsync<JsonElement>(
            "() => { const b = window.__clickBench; return { toUrl: (b.urlAt ?? b.doneAt) - b.inputAt, toAnswer: (b.answerAt ?? b.doneAt) - b.inputAt, toDom: b.doneAt - b.inputAt, toPaint: b.paintedAt - b.inputAt, snapshot: b.snapshot }; }");
        return new Measurement(result.GetProperty("toUrl").GetDouble(), result.GetProperty("toAnswer").GetDouble(), result.GetProperty("toDom").GetDouble(), result.GetProperty("toPaint").GetDouble(),
            result.GetProperty("snapshot").Clone());
    }

    private static Task NoPreparation(IPage page) => Task.CompletedTask;

    /// <summary>Opens the "Group by" select (MudSelect opens on mousedown), so the measured click is the choice itself.</summary>
    private static async Task OpenGroupByAsync(IPage page, string option)
    {
        await page.Locator(".explorer-field-group").First.Locator(".mud-input-control").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).WaitForAsync();
    }

    /// <summary>ApexCharts animates bars into place: wait for them to stop before aiming at one.</summary>
    private static Task WaitForBarsToSettle(IPage page) => page.WaitForTimeoutAsync(900);

    /// <summary>Clicks the middle of the tallest bar segment of the time chart, as a person would.</summary>
    private static async Task ClickTallestBarAsync(IPage page)
    {
        var box = await page.EvaluateAsync<double[]>(
            """
            () => {
              // ApexCharts draws in the chart element's shadow root (see wwwroot/js/apexchart.js).
              const chart = document.querySelector('[data-testid=time-chart] .finops-chart');
              const paths = [...(chart?.shadowRoot?.querySelectorAll('.apexcharts-series path') ?? [])];
              const boxes = paths.map(p => p.getBoundingClientRect()).filter(b => b.width > 2 && b.height > 4);
              boxes.sort((a, b) => b.height - a.height);
              const b = boxes[0];
              return b ? [b.x + b.width / 2, b.y + b.height / 2] : [];
            }
            """);
        if (box.Length != 2)
        {
            throw new InvalidOperationException("the time chart has no bar to click");
        }

        await page.Mouse.ClickAsync((float)box[0], (float)box[1]);
    }

    /// <summary>Opens a row of the filter panel and ticks its first value (values are listed by cost, largest first).</summary>
    private static async Task TickLargestFilterValueAsync(IPage page, string dimension)
    {
        await page.Locator($"[data-dimension={dimension}] [data-testid=filter-toggle]").ClickAsync();
        var value = page.Locator($"[data-dimension={dimension}] [data-testid=filter-value]").First;
        await value.WaitForAsync(new() { Timeout = 60_000 });
        await value.Locator("input").CheckAsync();
    }

    private static ILocator NextPageButton(IPage page) =>
        page.Locator("[data-testid=table] .mud-table-pagination-actions button").Nth(2); // first, previous, next, last

    private static async Task EnsureNextPageAsync(IPage page)
    {
        if (await NextPageButton(page).IsDisabledAsync())
        {
            throw new InvalidOperationException("the table has a single page at this point: the dataset is too small (generate more rows)");
        }
    }

    private static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-').Replace("--", "-", StringComparison.Ordinal);
}
