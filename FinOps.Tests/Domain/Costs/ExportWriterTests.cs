using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FinOps.Domain.Costs.Export;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs;

public sealed class ExportWriterTests
{
    private static readonly ExportColumn[] Columns =
    [
        new("ResourceName", ExportColumnKind.Text), new("BilledCost", ExportColumnKind.Number),
        new("ChargePeriodStart", ExportColumnKind.Timestamp), new("Period", ExportColumnKind.Date),
    ];

    private static ExportTable Table(params object?[][] rows) => new(Columns, rows.ToAsyncEnumerable());

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("web-server=1", "web-server=1")]
    [InlineData("", "")]
    [InlineData("'quoted", "'quoted")]
    public void TextThatASpreadsheetWouldEvaluate_GetsALeadingQuote(string text, string escaped) =>
        Assert.Equal(escaped, SpreadsheetText.Escape(text));

    [Fact]
    public async Task Csv_IsRfc4180WithBom_TextEscaped_NumbersExactAndUntouched()
    {
        using var output = new MemoryStream();
        await CsvExportWriter.WriteAsync(Table(
            ["=cmd|' /C calc'!A0", -12.345678901234567891m, new DateTimeOffset(2024, 9, 1, 2, 3, 4, TimeSpan.Zero), new DateOnly(2024, 9, 1)],
            ["a, \"b\"\nc", 0.000000000000000001m, null, null],
            [" padded ", -1m, null, null]), output, CancellationToken.None);

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith("ResourceName,BilledCost,ChargePeriodStart,Period\r\n", text, StringComparison.Ordinal);
        Assert.Contains("'=cmd|' /C calc'!A0,-12.345678901234567891,2024-09-01T02:03:04Z,2024-09-01\r\n", text, StringComparison.Ordinal);
        var records = ExportFiles.ParseCsv(text);
        Assert.Equal(["a, \"b\"\nc", "0.000000000000000001", "", ""], records[2]);
        Assert.Equal([" padded ", "-1", "", ""], records[3]);
        Assert.Equal(4, records.Count);
    }

    [Fact]
    public async Task Xlsx_HasNumericCellsForNumbers_DateCellsForTimes_AndEscapedText()
    {
        using var output = new MemoryStream();
        await XlsxExportWriter.WriteAsync(Table(
            ["+SUM(A1:A9)", -12.5m, new DateTimeOffset(2024, 9, 1, 12, 0, 0, TimeSpan.Zero), new DateOnly(2024, 9, 1)],
            ["plain", 0.000001m, null, null]), output, CancellationToken.None);

        var rows = ExportFiles.ReadXlsx(output.ToArray());
        Assert.Equal(["ResourceName", "BilledCost", "ChargePeriodStart", "Period"], rows[0].Select(c => c!.Text));
        Assert.Equal("'+SUM(A1:A9)", rows[1][0]!.Text);
        Assert.False(rows[1][0]!.IsNumber);
        Assert.True(rows[1][1]!.IsNumber);
        Assert.Equal(-12.5m, decimal.Parse(rows[1][1]!.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
        Assert.True(rows[1][2]!.IsDate, "a timestamp is a date cell");
        Assert.Equal(new DateTime(2024, 9, 1, 12, 0, 0), DateTime.FromOADate(double.Parse(rows[1][2]!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal(0.000001m, decimal.Parse(rows[2][1]!.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
        Assert.Equal(3, rows.Count);
    }

    /// <summary>Rows that check, as each one is produced, how much of the earlier rows already reached the output.</summary>
    private static async IAsyncEnumerable<object?[]> WatchedRows(int count, Func<int, long> written, Action<int, long> check,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && i % 20_000 == 0)
            {
                check(i, written(i));
            }

            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return ["resource-" + i.ToString("D7", CultureInfo.InvariantCulture), i + 0.25m, null, null];
        }
    }

    [Fact]
    public async Task Csv_OfManyRows_ReachesTheOutputWhileRowsAreStillBeingRead()
    {
        const int rows = 200_000;
        var output = new CountingStream();
        var checks = 0;
        var table = new ExportTable(Columns, WatchedRows(rows, _ => output.BytesWritten, (i, written) =>
        {
            // Every row is at least 20 bytes; all but the rows since the last flush must already be out.
            Assert.True(written >= (long)(i - CsvExportWriter.FlushEveryRows) * 20, $"at row {i} only {written} bytes were written");
            checks++;
        }));

        await CsvExportWriter.WriteAsync(table, output, CancellationToken.None);

        Assert.Equal(rows / 20_000 - 1, checks);
        Assert.True(output.BytesWritten > rows * 20L);
    }

    [Fact]
    public async Task Xlsx_OfManyRows_ReachesTheFileWhileRowsAreStillBeingRead()
    {
        const int rows = 120_000;
        var path = Path.Combine(Path.GetTempPath(), $"finops-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 4096))
            {
                var lengths = new List<long>();
                var table = new ExportTable(Columns, WatchedRows(rows, _ => new FileInfo(path).Length, (_, length) => lengths.Add(length)));

                await XlsxExportWriter.WriteAsync(table, file, CancellationToken.None);

                // The file on disk grows during the export: rows are compressed and written as they are read, not held until the end.
                Assert.Equal(rows / 20_000 - 1, lengths.Count);
                Assert.True(lengths[0] > 0, "nothing was written after 20,000 rows");
                Assert.True(lengths.Zip(lengths.Skip(1)).All(p => p.Second > p.First), $"the file did not grow steadily: {string.Join(", ", lengths)}");
            }

            var back = ExportFiles.ReadXlsx(await File.ReadAllBytesAsync(path));
            Assert.Equal(rows + 1, back.Count);
            Assert.Equal(rows * (rows - 1m) / 2 + rows * 0.25m, back.Skip(1).Sum(r => decimal.Parse(r[1]!.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FileNames_SayWhatIsInTheFile()
    {
        Assert.True(FinOps.Domain.Costs.CostQuery.TryParse("2024-09-01", "2024-10-01", "EffectiveCost", "ServiceName,Tag:team", "Day",
            ["ProviderName:AWS"], out var query, out _, out _));
        Assert.Equal("costs-2024-09-01-to-2024-09-30-EffectiveCost-by-ServiceName-Tag-team-daily-filtered.csv",
            CostExportService.FileName(query, ExportView.Grouped, ExportFormat.Csv));
        Assert.Equal("line-items-2024-09-01-to-2024-09-30-filtered.xlsx", CostExportService.FileName(query, ExportView.LineItems, ExportFormat.Xlsx));
    }

    private sealed class CountingStream : Stream
    {
        public long BytesWritten { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => BytesWritten += count;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            BytesWritten += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            BytesWritten += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => BytesWritten;
        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
