using System.Globalization;
using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

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

/// <summary>Administrators list, add, change and delete notification channels; every change is audited (webhook URLs masked).</summary>
public sealed class NotificationChannelService(IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;
    public const int MaxTargetLength = 2000;

    public async Task<IReadOnlyList<NotificationChannel>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
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
        var before = existing is null ? null : Snapshot(existing);
        channel.Name = draft.Name.Trim();
        channel.Type = draft.Type;
        channel.Enabled = draft.Enabled;
        channel.Target = target;
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
            channel.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(channel),
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
            Snapshot(channel), null, $"Notification channel '{channel.Name}' ({channel.Type}) deleted", ct);
        return true;
    }

    private static (string Target, Dictionary<string, string> Errors) Validate(ChannelDraft draft, NotificationChannel? existing,
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
                    // Empty on a saved webhook channel: keep the saved URL.
                    target = existing.Target;
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

    /// <summary>What the audit log records of a channel: never the webhook URL itself.</summary>
    private static object Snapshot(NotificationChannel c) => new
    {
        c.Name,
        Type = c.Type.ToString(),
        c.Enabled,
        Target = c.DisplayTarget,
        c.ReceivesAnomalies,
        c.ReceivesBudgets,
        MinimumSeverity = c.MinimumSeverity.ToString(),
    };
}
