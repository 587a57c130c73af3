namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Reads a stream as CSV records of UTF-8 bytes, ending at \n, \r or \r\n outside quotes, without decoding
/// them to strings. A returned record is valid until the next call.
/// </summary>
internal sealed class RegistryLineSource(Stream stream)
{
    private byte[] buffer = new byte[1 << 20];
    private int start, end;
    private bool endOfStream, skipLineFeed;
    private long consumed;

    private long nextLine = 1;

    /// <summary>1-based number of the (first) line of the last record returned.</summary>
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
            var i = RecordEnd(pending, out var embeddedBreaks);
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
                LineNumber = nextLine;
                nextLine += 1 + embeddedBreaks;
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
                LineNumber = nextLine++;
                return true;
            }
            Fill();
        }
    }

    /// <summary>
    /// Where the record ends: the first line break outside quotes (RFC 4180: a quoted field may hold line
    /// breaks, as generate-registry writes them). -1 when none is in the buffer yet.
    /// </summary>
    private static int RecordEnd(ReadOnlySpan<byte> pending, out int embeddedBreaks)
    {
        embeddedBreaks = 0;
        var quotes = 0;
        var from = 0;
        while (true)
        {
            var found = pending[from..].IndexOfAny((byte)'\n', (byte)'\r');
            if (found < 0) return -1;
            var at = from + found;
            quotes += pending[from..at].Count((byte)'"');
            if (quotes % 2 == 0) return at;
            embeddedBreaks++;
            from = pending[at] == '\r' && at + 1 < pending.Length && pending[at + 1] == '\n' ? at + 2 : at + 1;
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
