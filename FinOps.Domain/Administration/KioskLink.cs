namespace FinOps.Domain.Administration;

/// <summary>A read-only display link for one wall screen. Only the SHA-256 hash of its token is stored.</summary>
public sealed class KioskLink
{
    public long Id { get; set; }

    /// <summary>The screen's name, e.g. "Ops room TV".</summary>
    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>One change to anything that matters (budgets, settings, users, tokens, kiosk links, imports, anomalies). Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who: a user name, "api:token", "system".</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, e.g. "user.role-changed", "token.created".</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>The values before (JSON), when something changed.</summary>
    public string? OldValues { get; set; }

    /// <summary>The values after (JSON).</summary>
    public string? NewValues { get; set; }

    public string? Summary { get; set; }
}
