using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// The hash chain: hash = SHA-256(previous hash ‖ canonical record). The canonical form is the hashed columns of
/// the record's encoding version (<see cref="AuditColumns.Hashed"/>), in <see cref="AuditColumns.All"/> order,
/// each length-prefixed, so no two different records can encode to the same bytes.
/// <list type="bullet">
/// <item>Version 1: every column of the first release (not the hash), each as a UTF-8 string (integers in
/// invariant decimal, the consultaId as 32 hex digits, the time as .NET ticks, enums by name).</item>
/// <item>Version 2: version 1's columns, then the document type and complement, the answer digest (raw bytes),
/// the version number itself, then the subjects: their count and, ordered by person id, each person id and kind.</item>
/// </list>
/// A value is a big-endian 32-bit length followed by its bytes; null is the length -1 alone.
/// </summary>
public static class AuditChain
{
    public static readonly byte[] GenesisHash = new byte[32];

    /// <summary>
    /// A time as every provider stores it: whole microseconds (PostgreSQL's precision), so the time that is
    /// hashed or signed is exactly the one read back when the chain and its checkpoints are verified.
    /// </summary>
    public static DateTime StoredTime(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    [ThreadStatic] private static CanonicalWriter? ThreadWriter;

    /// <summary>The record's hash in its own encoding version (<see cref="AuditRecord.HashVersion"/>).</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, AuditRecord r)
    {
        // One buffer per thread, reused: the writer hashes every record of the bitácora on one thread.
        var w = ThreadWriter ??= new CanonicalWriter(512);
        w.Reset();
        w.Write(previousHash);
        foreach (var column in AuditColumns.Hashed(r.HashVersion)) column.Canonical!(r, w);
        if (r.HashVersion >= AuditChainVersion.WithSubjects)
        {
            w.Put(r.Subjects.Count);
            foreach (var s in r.Subjects)
            {
                w.Put(s.PersonId);
                w.Put(s.Kind.ToCode());
            }
        }
        return SHA256.HashData(w.WrittenSpan);
    }
}

/// <summary>The canonical encoding's byte buffer: length-prefixed UTF-8 values, see <see cref="AuditChain"/>.</summary>
public sealed class CanonicalWriter(int capacity)
{
    private byte[] buffer = new byte[capacity];
    private int written;

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, written);

    public void Reset() => written = 0;

    public void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        written += data.Length;
    }

    public void Put(string? value)
    {
        if (value is null)
        {
            Length(-1);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        Length(count);
        Encoding.UTF8.GetBytes(value, GetSpan(count));
        written += count;
    }

    /// <summary>An integer as its invariant decimal text (the same bytes as <c>ToString(InvariantCulture)</c>, without the string).</summary>
    public void Put(long? value)
    {
        if (value is not { } v)
        {
            Length(-1);
            return;
        }
        Span<byte> text = stackalloc byte[20];
        v.TryFormat(text, out var count, default, CultureInfo.InvariantCulture);
        Length(count);
        Write(text[..count]);
    }

    /// <summary>A GUID as 32 lower-case hex digits (<c>ToString("N")</c>).</summary>
    public void Put(Guid value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var count, "N");
        Length(count);
        Write(text[..count]);
    }

    public void Put(byte[]? value)
    {
        if (value is null)
        {
            Length(-1);
            return;
        }
        Length(value.Length);
        Write(value);
    }

    private void Length(int length)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, length);
        Write(len);
    }

    private Span<byte> GetSpan(int size)
    {
        if (written + size > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, written + size));
        return buffer.AsSpan(written, size);
    }
}
