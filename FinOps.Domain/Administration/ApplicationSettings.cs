using System.Text.Json;
using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Administration;

/// <summary>One stored application setting (the typed view is <see cref="ApplicationSettings"/>).</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}

/// <summary>Settings an administrator changes in the browser.</summary>
public sealed record ApplicationSettings
{
    /// <summary>.NET number format for money, e.g. "N2" or "N0".</summary>
    public string CurrencyFormat { get; init; } = "N2";

    /// <summary>The month (1-12) the fiscal year starts in.</summary>
    public int FiscalYearStartMonth { get; init; } = 1;

    /// <summary>IANA time zone that decides what "today" is.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Line items older than this many months are deleted (rollups are kept); 0 keeps everything.</summary>
    public int LineItemRetentionMonths { get; init; }

    /// <summary>A provider whose data is older than this many hours is flagged as stale.</summary>
    public int DefaultStalenessHours { get; init; } = 36;

    /// <summary>Per-provider overrides of <see cref="DefaultStalenessHours"/>.</summary>
    public IReadOnlyDictionary<string, int> StalenessHoursByProvider { get; init; } = new Dictionary<string, int>();

    /// <summary>How old a provider's data may get before it is flagged as stale.</summary>
    public TimeSpan StalenessFor(string? provider) =>
        TimeSpan.FromHours(provider is not null && StalenessHoursByProvider.TryGetValue(provider, out var hours) ? hours : DefaultStalenessHours);

    /// <summary>What is wrong with these settings, by field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (FiscalYearStartMonth is < 1 or > 12)
        {
            errors[nameof(FiscalYearStartMonth)] = "The fiscal year starts in a month from 1 (January) to 12 (December).";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors[nameof(TimeZone)] = $"'{TimeZone}' is not a known time zone (use an IANA name such as Europe/Berlin).";
        }

        if (LineItemRetentionMonths is < 0 or > 240)
        {
            errors[nameof(LineItemRetentionMonths)] = "Retention is 0 (keep everything) or 1 to 240 months.";
        }

        if (DefaultStalenessHours is < 1 or > 24 * 90 || StalenessHoursByProvider.Values.Any(h => h is < 1 or > 24 * 90))
        {
            errors[nameof(DefaultStalenessHours)] = "Staleness thresholds are 1 hour to 90 days.";
        }

        try
        {
            _ = 1234.5m.ToString(CurrencyFormat, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            errors[nameof(CurrencyFormat)] = $"'{CurrencyFormat}' is not a number format.";
        }

        return errors;
    }
}

/// <summary>Reads and saves <see cref="ApplicationSettings"/>; every change is audited with old and new values.</summary>
public sealed class ApplicationSettingsService(IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit)
{
    private const string Key = "application";

    public async Task<ApplicationSettings> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AppSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == Key, ct);
        return stored is null ? new ApplicationSettings() : JsonSerializer.Deserialize<ApplicationSettings>(stored.Value) ?? new ApplicationSettings();
    }

    /// <summary>Saves valid settings; returns the validation errors (nothing saved) otherwise.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(ApplicationSettings settings, string actor, CancellationToken ct)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AppSettings.SingleOrDefaultAsync(s => s.Key == Key, ct);
        var old = stored?.Value;
        var json = JsonSerializer.Serialize(settings);
        if (stored is null)
        {
            db.AppSettings.Add(new AppSetting { Key = Key, Value = json });
        }
        else
        {
            stored.Value = json;
        }

        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "settings.changed", "ApplicationSettings", Key, old, json, "Application settings changed", ct);
        return errors;
    }
}
