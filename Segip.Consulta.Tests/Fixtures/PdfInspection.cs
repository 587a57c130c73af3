using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Reads a generated PDF the way an outside party would: its text, its QR code and poppler's signature check.</summary>
public static class PdfInspection
{
    /// <summary>Every page's words joined by single spaces (page.Text drops spaces), pages separated by a newline.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public static int ImageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.GetImages().Count());
    }

    /// <summary>Decodes every QR code drawn in the PDF from the embedded image samples.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var found = new List<string>();
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, TryInverted = true },
        };
        var pureReader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = true },
        };
        foreach (var image in document.GetPages().SelectMany(p => p.GetImages()))
        {
            if (!image.TryGetBytesAsMemory(out var memory)) continue;
            var (w, h) = (image.WidthInSamples, image.HeightInSamples);
            var samples = image.BitsPerComponent == 1 ? Unpack(memory.Span, w, h) : memory.ToArray();
            var format = samples.Length == w * h * 3 ? RGBLuminanceSource.BitmapFormat.RGB24
                : samples.Length == w * h ? RGBLuminanceSource.BitmapFormat.Gray8 : (RGBLuminanceSource.BitmapFormat?)null;
            if (format is null) continue;
            var source = new RGBLuminanceSource(samples, w, h, format.Value);
            // ZXing's finder-pattern search misses about 1 in 200 perfectly valid synthetic codes (pixel-exact
            // modules); the image is the bare code with its quiet zone, so the pure-barcode reader is the fallback.
            if ((reader.Decode(source) ?? pureReader.Decode(source)) is { } result) found.Add(result.Text);
        }
        return found;
    }

    /// <summary>PDFsharp stores a two-colour image as 1 bit per pixel, rows padded to a byte; spread to one byte per pixel.</summary>
    private static byte[] Unpack(ReadOnlySpan<byte> packed, int width, int height)
    {
        var stride = (width + 7) / 8;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                pixels[y * width + x] = (packed[y * stride + x / 8] & (0x80 >> (x % 8))) != 0 ? (byte)255 : (byte)0;
        return pixels;
    }

    /// <summary>Runs poppler's pdfsig (scripts/test.sh installs poppler-utils) and returns its report.</summary>
    public static async Task<string> PdfsigAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segip-cert-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var result = await ExternalProgram.RunAsync("pdfsig", [path]);
            return result.Output + result.Errors;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
