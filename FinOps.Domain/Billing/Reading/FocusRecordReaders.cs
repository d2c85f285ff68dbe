namespace FinOps.Domain.Billing.Reading;

/// <summary>The billing file formats a <see cref="IFocusRecordReader"/> can read.</summary>
public enum FocusFileFormat
{
    /// <summary>Plain CSV text.</summary>
    Csv,
    /// <summary>Gzip-compressed CSV (magic bytes 1F 8B).</summary>
    CsvGzip,
    /// <summary>Apache Parquet (magic bytes "PAR1").</summary>
    Parquet,
}

/// <summary>Opens the right reader for a billing file, chosen by the file's content, never by its extension.</summary>
public static class FocusRecordReaders
{
    /// <summary>Detects the format from the first bytes: "PAR1" is Parquet, 1F 8B is gzip-compressed CSV, anything else CSV.</summary>
    public static FocusFileFormat DetectFormat(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        int read;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            read = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (read == 4 && magic.SequenceEqual("PAR1"u8))
            return FocusFileFormat.Parquet;
        if (read >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            return FocusFileFormat.CsvGzip;
        return FocusFileFormat.Csv;
    }

    /// <summary>Opens a reader for the file, positioned before its first record.</summary>
    /// <exception cref="FocusFileFormatException">The file cannot be read as FOCUS data (no header, corrupt Parquet, ...).</exception>
    public static IFocusRecordReader Open(string path) => DetectFormat(path) switch
    {
        FocusFileFormat.Parquet => new ParquetFocusRecordReader(path),
        _ => new CsvFocusRecordReader(path),
    };
}
