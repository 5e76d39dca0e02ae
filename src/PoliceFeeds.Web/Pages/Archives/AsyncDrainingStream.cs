namespace PoliceFeeds.Web.Pages.Archives;

/// <summary>
/// A write-only stream in front of the response for <see cref="System.IO.Compression.ZipArchive"/>. Kestrel refuses
/// synchronous writes, and .NET 10's ZipArchive still writes a few synchronously (the end of each compressed entry when
/// its stream is disposed, its data descriptor): those are kept here and go out, in order, before the next asynchronous
/// write or at <see cref="DrainAsync"/>. The bytes held are those of one entry's end (a few kilobytes), never the archive.
/// </summary>
public sealed class AsyncDrainingStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _position;

    /// <summary>The most bytes ever held at once (checked by the tests and the benchmark).</summary>
    public long MaxPending { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Sends the bytes written synchronously since the last drain.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        _pending.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _position += buffer.Length;
        MaxPending = Math.Max(MaxPending, _pending.Length);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing: what is pending goes out at the next asynchronous write or flush.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
