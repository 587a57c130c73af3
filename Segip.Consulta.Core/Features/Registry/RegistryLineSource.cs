namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Reads a stream as lines of UTF-8 bytes, ending at \n, \r or \r\n like <see cref="StreamReader.ReadLine()"/>,
/// without decoding them to strings. A returned line is valid until the next call.
/// </summary>
internal sealed class RegistryLineSource(Stream stream)
{
    private byte[] buffer = new byte[1 << 20];
    private int start, end;
    private bool endOfStream, skipLineFeed;
    private long consumed;

    /// <summary>1-based number of the last line returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the stream consumed by the lines returned so far.</summary>
    public long Position => consumed;

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            if (skipLineFeed && start < end)
            {
                skipLineFeed = false;
                if (buffer[start] == '\n') Consume(1);
            }
            var pending = buffer.AsSpan(start, end - start);
            var i = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                line = pending[..i];
                if (pending[i] == '\r')
                {
                    if (i + 1 < pending.Length) Consume(i + (pending[i + 1] == '\n' ? 2 : 1));
                    else
                    {
                        Consume(i + 1);
                        skipLineFeed = true;
                    }
                }
                else Consume(i + 1);
                LineNumber++;
                return true;
            }
            if (endOfStream)
            {
                if (pending.Length == 0)
                {
                    line = default;
                    return false;
                }
                line = pending;
                Consume(pending.Length);
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    private void Consume(int count)
    {
        start += count;
        consumed += count;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0) endOfStream = true;
        else end += read;
    }
}
