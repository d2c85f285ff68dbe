using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace FinOps.Domain.Billing.Reading;

/// <summary>
/// Streams a FOCUS CSV file (comma-separated, RFC 4180 quoting, UTF-8 with or without BOM, CRLF/LF/CR line ends), plain
/// or gzip-compressed (detected by its magic bytes 1F 8B, whatever the extension). Memory is bounded by one record.
/// </summary>
/// <remarks>
/// Blank lines are skipped. <see cref="LineNumber"/> is the physical line where the record starts (the header is
/// line 1), correct after records with quoted line breaks. Fields are unquoted and unescaped, not trimmed.
/// An unterminated quote swallows the rest of the file; it is reported as a <see cref="FocusFileFormatException"/> at the
/// line of the record where it starts, or, if that record grows beyond the record length limit first, at that line.
/// </remarks>
public sealed class CsvFocusRecordReader : IFocusRecordReader
{
    /// <summary>The longest record accepted, in characters (a safeguard for memory; real FOCUS records are a few KB).</summary>
    public const int DefaultMaxRecordChars = 16 * 1024 * 1024;

    private readonly FileStream _file;
    private readonly CountingStream _counter;
    private readonly RecordLengthGuardTextReader _text;
    private readonly SepReader _sep;
    private readonly string[] _headers;
    private bool _hasRecord;
    private bool _finished;

    /// <summary>Opens the file and reads its header.</summary>
    /// <exception cref="FocusFileFormatException">The file is empty, has no header or has duplicate column names.</exception>
    public CsvFocusRecordReader(string path)
        : this(path, DefaultMaxRecordChars)
    {
    }

    internal CsvFocusRecordReader(string path, int maxRecordChars)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            TotalBytes = _file.Length;
            _counter = new CountingStream(_file);
            Stream decoded = IsGzip(_file) ? new GZipStream(_counter, CompressionMode.Decompress) : _counter;
            var utf8 = new StreamReader(decoded, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            _text = new RecordLengthGuardTextReader(utf8, maxRecordChars);
            // The header is read as the first row (HasHeader = false) so that this class, not Sep, validates the
            // names and the field counts and words the errors.
            var options = Sep.Reader(o => o with
            {
                Sep = new Sep(','),
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
            });
            _sep = TranslateErrors(() => options.From(_text));
            _headers = ReadHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Headers => _headers;

    /// <inheritdoc />
    public long LineNumber { get; private set; }

    /// <inheritdoc />
    public long BytesRead => _finished ? TotalBytes : Math.Min(_counter.BytesRead, TotalBytes);

    /// <inheritdoc />
    public long TotalBytes { get; }

    /// <inheritdoc />
    public bool Read()
    {
        _hasRecord = false;
        while (MoveNextRow())
        {
            var row = _sep.Current;
            LineNumber = row.LineNumberFrom;
            _text.RecordCompleted(row.LineNumberToExcl);
            var raw = row.Span;
            if (row.ColCount == 1 && raw.IsEmpty)
                continue; // blank line
            if ((raw.Count('"') & 1) != 0)
            {
                var column = row.ColCount - 1 < _headers.Length ? _headers[row.ColCount - 1] : null;
                throw new FocusFileFormatException(
                    $"Line {LineNumber}: unterminated quote{(column is null ? "" : $" in column '{column}'")}; the quoted field runs to the end of the file.",
                    LineNumber,
                    column);
            }
            if (row.ColCount != _headers.Length)
                throw FieldCountMismatch(row.ColCount);
            _hasRecord = true;
            return true;
        }
        _finished = true;
        return false;
    }

    /// <inheritdoc />
    public ReadOnlySpan<char> GetField(int index)
    {
        if (!_hasRecord)
            throw new InvalidOperationException("There is no current record: call Read() first and check that it returned true.");
        var row = _sep.Current;
        return (uint)index < (uint)row.ColCount ? row[index].Span : [];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sep?.Dispose();
        _text?.Dispose();
        _counter?.Dispose();
        _file.Dispose();
    }

    internal static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private string[] ReadHeader()
    {
        if (!MoveNextRow())
            throw new FocusFileFormatException("The file is empty: a FOCUS CSV file starts with a header line.", 1);
        var row = _sep.Current;
        // Sep 0.17.1 reports LineNumberFrom = 2 for the first row when HasHeader = false (later rows are right);
        // the header is the first row, so it starts on line 1.
        LineNumber = 1;
        _text.RecordCompleted(Math.Max(2, row.LineNumberToExcl));
        if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
            throw new FocusFileFormatException($"Line {LineNumber}: the header line is empty.", LineNumber);
        if ((row.Span.Count('"') & 1) != 0)
            throw new FocusFileFormatException($"Line {LineNumber}: unterminated quote in the header.", LineNumber);
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
            names[i] = FocusHeaders.Normalize(row[i].Span);
        FocusHeaders.EnsureUnique(names, LineNumber);
        return names;
    }

    private bool MoveNextRow()
    {
        try
        {
            return _sep.MoveNext();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or InvalidDataException)
        {
            throw TranslateError(ex);
        }
    }

    /// <summary>Sep parses ahead (already when created): decoding and decompression errors surface from its calls.</summary>
    private T TranslateErrors<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or InvalidDataException)
        {
            throw TranslateError(ex);
        }
    }

    private FocusFileFormatException TranslateError(Exception ex) => ex is DecoderFallbackException
        ? new FocusFileFormatException($"Near line {_text.NextRecordLine}: the file is not valid UTF-8 text.", _text.NextRecordLine, null, ex)
        // Corrupt gzip data (with the column count check disabled, Sep itself does not throw it).
        : new FocusFileFormatException($"Near line {_text.NextRecordLine}: the compressed data is corrupt ({ex.Message}).", _text.NextRecordLine, null, ex);

    private FocusFileFormatException FieldCountMismatch(int found)
    {
        if (found < _headers.Length)
        {
            var missing = _headers[found];
            return new FocusFileFormatException(
                $"Line {LineNumber}: the record has {found} fields but the header has {_headers.Length}; column '{missing}' and those after it are missing.",
                LineNumber,
                missing);
        }
        return new FocusFileFormatException(
            $"Line {LineNumber}: the record has {found} fields but the header has {_headers.Length} (extra fields after column '{_headers[^1]}').",
            LineNumber);
    }
}
