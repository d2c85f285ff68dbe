using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace FinOps.Benchmarks;

/// <summary>
/// A CPU profile of the page's JavaScript over one interaction, through the Chrome DevTools Protocol (Chromium only):
/// saved as a <c>.cpuprofile</c> (opens in Chrome DevTools' Performance panel) and summed per function (self time),
/// to show where the browser's part of a click goes.
/// </summary>
public sealed class BrowserCpuProfile : IAsyncDisposable
{
    private readonly ICDPSession _session;

    private BrowserCpuProfile(ICDPSession session) => _session = session;

    /// <summary>Starts sampling the page's main thread every 100 µs.</summary>
    public static async Task<BrowserCpuProfile> StartAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Profiler.enable");
        await session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 100 });
        await session.SendAsync("Profiler.start");
        return new BrowserCpuProfile(session);
    }

    /// <summary>Stops sampling, writes the profile to <paramref name="file"/> and returns the <paramref name="top"/> functions by self time.</summary>
    public async Task<IReadOnlyList<(string Function, double SelfMs)>> StopAsync(string file, int top = 12)
    {
        var result = await _session.SendAsync("Profiler.stop");
        var profile = result!.Value.GetProperty("profile");
        await File.WriteAllTextAsync(file, profile.GetRawText());
        return SelfTimes(profile).Take(top).ToList();
    }

    /// <summary>Self time per function (name, script file and line), largest first: each sample's interval goes to the node it hit.</summary>
    public static IEnumerable<(string Function, double SelfMs)> SelfTimes(JsonElement profile)
    {
        var names = new Dictionary<int, string>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var function = frame.GetProperty("functionName").GetString() is { Length: > 0 } name ? name : "(anonymous)";
            var url = frame.GetProperty("url").GetString() ?? "";
            var script = url.Length == 0 ? "" : " " + url[(url.LastIndexOf('/') + 1)..] + ":" + (frame.GetProperty("lineNumber").GetInt32() + 1).ToString(CultureInfo.InvariantCulture);
            names[node.GetProperty("id").GetInt32()] = function + script;
        }

        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToList();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetInt64()).ToList();
        for (var i = 0; i + 1 < samples.Count; i++)
        {
            // timeDeltas[i + 1] is the time from sample i to sample i + 1: the time sample i stands for.
            var name = names[samples[i]];
            totals[name] = totals.GetValueOrDefault(name) + deltas[i + 1] / 1000.0;
        }

        return totals.OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value));
    }

    public async ValueTask DisposeAsync() => await _session.DetachAsync();
}
