using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core.Features.Pdf;

/// <summary>
/// The current A4 page of a SEGIP document, its graphics and the vertical cursor; adds pages as content
/// flows. Shared by the query certificate and the citizen's report, so both look and sign alike.
/// </summary>
internal sealed class PdfCanvas
{
    public const double Margin = 50;
    public const double PageWidth = 595.28, PageHeight = 841.89;
    public const double ContentWidth = PageWidth - 2 * Margin;
    public const double FooterTop = PageHeight - 40;
    public const double LabelWidth = 170;
    public const double SignatureBoxHeight = 48;

    public static readonly XSolidBrush Brand = new(XColor.FromArgb(0x0b, 0x4f, 0x8a));

    private static readonly Lazy<byte[]> Logo = new(() =>
    {
        using var s = typeof(PdfCanvas).Assembly.GetManifestResourceStream("Segip.Consulta.Core.Images.segip-logo.png")!;
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    });

    private readonly PdfDocument document;
    private readonly string footerTitle;
    private readonly Dictionary<(double, bool), XFont> fonts = [];
    public XGraphics Graphics { get; private set; } = default!;
    public double Y { get; set; }

    /// <param name="footerTitle">Printed at the foot of every page, e.g. "Certificado de consulta CERT-2026-000001".</param>
    public PdfCanvas(PdfDocument document, string footerTitle)
    {
        PdfFonts.EnsureRegistered();
        this.document = document;
        this.footerTitle = footerTitle;
        NewPage();
    }

    public XFont Regular(double size) => Font(size, false);
    public XFont Bold(double size) => Font(size, true);

    private XFont Font(double size, bool bold)
    {
        if (!fonts.TryGetValue((size, bold), out var font))
            fonts[(size, bold)] = font = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));
        return font;
    }

    private void NewPage()
    {
        Graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        Graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    /// <summary>SEGIP's logo and name, a rule, the document's title and number centred, then one centred grey line.</summary>
    public void Letterhead(string title, string number, string subtitle)
    {
        DrawImage(Logo.Value, Margin, Margin - 10, 52, 52);
        Graphics.DrawString("Servicio General de Identificación Personal", Bold(13), XBrushes.Black, Margin + 64, Margin + 10);
        Graphics.DrawString("SEGIP · Estado Plurinacional de Bolivia", Regular(10), XBrushes.DimGray, Margin + 64, Margin + 26);
        Graphics.DrawString("Sistema de consulta interinstitucional", Regular(10), XBrushes.DimGray, Margin + 64, Margin + 39);
        Y = Margin + 52;
        Rule();
        Y += 26;
        Graphics.DrawString(title, Bold(18), Brand, new XRect(Margin, Y - 18, ContentWidth, 24), XStringFormats.TopCenter);
        Y += 22;
        Graphics.DrawString($"N° {number}", Bold(12), XBrushes.Black, new XRect(Margin, Y - 12, ContentWidth, 16), XStringFormats.TopCenter);
        Y += 16;
        Graphics.DrawString(subtitle, Regular(9), XBrushes.DimGray, new XRect(Margin, Y - 10, ContentWidth, 14), XStringFormats.TopCenter);
        Y += 18;
    }

    /// <summary>
    /// The QR and code with how to check them (<paramref name="what"/>: "este certificado", "este reporte");
    /// returns where the visible signature goes (PDF coordinates, origin bottom-left).
    /// </summary>
    public XRect Verification(string canonicalCode, string url, string what)
    {
        const double qrSize = 96;
        EnsureSpace(qrSize + 40 + SignatureBoxHeight);
        Section("Verificación");
        var top = Y;
        DrawImage(CertificateQr.Png(url), Margin, top, qrSize, qrSize);
        var textLeft = Margin + qrSize + 14;
        var textWidth = ContentWidth - qrSize - 14;
        Graphics.DrawString("Código de verificación", Regular(9), XBrushes.DimGray, textLeft, top + 12);
        Graphics.DrawString(VerificationCode.Display(canonicalCode), Bold(15), XBrushes.Black, textLeft, top + 32);
        Y = top + 44;
        Wrapped($"Verifique la autenticidad de {what} escaneando el código QR o en:", Regular(9), textLeft, textWidth);
        Wrapped(url, Bold(9), textLeft, textWidth);
        Wrapped("Documento firmado digitalmente por el SEGIP: cualquier modificación posterior invalida la firma.", Regular(8), textLeft, textWidth);
        Y = Math.Max(Y, top + qrSize) + 10;
        var box = new XRect(Margin, PageHeight - (Y + SignatureBoxHeight), 260, SignatureBoxHeight);
        Y += SignatureBoxHeight;
        return box;
    }

    public void EnsureSpace(double height)
    {
        if (Y + height > FooterTop - 12) NewPage();
    }

    public void Rule() => Graphics.DrawLine(new XPen(XColors.LightGray, 0.8), Margin, Y, Margin + ContentWidth, Y);

    public void Section(string title)
    {
        EnsureSpace(40);
        Y += 10;
        Graphics.DrawString(title, Bold(11), Brand, Margin, Y + 10);
        Y += 15;
        Rule();
        Y += 6;
    }

    public void Row(string label, string value, double width = ContentWidth)
    {
        var lines = Wrap(value, Regular(9.5), width - LabelWidth);
        EnsureSpace(lines.Count * 13 + 2);
        Graphics.DrawString(label, Bold(9), XBrushes.Black, Margin, Y + 10);
        foreach (var line in lines)
        {
            Graphics.DrawString(line, Regular(9.5), XBrushes.Black, Margin + LabelWidth, Y + 10);
            Y += 13;
        }
        Y += 2;
    }

    public void Paragraph(string text) => Wrapped(text, Regular(9.5), Margin, ContentWidth);

    public void Wrapped(string text, XFont font, double left, double width)
    {
        foreach (var line in Wrap(text, font, width))
        {
            EnsureSpace(13);
            Graphics.DrawString(line, font, XBrushes.Black, left, Y + 10);
            Y += 13;
        }
    }

    public void DrawImage(byte[] png, double x, double y, double w, double h)
    {
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        Graphics.DrawImage(image, x, y, w, h);
    }

    /// <summary>Word wrap by measured width; a word longer than the line (a URL) is cut by characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Graphics.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (Graphics.MeasureString(line, font).Width > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && Graphics.MeasureString(line[..cut], font).Width > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }

    /// <summary>Footers need the page count, so they are drawn once the content is complete.</summary>
    public void Finish()
    {
        Graphics.Dispose();
        var total = document.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawLine(new XPen(XColors.LightGray, 0.8), Margin, FooterTop, Margin + ContentWidth, FooterTop);
            g.DrawString(footerTitle, Regular(8), XBrushes.DimGray, Margin, FooterTop + 14);
            g.DrawString($"Página {i + 1} de {total}", Regular(8), XBrushes.DimGray,
                new XRect(Margin, FooterTop + 4, ContentWidth, 14), XStringFormats.TopRight);
        }
    }

    /// <summary>
    /// Signs with SEGIP's certificate (PAdES-style detached PKCS#7, SHA-256; any reader reports a later change as a
    /// broken signature), the visible box on the last page, and returns the bytes.
    /// </summary>
    public static async Task<byte[]> SignAndSaveAsync(PdfDocument document, SigningCertificate signing, string reason, XRect box, DateTime signedUtc)
    {
        var signer = signing.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
        DigitalSignatureHandler.ForDocument(document,
            new PdfSharpDefaultSigner(signing.Certificate, PdfMessageDigestType.SHA256, null),
            new DigitalSignatureOptions
            {
                ContactInfo = "Servicio General de Identificación Personal",
                Location = "Bolivia",
                Reason = reason,
                AppName = "SEGIP Consulta",
                PageIndex = document.PageCount - 1,
                Rectangle = box,
                AppearanceHandler = new SignatureAppearance(signer, signedUtc),
            });
        using var output = new MemoryStream();
        await document.SaveAsync(output, closeStream: false);
        return output.ToArray();
    }
}
