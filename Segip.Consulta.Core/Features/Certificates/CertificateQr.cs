using QRCoder;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>The verification URL and the QR code that carries it.</summary>
public static class CertificateQr
{
    /// <summary>Where anyone checks a certificate: {base}/verificar/{XXXX-XXXX-XXXX-XXXX}.</summary>
    public static string VerificationUrl(string baseUrl, string canonicalCode) =>
        $"{baseUrl.TrimEnd('/')}/verificar/{VerificationCode.Display(canonicalCode)}";

    /// <summary>
    /// An RGB PNG: PDFsharp refuses QRCoder's default greyscale PNG, so both colours are explicit.
    /// Level M survives a crease or a stain on a printed page.
    /// </summary>
    public static byte[] Png(string payload, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, [0, 0, 0], [255, 255, 255]);
    }
}
