using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Api;

/// <summary>A token just created: the secret is in <see cref="Token"/> and is never shown again.</summary>
public sealed record CreatedApiToken(ApiToken Entity, string Token);

/// <summary>Who a presented token belongs to and what it may do.</summary>
public sealed record ApiTokenIdentity(string UserName, string Role, bool CanWrite, string TokenName);

/// <summary>Personal API tokens: created and revoked by their owner (or an administrator), stored hashed, audited.</summary>
public sealed class ApiTokenService(IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string Prefix = "fo_";

    public async Task<CreatedApiToken> CreateAsync(string ownerUserId, string ownerName, string name, bool canWrite, DateTimeOffset? expiresAt,
        string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A token needs a name.", nameof(name));
        }

        if (expiresAt is { } e && e <= time.GetUtcNow())
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(expiresAt));
        }

        var token = SecretTokens.Create(Prefix);
        var entity = new ApiToken
        {
            Name = name.Trim(),
            Owner = ownerName,
            OwnerUserId = ownerUserId,
            TokenHash = SecretTokens.Hash(token),
            Prefix = token[..(Prefix.Length + 6)],
            CanWrite = canWrite,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ApiTokens.Add(entity);
            await db.SaveChangesAsync(ct);
        }

        await audit.WriteAsync(actor, "token.created", "ApiToken", entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { entity.Name, entity.Owner, entity.Prefix, entity.CanWrite, entity.ExpiresAt }, $"API token '{entity.Name}' of {ownerName} created", ct);
        return new CreatedApiToken(entity, token);
    }

    /// <summary>Tokens of one owner, or all tokens when <paramref name="ownerUserId"/> is null (administrators).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string? ownerUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ApiTokens.AsNoTracking();
        if (ownerUserId is not null)
        {
            query = query.Where(t => t.OwnerUserId == ownerUserId);
        }

        return await query.OrderByDescending(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Revokes a token; an owner may revoke only their own (<paramref name="ownerUserId"/>), an administrator any (null).</summary>
    public async Task<bool> RevokeAsync(long id, string? ownerUserId, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && (ownerUserId == null || t.OwnerUserId == ownerUserId), ct);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "token.revoked", "ApiToken", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { RevokedAt = (DateTimeOffset?)null }, new { token.RevokedAt }, $"API token '{token.Name}' of {token.Owner} revoked", ct);
        return true;
    }

    /// <summary>The identity of a presented token, or null when it is unknown, revoked, expired or its owner is disabled.</summary>
    public async Task<ApiTokenIdentity?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = time.GetUtcNow();
        if (stored is null || stored.RevokedAt is not null || (stored.ExpiresAt is { } expires && expires <= now) || stored.OwnerUserId is null)
        {
            return null;
        }

        var owner = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == stored.OwnerUserId, ct);
        if (owner is null || owner.IsDisabled)
        {
            return null;
        }

        var role = await db.UserRoles.Where(ur => ur.UserId == owner.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefaultAsync(ct) ?? Roles.Viewer;
        if (stored.LastUsedAt is null || now - stored.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            stored.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new ApiTokenIdentity(owner.UserName ?? owner.Id, role, stored.CanWrite, stored.Name);
    }
}
