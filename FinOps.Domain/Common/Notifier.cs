namespace FinOps.Domain.Common;

/// <summary>
/// A singleton publish/subscribe hub for events of one type. A subscription is a disposable token: dispose it and the
/// handler is gone (a circuit that forgets would otherwise be kept alive by the hub). A failing handler never stops
/// the others or the publisher.
/// </summary>
public sealed class Notifier<TEvent>
{
    private readonly Lock _gate = new();
    private ImmutableHandlers _handlers = ImmutableHandlers.Empty;

    public int SubscriberCount => _handlers.Items.Length;

    public IDisposable Subscribe(Func<TEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = new ImmutableHandlers([.. _handlers.Items, handler]);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Calls every handler; exceptions are swallowed per handler (handlers own their error reporting).</summary>
    public async Task PublishAsync(TEvent value)
    {
        foreach (var handler in _handlers.Items)
        {
            try
            {
                await handler(value);
            }
            catch (Exception)
            {
                // A broken subscriber must not break the publisher or the other subscribers.
            }
        }
    }

    private void Unsubscribe(Func<TEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = new ImmutableHandlers(_handlers.Items.Where(h => !ReferenceEquals(h, handler)).ToArray());
        }
    }

    private sealed record ImmutableHandlers(Func<TEvent, Task>[] Items)
    {
        public static readonly ImmutableHandlers Empty = new([]);
    }

    private sealed class Subscription(Notifier<TEvent> owner, Func<TEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }
}
