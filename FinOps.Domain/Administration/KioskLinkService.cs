using System.Globalization;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Administration;

/// <summary>A kiosk link just created: the token (part of the URL) is shown once.</summary>
public sealed record CreatedKioskLink(KioskLink Link, string Token);

/// <summary>Read-only display links for wall screens: created and revoked by administrators, audited.</summary>
public sealed class KioskLinkService(IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string Prefix = "kiosk_";

    public async Task<CreatedKioskLink> CreateAsync(string name, DateTimeOffset? expiresAt, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Name the screen the link is for.", nameof(name));
        }

        if (expiresAt is { } e && e <= time.GetUtcNow())
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(expiresAt));
        }

        var token = SecretTokens.Create(Prefix);
        var link = new KioskLink
        {
            Name = name.Trim(),
            TokenHash = SecretTokens.Hash(token),
            CreatedBy = actor,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.KioskLinks.Add(link);
            await db.SaveChangesAsync(ct);
        }

        await audit.WriteAsync(actor, "kiosk.created", "KioskLink", link.Id.ToString(CultureInfo.InvariantCulture), null,
            new { link.Name, link.ExpiresAt }, $"Kiosk link '{link.Name}' created", ct);
        return new CreatedKioskLink(link, token);
    }

    public async Task<IReadOnlyList<KioskLink>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.KioskLinks.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }

    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.KioskLinks.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (link is null || link.RevokedAt is not null)
        {
            return false;
        }

        link.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "kiosk.revoked", "KioskLink", id.ToString(CultureInfo.InvariantCulture),
            new { RevokedAt = (DateTimeOffset?)null }, new { link.RevokedAt }, $"Kiosk link '{link.Name}' revoked", ct);
        return true;
    }

    /// <summary>The active link for a presented token (and records that the screen was seen), or null.</summary>
    public async Task<KioskLink?> OpenAsync(string token, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.KioskLinks.SingleOrDefaultAsync(k => k.TokenHash == hash, ct);
        if (link is null || !link.IsActive(time.GetUtcNow()))
        {
            return null;
        }

        link.LastSeenAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>Whether a link is still usable (checked again while a screen stays signed in).</summary>
    public async Task<bool> IsActiveAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.KioskLinks.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (link is null || !link.IsActive(time.GetUtcNow()))
        {
            return false;
        }

        if (link.LastSeenAt is null || time.GetUtcNow() - link.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            link.LastSeenAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return true;
    }
}
