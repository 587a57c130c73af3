using System.Buffers.Binary;
using System.IO.Compression;

namespace Segip.Consulta.Core.Common;

/// <summary>
/// Draws small RGB PNG images (a portrait silhouette, a signature stroke) for the synthetic registry,
/// so demo persons at level 4 have a photo and signature without shipping anyone's real picture.
/// </summary>
public static class PlaceholderImage
{
    public static byte[] Portrait(int seed)
    {
        const int w = 90, h = 110;
        var rng = new Random(seed);
        var bg = ((byte)(200 + rng.Next(40)), (byte)(210 + rng.Next(30)), (byte)(225 + rng.Next(30)));
        var skin = ((byte)(140 + rng.Next(60)), (byte)(100 + rng.Next(40)), (byte)(70 + rng.Next(30)));
        return Draw(w, h, (x, y) =>
        {
            var head = Sq(x - 45) / 400.0 + Sq(y - 42) / 576.0 <= 1;
            var body = y > 72 && Sq(x - 45) / 1600.0 + Sq(y - 118) / 1600.0 <= 1;
            return head || body ? skin : bg;
        });
    }

    public static byte[] Signature(int seed)
    {
        const int w = 160, h = 50;
        var rng = new Random(seed);
        var amp = 8 + rng.Next(8);
        var freq = 0.08 + rng.NextDouble() * 0.1;
        return Draw(w, h, (x, y) =>
        {
            var curve = 25 + amp * Math.Sin(x * freq) * Math.Cos(x * freq / 3);
            return Math.Abs(y - curve) < 1.6 && x > 10 && x < 150 ? ((byte)20, (byte)30, (byte)110) : ((byte)255, (byte)255, (byte)255);
        });
    }

    private static int Sq(int v) => v * v;

    private static byte[] Draw(int w, int h, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var raw = new byte[h * (1 + w * 3)];
        var i = 0;
        for (var y = 0; y < h; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < w; x++)
            {
                var (r, g, b) = pixel(x, y);
                raw[i++] = r; raw[i++] = g; raw[i++] = b;
            }
        }
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, w);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), h);
        header[8] = 8; header[9] = 2; // 8-bit RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu);
        s.Write(len);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(uint crc, byte[] data)
    {
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
