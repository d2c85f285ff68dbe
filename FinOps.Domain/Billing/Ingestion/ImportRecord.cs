namespace FinOps.Domain.Billing.Ingestion;

/// <summary>Where a delivered file is in its life. Stored as text.</summary>
public enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Duplicate,
}

/// <summary>How a file reached the app.</summary>
public enum ImportSource
{
    Inbox,
    Upload,
    Api,
    Demo,
}

/// <summary>One row of the import ledger: one delivered file and what became of it.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary>Where the delivered bytes are kept, relative to the data directory.</summary>
    public required string StoredPath { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    public ImportSource Source { get; set; }

    /// <summary>Who or what sent it: a user name, "api:token-name", "inbox", "demo".</summary>
    public required string SubmittedBy { get; set; }

    public ImportStatus Status { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long? DurationMs { get; set; }

    /// <summary>How many times a worker claimed it (more than one means it was resumed after a restart or a retry).</summary>
    public int Attempts { get; set; }

    public long RowCount { get; set; }

    public long WarningCount { get; set; }

    public long ErrorCount { get; set; }

    /// <summary>A one-line summary of why it failed.</summary>
    public string? FailureReason { get; set; }

    /// <summary>For a duplicate: the import that already loaded the same bytes.</summary>
    public long? DuplicateOfImportId { get; set; }

    public List<ImportCurrencyTotal> Totals { get; set; } = [];

    public List<ImportIssue> Issues { get; set; } = [];

    public List<BillingSlice> Slices { get; set; } = [];
}

/// <summary>The sums of one import in one billing currency (never summed across currencies).</summary>
public sealed class ImportCurrencyTotal
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    public required string BillingCurrency { get; set; }

    public long RowCount { get; set; }

    public decimal BilledCost { get; set; }

    public decimal EffectiveCost { get; set; }

    public decimal ListCost { get; set; }

    public decimal ContractedCost { get; set; }
}

public enum ImportIssueSeverity
{
    Warning,
    Error,
}

/// <summary>An error (the file was rejected) or a warning (kept, value stored as unknown) with where it was found.</summary>
public sealed class ImportIssue
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    public ImportIssueSeverity Severity { get; set; }

    /// <summary>The 1-based line in the file (the header is line 1); null for file-level issues.</summary>
    public long? Line { get; set; }

    public string? Column { get; set; }

    public string? Value { get; set; }

    public required string Message { get; set; }
}

/// <summary>
/// The rows one import delivered for one (billing account, billing period). A later delivery for the same pair
/// replaces it: its rows are deleted and it is marked superseded.
/// </summary>
public sealed class BillingSlice
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    /// <summary>The BillingAccountId as delivered ("" when the file left it empty).</summary>
    public required string BillingAccountId { get; set; }

    public string? BillingAccountName { get; set; }

    /// <summary>The provider named by the rows (ServiceProviderName, else ProviderName).</summary>
    public string? ProviderName { get; set; }

    public DateTimeOffset BillingPeriodStart { get; set; }

    public DateTimeOffset BillingPeriodEnd { get; set; }

    public long RowCount { get; set; }

    /// <summary>The latest ChargePeriodEnd in the slice: how far the data goes ("data as of").</summary>
    public DateTimeOffset? DataThrough { get; set; }

    public bool IsCurrent { get; set; }

    public long? SupersededByImportId { get; set; }
}
