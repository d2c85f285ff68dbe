using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FinOps.Web.Security;

/// <summary>Counts open circuits per user; a user past the cap gets their newest circuit closed.</summary>
public sealed class CircuitLimiter
{
    public const int MaxCircuitsPerUser = 20;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public bool TryOpen(string user)
    {
        var count = _open.AddOrUpdate(user, 1, (_, c) => c + 1);
        if (count <= MaxCircuitsPerUser)
        {
            return true;
        }

        Close(user);
        return false;
    }

    public void Close(string user) => _open.AddOrUpdate(user, 0, (_, c) => Math.Max(0, c - 1));

    public int OpenCircuits(string user) => _open.GetValueOrDefault(user);
}

/// <summary>Applies <see cref="CircuitLimiter"/> to each circuit.</summary>
public sealed class CircuitLimiterHandler(CircuitLimiter limiter, AuthenticationStateProvider authentication) : CircuitHandler
{
    private string? _user;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var user = state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? state.User.Identity?.Name;
        if (user is null)
        {
            return;
        }

        if (!limiter.TryOpen(user))
        {
            throw new InvalidOperationException($"Too many open sessions for {user} (at most {CircuitLimiter.MaxCircuitsPerUser}).");
        }

        _user = user;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_user is not null)
        {
            limiter.Close(_user);
            _user = null;
        }

        return Task.CompletedTask;
    }
}
