using System.IO.Compression;
using System.Text;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Costs;
using FinOps.Tests.Support;
using Parquet.Serialization;

namespace FinOps.Tests.Domain.Billing.Ingestion;

/// <summary>CSV.gz and Parquet deliveries go through the same pipeline and reconcile exactly.</summary>
public sealed class FileFormatImportTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>A FOCUS row as a Parquet export types it: decimals, timestamps, a map of tags.</summary>
    public sealed class ParquetFocusRow
    {
        public decimal BilledCost { get; set; }
        public decimal EffectiveCost { get; set; }
        public decimal ListCost { get; set; }
        public decimal? ContractedCost { get; set; }
        public string BillingAccountId { get; set; } = "P1";
        public string BillingCurrency { get; set; } = "USD";
        public DateTime BillingPeriodStart { get; set; } = new(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        public DateTime BillingPeriodEnd { get; set; } = new(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        public DateTime ChargePeriodStart { get; set; }
        public DateTime ChargePeriodEnd { get; set; }
        public string ChargeCategory { get; set; } = "Usage";
        public string InvoiceIssuerName { get; set; } = "Google";
        public string ProviderName { get; set; } = "Google Cloud";
        public string PublisherName { get; set; } = "Google";
        public string ServiceName { get; set; } = "Compute Engine";
        public string ServiceCategory { get; set; } = "Compute";
        public Dictionary<string, string>? Tags { get; set; }
    }

    [Fact]
    public async Task Import_ParquetFile_StoresTypedValuesAndTagMapsExactly()
    {
        var rows = Enumerable.Range(0, 300).Select(i => new ParquetFocusRow
        {
            BilledCost = 1.123456789012m + i,
            EffectiveCost = 0.5m * i,
            ListCost = 2m * i,
            ContractedCost = i % 10 == 0 ? null : 1.5m * i,
            ChargePeriodStart = new DateTime(2024, 9, 1 + i % 30, 0, 0, 0, DateTimeKind.Utc),
            ChargePeriodEnd = new DateTime(2024, 9, 1 + i % 30, 0, 0, 0, DateTimeKind.Utc).AddDays(1),
            Tags = i % 3 == 0 ? null : new Dictionary<string, string> { ["team"] = i % 2 == 0 ? "core" : "data" },
        }).ToList();
        var path = Path.Combine(_store.Directory, "export.parquet");
        await using (var file = File.Create(path))
        {
            await ParquetSerializer.SerializeAsync(rows, file);
        }

        var record = await _store.ImportAsync(path, "export.parquet", isPath: true);

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Equal(300, record.RowCount);
        Assert.Equal(rows.Sum(r => r.BilledCost), Assert.Single(record.Totals).BilledCost);
        Assert.Equal(30, record.Issues.Count(i => i.Column == "ContractedCost")); // null ContractedCost: warned, unknown
        var byTeam = await _store.Costs.QueryAsync(new CostQuery(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1),
            GroupBy: [CostDimension.ForTag("team")]), CancellationToken.None);
        Assert.Equal(rows.Where(r => r.Tags?["team"] == "core").Sum(r => r.BilledCost), byTeam.Rows.Single(r => r.Keys["Tag:team"] == "core").Cost);
        Assert.Equal(rows.Where(r => r.Tags is null).Sum(r => r.BilledCost), byTeam.Rows.Single(r => r.Keys["Tag:team"] is null).Cost);
    }

    [Fact]
    public async Task Import_GzippedCsvWithBomAndCrlf_IsReadLikePlainCsv()
    {
        var csv = new FocusCsv().Row(("BilledCost", "10.5")).Row(("BilledCost", "-0.25"), ("ChargeCategory", "Credit")).ToCsv("\r\n");
        var path = Path.Combine(_store.Directory, "export.csv.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(new UTF8Encoding(true).GetPreamble());
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(csv));
        }

        var record = await _store.ImportAsync(path, "export.csv.gz", isPath: true);

        Assert.Equal(ImportStatus.Succeeded, record.Status);
        Assert.Equal(10.25m, Assert.Single(record.Totals).BilledCost);
    }

    [Fact]
    public async Task Import_NotAFocusFile_IsRejectedWithAClearMessage()
    {
        var record = await _store.ImportAsync("just,some,columns\n1,2,3\n", "random.csv");

        Assert.Equal(ImportStatus.Failed, record.Status);
        Assert.Contains("Missing mandatory FOCUS columns", record.FailureReason);
        Assert.Equal(0, await _store.LineItemCountAsync());
    }

    [Fact]
    public async Task Import_MalformedCsv_IsRejectedWithTheLine()
    {
        var csv = new FocusCsv().Row().Row().ToCsv() + "1,2,\"unterminated\n";

        var record = await _store.ImportAsync(csv, "broken.csv");

        Assert.Equal(ImportStatus.Failed, record.Status);
        var error = Assert.Single(record.Issues, i => i.Severity == ImportIssueSeverity.Error);
        Assert.Equal(4, error.Line);
        Assert.Equal(0, await _store.LineItemCountAsync());
    }
}
