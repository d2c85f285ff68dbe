using FinOps.Domain.Common;

namespace FinOps.Web.Realtime;

/// <summary>
/// Connects a component to singleton notifiers: every event schedules one reload, and a burst of events within the
/// throttle window causes a single reload and re-render, run on the component's dispatcher through InvokeAsync.
/// Disposing it unsubscribes from every notifier (a forgotten subscription would keep a dead circuit alive).
/// </summary>
/// <param name="invokeAsync">The component's InvokeAsync (runs on its dispatcher).</param>
/// <param name="dispatchExceptionAsync">The component's DispatchExceptionAsync (reports an error without breaking the publisher).</param>
/// <param name="refresh">Reloads data and calls StateHasChanged.</param>
/// <param name="throttle">Events within this window after the first cause one refresh.</param>
public sealed class LiveRefresh(Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync, Func<Task> refresh, TimeSpan throttle)
    : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private bool _pending;
    private bool _disposed;

    /// <summary>The common case: each refresh reloads the component's data, then re-renders it.</summary>
    /// <param name="reload">Loads the data (on the component's dispatcher).</param>
    /// <param name="render">The component's StateHasChanged.</param>
    public static LiveRefresh ReloadThenRender(Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync, Func<Task> reload,
        Action render, TimeSpan throttle) =>
        new(invokeAsync, dispatchExceptionAsync, async () =>
        {
            await reload();
            render();
        }, throttle);

    /// <summary>How many reloads ran (for tests and diagnostics).</summary>
    public int ReloadCount { get; private set; }

    public void Watch<TEvent>(Notifier<TEvent> notifier) => _subscriptions.Add(notifier.Subscribe(_ => OnEventAsync()));

    /// <summary>
    /// Same, and hands each event to <paramref name="collect"/> first, on the publisher's thread (so it must be
    /// thread-safe, e.g. enqueue into a concurrent queue that the refresh drains): for components that show what
    /// arrived (toasts), not only reload.
    /// </summary>
    public void Watch<TEvent>(Notifier<TEvent> notifier, Action<TEvent> collect) => _subscriptions.Add(notifier.Subscribe(e =>
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }
        }

        collect(e);
        return OnEventAsync();
    }));

    private Task OnEventAsync()
    {
        lock (_gate)
        {
            if (_pending || _disposed)
            {
                return Task.CompletedTask;
            }

            _pending = true;
        }

        _ = RunAfterThrottleAsync();
        return Task.CompletedTask;
    }

    private async Task RunAfterThrottleAsync()
    {
        await Task.Delay(throttle);
        lock (_gate)
        {
            _pending = false;
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            await invokeAsync(async () =>
            {
                await refresh();
                ReloadCount++;
            });
        }
        catch (Exception ex)
        {
            await dispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }
}
