using System.Text.Json;
using FinOps.Domain.Billing.Reading;
using Parquet;
using Parquet.Serialization;

namespace FinOps.Tests.Domain.Billing.Reading;

public sealed class ParquetFocusRecordReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public sealed class CostRow
    {
        public string? ServiceName { get; set; }
        public decimal? BilledCost { get; set; }
        public double? PricingQuantity { get; set; }
        public int? Hours { get; set; }
        public long? Bytes { get; set; }
        public bool? IsCredit { get; set; }
        public DateTime? ChargePeriodStart { get; set; }
    }

    public sealed class TaggedRow
    {
        public string? ResourceId { get; set; }
        public Dictionary<string, string>? Tags { get; set; }
    }

    public sealed class Sku
    {
        public string? Meter { get; set; }
        public int? Tier { get; set; }
    }

    public sealed class NestedRow
    {
        public string? ResourceId { get; set; }
        public Sku? SkuPriceDetails { get; set; }
        public List<string>? Zones { get; set; }
    }

    public sealed class IdRow
    {
        public int Id { get; set; }
    }

    private async Task<string> WriteAsync<T>(string name, IEnumerable<T> rows, ParquetOptions? options = null)
    {
        var path = _dir.File(name);
        await using (var file = File.Create(path))
            await ParquetSerializer.SerializeAsync(rows, file, options);
        return path;
    }

    private static List<string[]> ReadAll(IFocusRecordReader reader, List<long>? lines = null)
    {
        var records = new List<string[]>();
        while (reader.Read())
        {
            lines?.Add(reader.LineNumber);
            records.Add([.. Enumerable.Range(0, reader.Headers.Count).Select(i => reader.GetField(i).ToString())]);
        }
        return records;
    }

    [Fact]
    public async Task Parquet_FlatColumns_AreConvertedToInvariantText()
    {
        var path = await WriteAsync("flat.parquet", new[]
        {
            new CostRow
            {
                ServiceName = "Compute", BilledCost = 1.2345678901m, PricingQuantity = 0.1, Hours = -5, Bytes = long.MaxValue,
                IsCredit = true, ChargePeriodStart = new DateTime(2024, 9, 1, 1, 2, 3, DateTimeKind.Utc),
            },
            new CostRow
            {
                ServiceName = "Storage", BilledCost = -0.0000000012m, PricingQuantity = 1.5e-7, Hours = 0, Bytes = 0,
                IsCredit = false, ChargePeriodStart = new DateTime(2024, 9, 1, 0, 0, 0, 500, DateTimeKind.Utc),
            },
        });

        using var reader = new ParquetFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["ServiceName", "BilledCost", "PricingQuantity", "Hours", "Bytes", "IsCredit", "ChargePeriodStart"], reader.Headers);
        Assert.Equal(["Compute", "1.2345678901", "0.1", "-5", "9223372036854775807", "true", "2024-09-01T01:02:03Z"], records[0]);
        Assert.Equal(["Storage", "-0.0000000012", "1.5E-07", "0", "0", "false", "2024-09-01T00:00:00.5Z"], records[1]);
    }

    [Fact]
    public async Task Parquet_ConvertedValues_ParseBackWithFocusValues()
    {
        var path = await WriteAsync("flat.parquet", new[]
        {
            new CostRow { BilledCost = 0.00000080000m, PricingQuantity = 1.5e-7, ChargePeriodStart = new DateTime(2024, 9, 18, 22, 0, 0, DateTimeKind.Utc) },
        });

        using var reader = new ParquetFocusRecordReader(path);
        Assert.True(reader.Read());

        Assert.True(FocusValues.TryParseDecimal(reader.GetField(1), out var cost));
        Assert.Equal(0.0000008m, cost);
        Assert.True(FocusValues.TryParseDecimal(reader.GetField(2), out var quantity));
        Assert.Equal(0.00000015m, quantity);
        Assert.True(FocusValues.TryParseTimestamp(reader.GetField(6), out var start));
        Assert.Equal(new DateTime(2024, 9, 18, 22, 0, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public async Task Parquet_NullValues_AreEmptyText()
    {
        var path = await WriteAsync("nulls.parquet", new[] { new CostRow { ServiceName = "x" }, new CostRow(), new CostRow { Hours = 3 } });

        using var reader = new ParquetFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["x", "", "", "", "", "", ""], records[0]);
        Assert.All(records[1], field => Assert.Equal("", field));
        Assert.Equal(["", "", "", "3", "", "", ""], records[2]);
    }

    [Fact]
    public async Task Parquet_MapColumn_IsAJsonObjectText()
    {
        var path = await WriteAsync("tags.parquet", new[]
        {
            new TaggedRow { ResourceId = "r1", Tags = new() { ["env"] = "prod", ["quote\"key"] = "line\nbreak", ["team"] = "finops" } },
            new TaggedRow { ResourceId = "r2", Tags = null },
            new TaggedRow { ResourceId = "r3", Tags = [] },
            new TaggedRow { ResourceId = "r4", Tags = new() { ["only"] = "one" } },
        });

        using var reader = new ParquetFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal("{\"env\":\"prod\",\"quote\\\"key\":\"line\\nbreak\",\"team\":\"finops\"}", records[0][1]);
        var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(records[0][1]);
        Assert.Equal("line\nbreak", parsed!["quote\"key"]);
        Assert.Equal("", records[1][1]);
        Assert.Equal("{}", records[2][1]);
        Assert.Equal("{\"only\":\"one\"}", records[3][1]);
        Assert.Equal(["r1", "r2", "r3", "r4"], records.Select(r => r[0]));
    }

    [Fact]
    public async Task Parquet_StructAndListColumns_AreJsonText()
    {
        var path = await WriteAsync("nested.parquet", new[]
        {
            new NestedRow { ResourceId = "r1", SkuPriceDetails = new Sku { Meter = "Hours", Tier = 2 }, Zones = ["a", "b"] },
            new NestedRow { ResourceId = "r2", SkuPriceDetails = null, Zones = null },
            new NestedRow { ResourceId = "r3", SkuPriceDetails = new Sku { Meter = null, Tier = null }, Zones = [] },
        });

        using var reader = new ParquetFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["r1", "{\"Meter\":\"Hours\",\"Tier\":2}", "[\"a\",\"b\"]"], records[0]);
        Assert.Equal(["r2", "", ""], records[1]);
        Assert.Equal(["r3", "{\"Meter\":null,\"Tier\":null}", "[]"], records[2]);
    }

    [Fact]
    public async Task Parquet_SeveralRowGroups_AreReadInOrderWithContinuousLineNumbers()
    {
        var path = await WriteAsync("groups.parquet", Enumerable.Range(1, 2500).Select(i => new IdRow { Id = i }), new ParquetOptions { RowGroupSize = 1000 });
        await using (var check = await ParquetReader.CreateAsync(path))
            Assert.True(check.RowGroupCount > 1, $"the test needs several row groups, got {check.RowGroupCount}");

        using var reader = new ParquetFocusRecordReader(path);
        var lines = new List<long>();
        var records = ReadAll(reader, lines);

        Assert.Equal(2500, records.Count);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), records.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(2, 2500).Select(i => (long)i), lines);
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Parquet_EmptyFile_HasHeadersAndNoRecords()
    {
        var path = await WriteAsync("empty.parquet", Array.Empty<IdRow>());

        using var reader = new ParquetFocusRecordReader(path);

        Assert.Equal(["Id"], reader.Headers);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Parquet_GarbageBetweenMagicBytes_IsRejected()
    {
        var bytes = "PAR1"u8.ToArray().Concat(Enumerable.Range(0, 200).Select(i => (byte)(i * 31))).Concat("PAR1"u8.ToArray()).ToArray();
        var path = _dir.WriteBytes("garbage.parquet", bytes);

        var ex = Assert.Throws<FocusFileFormatException>(() => new ParquetFocusRecordReader(path));

        Assert.Contains("Parquet", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task Parquet_TruncatedFile_IsRejected()
    {
        var path = await WriteAsync("full.parquet", Enumerable.Range(1, 1000).Select(i => new IdRow { Id = i }));
        var bytes = await File.ReadAllBytesAsync(path);
        var truncated = _dir.WriteBytes("truncated.parquet", bytes[..(bytes.Length / 2)]);

        Assert.Throws<FocusFileFormatException>(() =>
        {
            using var reader = new ParquetFocusRecordReader(truncated);
            while (reader.Read())
            {
            }
        });
    }

    [Fact]
    public async Task Parquet_CorruptColumnData_IsRejectedWithTheColumnName()
    {
        var path = await WriteAsync("full.parquet", Enumerable.Range(1, 5000).Select(i => new CostRow { ServiceName = "service " + i, Hours = i }));
        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = 4; i < bytes.Length / 3; i++)
            bytes[i] = 0xFF; // the first column chunk starts right after the leading magic bytes
        var corrupt = _dir.WriteBytes("corrupt.parquet", bytes);

        var ex = Assert.Throws<FocusFileFormatException>(() =>
        {
            using var reader = new ParquetFocusRecordReader(corrupt);
            while (reader.Read())
            {
            }
        });

        Assert.Equal("ServiceName", ex.Column);
    }
}
