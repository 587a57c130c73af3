using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Pdf;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>The visible box of the digital signature, in Spanish (PDFsharp's sample handler writes English).</summary>
internal sealed class SignatureAppearance(string signer, DateTime signedUtc) : IAnnotationAppearanceHandler
{
    public void DrawAppearance(XGraphics gfx, XRect rect)
    {
        // The graphics belong to the annotation's own appearance stream: draw from its origin, not the page position.
        rect = new XRect(0, 0, rect.Width, rect.Height);
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var bold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold, options);
        var regular = new XFont(PdfFonts.Family, 7.5, XFontStyleEx.Regular, options);
        gfx.DrawRectangle(new XPen(XColor.FromArgb(0x0b, 0x4f, 0x8a), 0.8), rect.X + 0.5, rect.Y + 0.5, rect.Width - 1, rect.Height - 1);
        gfx.DrawString("Firmado digitalmente por:", regular, XBrushes.DimGray, 6, 12);
        gfx.DrawString(signer, bold, XBrushes.Black, 6, 24);
        gfx.DrawString($"Fecha: {BoliviaClock.Format(signedUtc)} (hora de Bolivia)", regular, XBrushes.DimGray, 6, 36);
    }
}
