using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// The hash chain: hash = SHA-256(previous hash ‖ canonical record). The canonical form is every
/// stored column except the hash, each written as a length-prefixed UTF-8 string, so no two
/// different records can encode to the same bytes.
/// </summary>
public static class AuditChain
{
    public static readonly byte[] GenesisHash = new byte[32];

    /// <summary>
    /// A time as every provider stores it: whole microseconds (PostgreSQL's precision), so the time that is
    /// hashed or signed is exactly the one read back when the chain and its checkpoints are verified.
    /// </summary>
    public static DateTime StoredTime(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, AuditRecord r)
    {
        var buffer = new ArrayBufferWriterLite(512);
        buffer.Write(previousHash);
        Put(buffer, r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(buffer, r.ConsultaId.ToString("N"));
        Put(buffer, r.TimestampUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(buffer, r.InstitutionId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(buffer, r.AgreementId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(buffer, r.AccessLevelId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(buffer, r.EndUserCode);
        Put(buffer, r.Channel.ToString());
        Put(buffer, r.ClientIp);
        Put(buffer, r.QueryType.ToString());
        Put(buffer, r.SearchKeys);
        Put(buffer, r.DocumentNumber);
        Put(buffer, r.Purpose);
        Put(buffer, r.ConsentReference);
        Put(buffer, r.Result.ToString());
        Put(buffer, r.RefusalReason?.ToString());
        Put(buffer, r.DisclosedFields);
        Put(buffer, r.CertificateNumber);
        Put(buffer, r.CorrelationId);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    private static void Put(ArrayBufferWriterLite buffer, string? value)
    {
        Span<byte> len = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(len, -1);
            buffer.Write(len);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(len, count);
        buffer.Write(len);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    /// <summary>A minimal growable byte buffer (System.Buffers.ArrayBufferWriter without the interface overhead).</summary>
    private sealed class ArrayBufferWriterLite(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _written;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

        public void Write(ReadOnlySpan<byte> data)
        {
            data.CopyTo(GetSpan(data.Length));
            _written += data.Length;
        }

        public Span<byte> GetSpan(int size)
        {
            if (_written + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + size));
            return _buffer.AsSpan(_written, size);
        }

        public void Advance(int count) => _written += count;
    }
}
