namespace FinOps.Web.Hosting;

/// <summary>
/// A read-only view of an upload (API multipart section or browser file) that counts the bytes read, reports progress
/// at most every 64 KB, and stops past a size limit, so an upload can neither fill the disk nor run silently.
/// </summary>
public sealed class UploadStream(Stream inner, long limit, Action<long>? onProgress = null) : Stream
{
    private const long ReportEvery = 64 * 1024;
    private long _read;
    private long _reported;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new FileTooLargeException($"The file is larger than the limit of {limit:N0} bytes (FinOps:Ingestion:MaxUploadBytes).");
        }

        if (onProgress is not null && (read == 0 || _read - _reported >= ReportEvery))
        {
            _reported = _read;
            onProgress(_read);
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>An upload went past FinOps:Ingestion:MaxUploadBytes.</summary>
public sealed class FileTooLargeException(string message) : IOException(message);
