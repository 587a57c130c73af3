using System.Text;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>One row of a <see cref="RegistryBatch"/>: where it came from and, if valid, its keys.</summary>
internal struct RegistryRecord
{
    public long LineNumber;
    /// <summary>The row as read (UTF-8, in <see cref="RegistryBatch.Data"/>), for the reject report.</summary>
    public int LineStart, LineLength;
    /// <summary>Why the row was rejected; null when it is valid.</summary>
    public string? Error;
    public long PersonId, DocumentId;
    public bool IsDeceased;
}

/// <summary>
/// Rows parsed from a registry file, ready to be written: the UTF-8 bytes of every value exactly as it is
/// stored, and per row where each value lies. No string is made per field, so parsing keeps up with the
/// database on the other core.
/// </summary>
internal sealed class RegistryBatch(int capacity)
{
    /// <summary>Slots 0–24 are the file's columns (<see cref="RegistryCsvFormat.Columns"/>); 25 is the person's search name.</summary>
    public const int SearchNameSlot = 25;
    public const int Slots = 26;

    private int[] spans = new int[capacity * Slots * 2];

    public byte[] Data { get; private set; } = new byte[capacity * 256];
    public int DataLength { get; private set; }
    public RegistryRecord[] Records { get; } = new RegistryRecord[capacity];
    public int Count { get; set; }
    /// <summary>Bytes of the file consumed once this batch was filled (for progress).</summary>
    public long Position { get; set; }
    public bool IsFull => Count == Records.Length;

    public void Clear()
    {
        Count = 0;
        DataLength = 0;
    }

    /// <summary>Copies bytes to the end of <see cref="Data"/> and returns where they start.</summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        var start = Reserve(bytes.Length);
        bytes.CopyTo(Data.AsSpan(start));
        return start;
    }

    /// <summary>Makes room for <paramref name="length"/> bytes at the end of <see cref="Data"/> and returns where they start.</summary>
    public int Reserve(int length)
    {
        if (DataLength + length > Data.Length)
        {
            var bigger = new byte[Math.Max(Data.Length * 2, DataLength + length)];
            Data.AsSpan(0, DataLength).CopyTo(bigger);
            Data = bigger;
        }
        var start = DataLength;
        DataLength += length;
        return start;
    }

    /// <summary>Gives back the unused end of the last <see cref="Reserve"/>.</summary>
    public void Truncate(int length) => DataLength = length;

    public void Set(int record, int slot, int start, int length)
    {
        var i = (record * Slots + slot) * 2;
        spans[i] = start;
        spans[i + 1] = length;
    }

    public void SetNull(int record, int slot) => Set(record, slot, 0, -1);

    public bool IsNull(int record, int slot) => spans[(record * Slots + slot) * 2 + 1] < 0;

    /// <summary>The value's bytes; empty for NULL (see <see cref="IsNull"/>).</summary>
    public ReadOnlySpan<byte> Value(int record, int slot)
    {
        var i = (record * Slots + slot) * 2;
        var length = spans[i + 1];
        return length < 0 ? default : Data.AsSpan(spans[i], length);
    }

    /// <summary>The value's bytes as memory (for writers that hand them on without copying); empty for NULL.</summary>
    public ReadOnlyMemory<byte> ValueMemory(int record, int slot)
    {
        var i = (record * Slots + slot) * 2;
        var length = spans[i + 1];
        return length < 0 ? default : Data.AsMemory(spans[i], length);
    }

    public string? Text(int record, int slot) => IsNull(record, slot) ? null : Encoding.UTF8.GetString(Value(record, slot));

    public string Line(int record) => Encoding.UTF8.GetString(Data, Records[record].LineStart, Records[record].LineLength);
}
