namespace FinOps.Domain.Api;

/// <summary>A personal API token. Only the SHA-256 hash of the secret is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The owner's user name (or "bootstrap").</summary>
    public required string Owner { get; set; }

    /// <summary>The owner's user id: the token acts with the owner's role, and stops working when the owner is disabled.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>The first characters of the token, shown in lists so that people can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public required string TokenHash { get; set; }

    public bool CanWrite { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
