namespace FinOps.Domain.Billing.Reading;

/// <summary>
/// Streams the records of one billing file (FOCUS CSV, CSV.gz or Parquet) as text fields, with bounded memory
/// whatever the file size. It does not interpret values: null markers, numbers and dates are the caller's.
/// </summary>
public interface IFocusRecordReader : IDisposable
{
    /// <summary>The header names as they appear in the file (trimmed, BOM removed), in file order.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    /// <exception cref="FocusFileFormatException">The file is malformed at this point (with its line).</exception>
    bool Read();

    /// <summary>Where the current record starts: the 1-based line in a CSV file (the header is line 1); for Parquet,
    /// the 1-based row number plus one, so that messages read the same way.</summary>
    long LineNumber { get; }

    /// <summary>The current record's field at the header's index, unquoted and unescaped; empty when the record is short.</summary>
    ReadOnlySpan<char> GetField(int index);

    /// <summary>How far into the file the reader is, in bytes of the file on disk (compressed bytes for .gz), for progress.</summary>
    long BytesRead { get; }

    /// <summary>The size of the file on disk in bytes.</summary>
    long TotalBytes { get; }
}

/// <summary>A file that cannot be read as FOCUS data: malformed CSV, an unreadable Parquet file, no header.</summary>
public sealed class FocusFileFormatException(string message, long? line = null, string? column = null, Exception? inner = null)
    : Exception(message, inner)
{
    public long? Line { get; } = line;
    public string? Column { get; } = column;
}
