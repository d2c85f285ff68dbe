using System.Text;
using FinOps.Domain.Billing.Reading;

namespace FinOps.Tests.Domain.Billing.Reading;

public sealed class CsvFocusRecordReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<(long Line, string[] Fields)> ReadAll(IFocusRecordReader reader)
    {
        var records = new List<(long, string[])>();
        while (reader.Read())
        {
            var fields = new string[reader.Headers.Count];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.GetField(i).ToString();
            records.Add((reader.LineNumber, fields));
        }
        return records;
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\n", true)]
    [InlineData("\r\n", false)]
    [InlineData("\r\n", true)]
    [InlineData("\r", false)]
    public void Csv_AnyLineEndingWithOrWithoutBom_ReadsSameHeadersAndFields(string newline, bool bom)
    {
        var text = string.Join(newline, "BilledCost,ServiceName", "1.5,Compute", "2,Storage") + newline;
        var path = _dir.WriteText("a.csv", text, bom);

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["BilledCost", "ServiceName"], reader.Headers);
        Assert.Equal(2, records.Count);
        Assert.Equal(["1.5", "Compute"], records[0].Fields);
        Assert.Equal(["2", "Storage"], records[1].Fields);
        Assert.Equal([2L, 3L], records.Select(r => r.Line));
    }

    [Fact]
    public void Csv_LastRecordWithoutTrailingNewline_IsRead()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n3,4");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["3", "4"], records[^1].Fields);
    }

    [Fact]
    public void Csv_QuotedFieldWithCommasAndDoubledQuotes_IsOneUnescapedField()
    {
        var path = _dir.WriteText("a.csv", "Name,Tags\n\"a, b\",\"{\"\"env\"\": \"\"prod, eu\"\"}\"\n");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["a, b", "{\"env\": \"prod, eu\"}"], records[0].Fields);
    }

    [Fact]
    public void Csv_GetFieldTwice_ReturnsSameUnescapedText()
    {
        var path = _dir.WriteText("a.csv", "A,B\n\"x\"\"y\",2\n");

        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());

        Assert.Equal("x\"y", reader.GetField(0).ToString());
        Assert.Equal("x\"y", reader.GetField(0).ToString());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Csv_QuotedFieldWithNewline_KeepsTheNewlineInTheField(string newline)
    {
        var path = _dir.WriteText("a.csv", $"A,B{newline}1,\"first{newline}second\"{newline}");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal($"first{newline}second", records[0].Fields[1]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Csv_QuotedFieldWithNewline_ReportsStartLineOfNextRecord(string newline)
    {
        var text = string.Join(newline, "A,B", "1,\"x", "y", "z\"", "2,plain", "3,\"p", "q\"", "4,last") + newline;
        var path = _dir.WriteText("a.csv", text);

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal([2L, 5L, 6L, 8L], records.Select(r => r.Line));
        Assert.Equal(["1", "2", "3", "4"], records.Select(r => r.Fields[0]));
    }

    [Fact]
    public void Csv_HeaderNamesWithSpacesOrQuotes_AreTrimmed()
    {
        var path = _dir.WriteText("a.csv", " BilledCost ,\"ServiceName\", \"Tags\" \n1,2,3\n");

        using var reader = new CsvFocusRecordReader(path);

        Assert.Equal(["BilledCost", "ServiceName", "Tags"], reader.Headers);
    }

    [Fact]
    public void Csv_FieldValues_AreNotTrimmed()
    {
        var path = _dir.WriteText("a.csv", "A,B\n 1 ,x\n");

        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());

        Assert.Equal(" 1 ", reader.GetField(0).ToString());
    }

    [Fact]
    public void Csv_BlankLines_AreSkippedAndLineNumbersStayPhysical()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n\n3,4\n\n");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal([2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void Csv_GetFieldOutsideTheHeader_IsEmpty()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n");

        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());

        Assert.True(reader.GetField(2).IsEmpty);
        Assert.True(reader.GetField(-1).IsEmpty);
    }

    [Fact]
    public void Csv_GetFieldWithoutCurrentRecord_Throws()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n");
        using var reader = new CsvFocusRecordReader(path);

        Assert.Throws<InvalidOperationException>(() => reader.GetField(0).ToString());
        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetField(0).ToString());
    }

    [Fact]
    public void Csv_HeaderOnly_HasHeadersAndNoRecords()
    {
        var path = _dir.WriteText("a.csv", "A,B\n");

        using var reader = new CsvFocusRecordReader(path);

        Assert.Equal(["A", "B"], reader.Headers);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Csv_BytesRead_ReachesTotalBytesOfTheFileAtTheEnd()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n3,4\n");
        using var reader = new CsvFocusRecordReader(path);

        while (reader.Read())
        {
        }

        Assert.Equal(new FileInfo(path).Length, reader.TotalBytes);
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Csv_EmptyFile_IsRejectedAsHavingNoHeader(bool bom)
    {
        var path = _dir.WriteText("a.csv", "", bom);

        var ex = Assert.Throws<FocusFileFormatException>(() => new CsvFocusRecordReader(path));

        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Csv_BlankHeaderLine_IsRejected()
    {
        var path = _dir.WriteText("a.csv", "\n1,2\n");

        var ex = Assert.Throws<FocusFileFormatException>(() => new CsvFocusRecordReader(path));

        Assert.Contains("header", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData("BilledCost,ServiceName,BilledCost", "BilledCost")]
    [InlineData("BilledCost,ServiceName,billedcost", "billedcost")]
    [InlineData("BilledCost, BilledCost ", "BilledCost")]
    public void Csv_DuplicateHeaderNamesIgnoringCase_AreRejectedWithTheName(string header, string duplicate)
    {
        var path = _dir.WriteText("a.csv", header + "\n1,2,3\n");

        var ex = Assert.Throws<FocusFileFormatException>(() => new CsvFocusRecordReader(path));

        Assert.Equal(1, ex.Line);
        Assert.Equal(duplicate, ex.Column);
        Assert.Contains("duplicate", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(duplicate, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RecordWithFewerFields_IsRejectedWithLineAndFirstMissingColumn()
    {
        var path = _dir.WriteText("a.csv", "A,B,C\n1,2,3\n\"multi\nline\",2,3\n4,5\n");
        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());
        Assert.True(reader.Read());

        var ex = Assert.Throws<FocusFileFormatException>(() => reader.Read());

        Assert.Equal(5, ex.Line);
        Assert.Equal("C", ex.Column);
        Assert.Contains("Line 5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'C'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RecordWithMoreFields_IsRejectedWithLine()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n3,4,5\n");
        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());

        var ex = Assert.Throws<FocusFileFormatException>(() => reader.Read());

        Assert.Equal(3, ex.Line);
        Assert.Contains("Line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 fields", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_UnterminatedQuote_IsRejectedAtTheLineAndColumnWhereItStarts()
    {
        // Sep does not detect it: the quoted field runs to the end of the file, with as many fields as the header.
        var path = _dir.WriteText("a.csv", "A,B\n1,2\n3,\"open\n5,6\n7,8\n");
        using var reader = new CsvFocusRecordReader(path);
        Assert.True(reader.Read());

        var ex = Assert.Throws<FocusFileFormatException>(() => reader.Read());

        Assert.Equal(3, ex.Line);
        Assert.Equal("B", ex.Column);
        Assert.Contains("unterminated quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_UnterminatedQuoteWithoutTrailingNewline_IsRejected()
    {
        var path = _dir.WriteText("a.csv", "A,B\n1,\"open");
        using var reader = new CsvFocusRecordReader(path);

        var ex = Assert.Throws<FocusFileFormatException>(() => reader.Read());

        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Csv_UnterminatedQuoteInALongFile_StopsAtTheRecordLengthLimitInsteadOfBufferingTheRest()
    {
        var text = new StringBuilder("A,B\n1,2\n3,\"never closed\n");
        for (var i = 0; i < 20_000; i++)
            text.Append(i).Append(",value number ").Append(i).Append('\n');
        var path = _dir.WriteText("a.csv", text.ToString());
        using var reader = new CsvFocusRecordReader(path, maxRecordChars: 64 * 1024);
        Assert.True(reader.Read());

        var ex = Assert.Throws<FocusFileFormatException>(() => reader.Read());

        Assert.Equal(3, ex.Line);
        Assert.Contains("unterminated quote", ex.Message, StringComparison.Ordinal);
        Assert.True(reader.BytesRead < reader.TotalBytes, $"read {reader.BytesRead} of {reader.TotalBytes} bytes");
    }

    [Fact]
    public void Csv_LongRecordsUnderTheLimit_AreRead()
    {
        var longValue = new string('x', 100_000);
        var text = new StringBuilder("A,B\n");
        for (var i = 0; i < 5; i++)
            text.Append(i).Append(",\"").Append(longValue).Append("\"\n");
        var path = _dir.WriteText("a.csv", text.ToString());
        using var reader = new CsvFocusRecordReader(path, maxRecordChars: 300_000);

        var records = ReadAll(reader);

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal(longValue, r.Fields[1]));
    }

    [Fact]
    public void Csv_InvalidUtf8_IsRejected()
    {
        var bytes = Encoding.ASCII.GetBytes("A,B\n1,caf").Concat(new byte[] { 0xE9, 0x0A }).ToArray(); // Latin-1 é
        var path = _dir.WriteBytes("a.csv", bytes);

        var ex = Assert.Throws<FocusFileFormatException>(() =>
        {
            using var reader = new CsvFocusRecordReader(path);
            while (reader.Read())
            {
            }
        });

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_NonAsciiUtf8_IsDecoded()
    {
        var path = _dir.WriteText("a.csv", "Name,Region\nCafé ☁,Zürich\n");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["Café ☁", "Zürich"], records[0].Fields);
    }

    [Theory]
    [InlineData("billing.csv.gz")]
    [InlineData("billing.csv")]
    [InlineData("billing")]
    public void CsvGzip_DetectedByMagicBytesWhateverTheName_ReadsLikePlainCsv(string name)
    {
        var path = _dir.WriteGzip(name, "\uFEFFA,B\r\n1,\"x\r\ny\"\r\n2,z\r\n");

        using var reader = new CsvFocusRecordReader(path);
        var records = ReadAll(reader);

        Assert.Equal(["A", "B"], reader.Headers);
        Assert.Equal(["1", "x\r\ny"], records[0].Fields);
        Assert.Equal([2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void CsvGzip_BytesRead_CountsCompressedBytesOfTheFile()
    {
        var random = new Random(42);
        var text = new StringBuilder("Id,Service,Cost\n");
        const int rows = 200_000;
        for (var i = 0; i < rows; i++)
            text.Append(i).Append(",Amazon Elastic Compute Cloud,").Append(random.Next(1000)).Append('\n');
        var path = _dir.WriteGzip("big.csv.gz", text.ToString());
        var compressedLength = new FileInfo(path).Length;
        using var reader = new CsvFocusRecordReader(path);

        var progress = new List<long>();
        var count = 0;
        while (reader.Read())
        {
            if (++count % (rows / 4) == 0)
                progress.Add(reader.BytesRead);
        }

        Assert.Equal(compressedLength, reader.TotalBytes);
        Assert.Equal(compressedLength, reader.BytesRead);
        // Half way through the records, about half of the compressed file has been consumed
        // (decompressed bytes would already exceed the whole compressed file).
        var halfWay = progress[1];
        Assert.InRange(halfWay, compressedLength * 0.3, compressedLength * 0.7);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public void CsvGzip_CorruptCompressedData_IsRejected()
    {
        var valid = File.ReadAllBytes(_dir.WriteGzip("ok.csv.gz", "A,B\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i * 7}\n"))));
        for (var i = 20; i < valid.Length - 8; i++)
            valid[i] ^= 0x5A;
        var path = _dir.WriteBytes("bad.csv.gz", valid);

        Assert.Throws<FocusFileFormatException>(() =>
        {
            using var reader = new CsvFocusRecordReader(path);
            while (reader.Read())
            {
            }
        });
    }
}
