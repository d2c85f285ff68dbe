namespace FinOps.Domain.Billing.Reading;

/// <summary>
/// Wraps the text source of the CSV parser and fails when more than <c>maxPendingChars</c> characters have been
/// requested since the last record was completed. The parser buffers a whole record, so this bounds memory even when
/// an unterminated quote would otherwise turn the rest of a huge file into one record.
/// </summary>
internal sealed class RecordLengthGuardTextReader(TextReader inner, int maxPendingChars) : TextReader
{
    private long _charsRead;
    private long _charsAtLastRecord;

    /// <summary>The line after the last completed record, for the error message.</summary>
    public long NextRecordLine { get; private set; } = 1;

    /// <summary>Called by the CSV reader each time a record has been produced.</summary>
    public void RecordCompleted(long nextRecordLine)
    {
        _charsAtLastRecord = _charsRead;
        NextRecordLine = nextRecordLine;
    }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var value = inner.Read();
        if (value >= 0)
            Advance(1);
        return value;
    }

    public override int Read(char[] buffer, int index, int count) => Advance(inner.Read(buffer, index, count));

    public override int Read(Span<char> buffer) => Advance(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        Advance(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(char[] buffer, int index, int count) =>
        Advance(await inner.ReadAsync(buffer.AsMemory(index, count)));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        _charsRead += read;
        if (_charsRead - _charsAtLastRecord > maxPendingChars)
        {
            throw new FocusFileFormatException(
                $"Line {NextRecordLine}: a record is longer than {maxPendingChars:N0} characters; the file probably has an unterminated quote.",
                NextRecordLine);
        }
        return read;
    }
}
