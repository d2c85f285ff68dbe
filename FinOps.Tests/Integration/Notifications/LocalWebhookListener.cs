using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Tests.Integration.Notifications;

/// <summary>One request the listener received.</summary>
public sealed record ReceivedWebhook(string Method, string Path, string? ContentType, string Body);

/// <summary>
/// A real HTTP endpoint (Kestrel on a free loopback port) that records every request and answers with
/// <see cref="StatusCode"/> and <see cref="ResponseBody"/>.
/// </summary>
public sealed class LocalWebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private LocalWebhookListener(WebApplication app) => _app = app;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string ResponseBody { get; set; } = "ok";

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>The URL of a path on this listener, e.g. <c>/services/T000/B000/secret</c>.</summary>
    public string Url(string path) => BaseUrl + path;

    public static async Task<LocalWebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new LocalWebhookListener(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            listener._received.Enqueue(new ReceivedWebhook(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.ContentType, await reader.ReadToEndAsync()));
            context.Response.StatusCode = listener.StatusCode;
            await context.Response.WriteAsync(listener.ResponseBody);
        });
        await app.StartAsync();
        listener.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
