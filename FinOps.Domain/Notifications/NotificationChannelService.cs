using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Domain.Notifications;

/// <summary>
/// A channel as an administrator edits it. <see cref="Id"/> 0 is a new channel. For a saved webhook channel an empty
/// <see cref="Target"/> keeps the saved URL (it is never shown again in full).
/// </summary>
public sealed record ChannelDraft
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public ChannelType Type { get; init; } = ChannelType.Email;

    public bool Enabled { get; init; } = true;

    public string? Target { get; init; }

    public bool ReceivesAnomalies { get; init; } = true;

    public bool ReceivesBudgets { get; init; } = true;

    public AlertSeverity MinimumSeverity { get; init; } = AlertSeverity.Info;

    public static ChannelDraft From(NotificationChannel channel) => new()
    {
        Id = channel.Id,
        Name = channel.Name,
        Type = channel.Type,
        Enabled = channel.Enabled,
        // Webhook URLs carry credentials: the form starts empty ("keep the saved URL").
        Target = channel.IsWebhook ? null : channel.Target,
        ReceivesAnomalies = channel.ReceivesAnomalies,
        ReceivesBudgets = channel.ReceivesBudgets,
        MinimumSeverity = channel.MinimumSeverity,
    };
}

/// <summary>The outcome of saving a channel: the saved channel, or the errors by field (nothing saved).</summary>
public sealed record ChannelSaveResult(NotificationChannel? Channel, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// A saved channel as administrators see it: its target as it may be shown (webhook URLs masked), and why its stored
/// webhook URL cannot be used (<see cref="WebhookTargetProtector.UnreadableError"/>), null when it can.
/// </summary>
public sealed record ChannelSummary(NotificationChannel Channel, string DisplayTarget, string? TargetError);

/// <summary>
/// Administrators list, add, change and delete notification channels; every change is audited (webhook URLs masked).
/// Webhook URLs are stored encrypted (<see cref="WebhookTargetProtector"/>).
/// </summary>
public sealed class NotificationChannelService(
    IDbContextFactory<FinOpsDbContext> dbFactory,
    WebhookTargetProtector protector,
    AuditLog audit,
    TimeProvider time,
    ILogger<NotificationChannelService> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>The longest target an administrator may enter (recipients or URL), before encryption.</summary>
    public const int MaxTargetLength = 2000;

    private static readonly ChannelType[] WebhookTypes = [.. Enum.GetValues<ChannelType>().Where(NotificationChannel.IsWebhookType)];

    public async Task<IReadOnlyList<ChannelSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        return [.. channels.Select(Summarize)];
    }

    /// <summary>The channel with its target shown masked, and the error when its stored webhook URL cannot be decrypted.</summary>
    private ChannelSummary Summarize(NotificationChannel channel)
    {
        if (!channel.IsWebhook)
        {
            return new ChannelSummary(channel, ChannelTargets.Display(channel.Type, channel.Target), null);
        }

        var read = protector.Read(channel.Target);
        return new ChannelSummary(channel, read.Url is { } url ? ChannelTargets.Display(channel.Type, url) : "", read.Error);
    }

    /// <summary>
    /// Encrypts the webhook URLs still stored in plain text (databases from before encryption at rest). Runs at start-up;
    /// idempotent: a protected value is recognised by <see cref="WebhookTargetProtector.StoredPrefix"/> and left alone, so a
    /// second run changes nothing, and a run that dies half-way is finished by the next. Each row is rewritten only if it
    /// still holds the plain URL that was read (a concurrent edit wins). Returns how many channels were protected; logged
    /// and audited by id, never with the URL.
    /// </summary>
    public async Task<int> ProtectStoredWebhookUrlsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.NotificationChannels.AsNoTracking()
            .Where(c => WebhookTypes.Contains(c.Type) && c.Target != "")
            .Select(c => new { c.Id, c.Target })
            .ToListAsync(ct);
        var protectedIds = new List<long>();
        foreach (var plain in candidates.Where(c => !WebhookTargetProtector.IsProtected(c.Target)))
        {
            var stored = protector.Protect(plain.Target);
            var updated = await db.NotificationChannels.Where(c => c.Id == plain.Id && c.Target == plain.Target)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Target, stored), ct);
            if (updated == 1)
            {
                protectedIds.Add(plain.Id);
            }
        }

        if (protectedIds.Count > 0)
        {
            logger.LogInformation("Encrypted the stored webhook URL of {Count} notification channel(s) (ids {ChannelIds})",
                protectedIds.Count, string.Join(", ", protectedIds));
            await audit.WriteAsync("system", "notification-channel.url-protected", nameof(NotificationChannel), null, null,
                new { ChannelIds = protectedIds }, $"Webhook URLs of {protectedIds.Count} notification channel(s) encrypted at rest", ct);
        }

        return protectedIds.Count;
    }

    /// <summary>Validates and saves (creates when <see cref="ChannelDraft.Id"/> is 0); errors by field name of <see cref="ChannelDraft"/>.</summary>
    public async Task<ChannelSaveResult> SaveAsync(ChannelDraft draft, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.NotificationChannels.ToListAsync(ct);
        var existing = draft.Id == 0 ? null : all.SingleOrDefault(c => c.Id == draft.Id);
        if (draft.Id != 0 && existing is null)
        {
            return new ChannelSaveResult(null, new Dictionary<string, string> { [nameof(ChannelDraft.Name)] = "This channel was deleted meanwhile." });
        }

        var (target, errors) = Validate(draft, existing, all);
        if (errors.Count > 0)
        {
            return new ChannelSaveResult(null, errors);
        }

        var now = time.GetUtcNow();
        var channel = existing ?? new NotificationChannel { Name = "", CreatedBy = actor, CreatedAt = now };
        var before = existing is null ? null : Snapshot(existing, Summarize(existing).DisplayTarget);
        channel.Name = draft.Name.Trim();
        channel.Type = draft.Type;
        channel.Enabled = draft.Enabled;
        channel.Target = NotificationChannel.IsWebhookType(draft.Type) ? protector.Protect(target) : target;
        channel.ReceivesAnomalies = draft.ReceivesAnomalies;
        channel.ReceivesBudgets = draft.ReceivesBudgets;
        channel.MinimumSeverity = draft.MinimumSeverity;
        if (existing is null)
        {
            db.NotificationChannels.Add(channel);
        }
        else
        {
            channel.UpdatedBy = actor;
            channel.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, existing is null ? "notification-channel.created" : "notification-channel.changed", nameof(NotificationChannel),
            channel.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(channel, ChannelTargets.Display(channel.Type, target)),
            $"Notification channel '{channel.Name}' ({channel.Type}) {(existing is null ? "created" : "changed")}", ct);
        return new ChannelSaveResult(channel, new Dictionary<string, string>());
    }

    /// <summary>Deletes a channel and its delivery history (audited). False when there is no such channel.</summary>
    public async Task<bool> DeleteAsync(long id, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return false;
        }

        db.NotificationChannels.Remove(channel);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "notification-channel.deleted", nameof(NotificationChannel), id.ToString(CultureInfo.InvariantCulture),
            Snapshot(channel, Summarize(channel).DisplayTarget), null, $"Notification channel '{channel.Name}' ({channel.Type}) deleted", ct);
        return true;
    }

    private (string Target, Dictionary<string, string> Errors) Validate(ChannelDraft draft, NotificationChannel? existing,
        IReadOnlyList<NotificationChannel> all)
    {
        var errors = new Dictionary<string, string>();
        var name = draft.Name.Trim();
        if (name.Length == 0)
        {
            errors[nameof(ChannelDraft.Name)] = "Name the channel (e.g. 'Finance team email').";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[nameof(ChannelDraft.Name)] = $"The name is {name.Length} characters long; at most {MaxNameLength}.";
        }
        else if (all.Any(c => c.Id != draft.Id && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors[nameof(ChannelDraft.Name)] = $"Another channel is already called '{name}'.";
        }

        if (!Enum.IsDefined(draft.Type))
        {
            errors[nameof(ChannelDraft.Type)] = $"Unknown channel type {draft.Type}.";
        }

        if (!Enum.IsDefined(draft.MinimumSeverity))
        {
            errors[nameof(ChannelDraft.MinimumSeverity)] = $"Unknown severity {draft.MinimumSeverity}.";
        }

        if (!draft.ReceivesAnomalies && !draft.ReceivesBudgets)
        {
            errors[nameof(ChannelDraft.ReceivesBudgets)] = "Choose at least one kind of alert (budgets, anomalies).";
        }

        var target = (draft.Target ?? "").Trim();
        switch (draft.Type)
        {
            case ChannelType.InApp:
                target = "";
                if (all.Any(c => c.Id != draft.Id && c.Type == ChannelType.InApp))
                {
                    errors[nameof(ChannelDraft.Type)] = "There is already an in-app channel: change that one instead.";
                }

                break;
            case ChannelType.Email:
                if (ChannelTargets.ParseRecipients(target).Error is { } recipientError)
                {
                    errors[nameof(ChannelDraft.Target)] = recipientError;
                }

                break;
            default:
                if (target.Length == 0 && existing is not null && existing.IsWebhook)
                {
                    // Empty on a saved webhook channel: keep the saved URL, if it can still be read.
                    var saved = protector.Read(existing.Target);
                    if (saved.Error is { } unreadable)
                    {
                        errors[nameof(ChannelDraft.Target)] = unreadable;
                    }
                    else
                    {
                        target = saved.Url!;
                    }
                }
                else if (ChannelTargets.ValidateWebhookUrl(target) is { } urlError)
                {
                    errors[nameof(ChannelDraft.Target)] = urlError;
                }

                break;
        }

        if (target.Length > MaxTargetLength && !errors.ContainsKey(nameof(ChannelDraft.Target)))
        {
            errors[nameof(ChannelDraft.Target)] = $"The target is {target.Length} characters long; at most {MaxTargetLength}.";
        }

        return (target, errors);
    }

    /// <summary>What the audit log records of a channel: the target as displayed, never the webhook URL itself.</summary>
    private static object Snapshot(NotificationChannel c, string displayTarget) => new
    {
        c.Name,
        Type = c.Type.ToString(),
        c.Enabled,
        Target = displayTarget,
        c.ReceivesAnomalies,
        c.ReceivesBudgets,
        MinimumSeverity = c.MinimumSeverity.ToString(),
    };
}
