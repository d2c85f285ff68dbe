using FinOps.Domain.Billing.Reading;
using Parquet.Serialization;

namespace FinOps.Tests.Domain.Billing.Reading;

public sealed class FocusRecordReadersTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public sealed class Row
    {
        public string? BilledCost { get; set; }
    }

    private async Task<string> WriteParquetAsync(string name)
    {
        var path = _dir.File(name);
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeAsync(new[] { new Row { BilledCost = "1.5" } }, file);
        return path;
    }

    [Fact]
    public async Task Open_ParquetContentWithCsvExtension_OpensAParquetReader()
    {
        var path = await WriteParquetAsync("misnamed.csv");

        using var reader = FocusRecordReaders.Open(path);

        Assert.Equal(FocusFileFormat.Parquet, FocusRecordReaders.DetectFormat(path));
        Assert.IsType<ParquetFocusRecordReader>(reader);
        Assert.True(reader.Read());
        Assert.Equal("1.5", reader.GetField(0).ToString());
    }

    [Fact]
    public void Open_GzipContentWithParquetExtension_OpensAGzipCsvReader()
    {
        var path = _dir.WriteGzip("misnamed.parquet", "BilledCost\n2.5\n");

        using var reader = FocusRecordReaders.Open(path);

        Assert.Equal(FocusFileFormat.CsvGzip, FocusRecordReaders.DetectFormat(path));
        Assert.IsType<CsvFocusRecordReader>(reader);
        Assert.True(reader.Read());
        Assert.Equal("2.5", reader.GetField(0).ToString());
    }

    [Theory]
    [InlineData("BilledCost\n3.5\n", false)]
    [InlineData("BilledCost\n3.5\n", true)]
    [InlineData("PA\n3.5\n", false)]
    public void Open_PlainText_OpensACsvReader(string text, bool bom)
    {
        var path = _dir.WriteText("plain.parquet", text, bom);

        using var reader = FocusRecordReaders.Open(path);

        Assert.Equal(FocusFileFormat.Csv, FocusRecordReaders.DetectFormat(path));
        Assert.IsType<CsvFocusRecordReader>(reader);
        Assert.True(reader.Read());
        Assert.Equal("3.5", reader.GetField(0).ToString());
    }

    [Fact]
    public void Open_EmptyFile_IsRejectedAsCsvWithoutHeader()
    {
        var path = _dir.WriteText("empty.csv", "");

        Assert.Equal(FocusFileFormat.Csv, FocusRecordReaders.DetectFormat(path));
        Assert.Throws<FocusFileFormatException>(() => FocusRecordReaders.Open(path));
    }
}
