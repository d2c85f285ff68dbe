namespace FinOps.Domain;

/// <summary>The <c>FinOps</c> section of appsettings.json.</summary>
public sealed class FinOpsOptions
{
    public const string SectionName = "FinOps";

    /// <summary>Everything the app writes lives here (database, inbox, imports, uploads). Relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    public IngestionOptions Ingestion { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public ApiOptions Api { get; set; } = new();
}

public sealed class IngestionOptions
{
    /// <summary>The folder polled for new billing files; empty means &lt;DataDirectory&gt;/inbox.</summary>
    public string InboxDirectory { get; set; } = "";

    public int InboxPollSeconds { get; set; } = 15;

    /// <summary>The largest file accepted by upload or API, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>How many issues of each kind an import keeps with their line (all are counted).</summary>
    public int MaxStoredIssuesPerImport { get; set; } = 500;

    /// <summary>Hangfire workers for ingestion jobs (imports themselves run one at a time: SQLite has one writer).</summary>
    public int WorkerCount { get; set; } = 2;
}

public sealed class DemoOptions
{
    public bool Enabled { get; set; } = true;

    public int Months { get; set; } = 13;

    public int Seed { get; set; } = 20261125;

    public double Scale { get; set; } = 1.0;

    public LiveFeedOptions LiveFeed { get; set; } = new();
}

public sealed class LiveFeedOptions
{
    public bool Enabled { get; set; } = true;

    public int IntervalMinutes { get; set; } = 5;
}

public sealed class ApiOptions
{
    /// <summary>A token accepted with full rights, for first set-up and automation; empty disables it.</summary>
    public string BootstrapToken { get; set; } = "";
}

/// <summary>The absolute folders and files under the data directory.</summary>
public sealed class FinOpsPaths
{
    public FinOpsPaths(FinOpsOptions options, string? workingDirectory = null)
    {
        DataDirectory = Path.GetFullPath(options.DataDirectory, workingDirectory ?? Directory.GetCurrentDirectory());
        DatabaseFile = Path.Combine(DataDirectory, "finops.db");
        ImportsDirectory = Path.Combine(DataDirectory, "imports");
        UploadsDirectory = Path.Combine(DataDirectory, "uploads");
        InboxDirectory = string.IsNullOrWhiteSpace(options.Ingestion.InboxDirectory)
            ? Path.Combine(DataDirectory, "inbox")
            : Path.GetFullPath(options.Ingestion.InboxDirectory, DataDirectory);
    }

    public string DataDirectory { get; }

    public string DatabaseFile { get; }

    public string ImportsDirectory { get; }

    public string UploadsDirectory { get; }

    public string InboxDirectory { get; }

    public string ConnectionString => $"Data Source={DatabaseFile};Default Timeout=60;Pooling=True";

    public void EnsureCreated()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(ImportsDirectory);
        Directory.CreateDirectory(UploadsDirectory);
        Directory.CreateDirectory(InboxDirectory);
    }
}
