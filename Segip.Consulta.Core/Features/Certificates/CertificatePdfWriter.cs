using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Pdf;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>
/// Draws a query certificate on A4 pages with PDFsharp and signs it with SEGIP's certificate
/// (PAdES-style detached PKCS#7, SHA-256), so any reader reports a later change as a broken signature.
/// </summary>
public sealed class CertificatePdfWriter(SigningCertificate signing, Sandbox.DeploymentMode? mode = null)
{
    /// <summary>In the sandbox: "PRUEBA — sin validez" in the title, the signature's reason and under the heading.</summary>
    private string Test => mode?.IsSandbox == true ? Sandbox.DeploymentMode.Mark + " · " : "";

    private const double Margin = 50;
    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double ContentWidth = PageWidth - 2 * Margin;
    private const double FooterTop = PageHeight - 40;
    private const double LabelWidth = 170;
    private const double SignatureBoxHeight = 48;

    private static readonly Lazy<byte[]> Logo = new(() =>
    {
        using var s = typeof(CertificatePdfWriter).Assembly.GetManifestResourceStream("Segip.Consulta.Core.Images.segip-logo.png")!;
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    });

    public async Task<byte[]> WriteAsync(CertificateContent content)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"{Test}Certificado de consulta {content.Number}";
        document.Info.Author = "Servicio General de Identificación Personal (SEGIP)";
        document.Info.Subject = "Certificado de consulta interinstitucional";
        document.Info.Creator = "SEGIP Consulta";

        var canvas = new Canvas(document, content.Number);
        DrawHeader(canvas, content);
        if (mode?.IsSandbox == true)
        {
            canvas.Graphics.DrawString($"{Sandbox.DeploymentMode.Mark} · entorno de pruebas, datos sintéticos", canvas.Bold(14), XBrushes.DarkRed,
                new XRect(Margin, canvas.Y - 12, ContentWidth, 18), XStringFormats.TopCenter);
            canvas.Y += 22;
        }
        DrawQuerySection(canvas, content);
        DrawDataSection(canvas, content);
        var signatureBox = DrawVerificationSection(canvas, content);
        canvas.Finish();

        DigitalSignatureHandler.ForDocument(document,
            new PdfSharpDefaultSigner(signing.Certificate, PdfMessageDigestType.SHA256, null),
            new DigitalSignatureOptions
            {
                ContactInfo = "Servicio General de Identificación Personal",
                Location = "Bolivia",
                Reason = $"{Test}Certificado de consulta {content.Number}",
                AppName = "SEGIP Consulta",
                PageIndex = document.PageCount - 1,
                Rectangle = signatureBox,
                AppearanceHandler = new SignatureAppearance(SignerName(), content.IssuedUtc),
            });

        using var output = new MemoryStream();
        await document.SaveAsync(output, closeStream: false);
        return output.ToArray();
    }

    private string SignerName() =>
        signing.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);

    private static void DrawHeader(Canvas c, CertificateContent content)
    {
        using (var stream = new MemoryStream(Logo.Value))
        using (var logo = XImage.FromStream(stream))
            c.Graphics.DrawImage(logo, Margin, Margin - 10, 52, 52);
        c.Graphics.DrawString("Servicio General de Identificación Personal", c.Bold(13), XBrushes.Black, Margin + 64, Margin + 10);
        c.Graphics.DrawString("SEGIP · Estado Plurinacional de Bolivia", c.Regular(10), XBrushes.DimGray, Margin + 64, Margin + 26);
        c.Graphics.DrawString("Sistema de consulta interinstitucional", c.Regular(10), XBrushes.DimGray, Margin + 64, Margin + 39);
        c.Y = Margin + 52;
        c.Rule();
        c.Y += 26;
        c.Graphics.DrawString("Certificado de consulta", c.Bold(18), Brand, new XRect(Margin, c.Y - 18, ContentWidth, 24), XStringFormats.TopCenter);
        c.Y += 22;
        c.Graphics.DrawString($"N° {content.Number}", c.Bold(12), XBrushes.Black, new XRect(Margin, c.Y - 12, ContentWidth, 16), XStringFormats.TopCenter);
        c.Y += 16;
        c.Graphics.DrawString($"Emitido el {BoliviaClock.Format(content.IssuedUtc)} (hora de Bolivia) por {content.IssuedBy}",
            c.Regular(9), XBrushes.DimGray, new XRect(Margin, c.Y - 10, ContentWidth, 14), XStringFormats.TopCenter);
        c.Y += 18;
    }

    private static void DrawQuerySection(Canvas c, CertificateContent content)
    {
        c.Section("Datos de la consulta");
        c.Row("Fecha y hora", $"{BoliviaClock.Format(content.QueriedUtc)} (hora de Bolivia)");
        c.Row("Identificador de consulta", content.ConsultaId.ToString());
        c.Row("Registro de bitácora", $"N° {content.AuditSequence}");
        c.Row("Institución", content.InstitutionName);
        c.Row("Convenio", content.AgreementNumber is null ? "(sin convenio)"
            : content.AccessLevelName is null ? content.AgreementNumber : $"{content.AgreementNumber} · {content.AccessLevelName}");
        c.Row("Usuario final", content.EndUserName is null ? content.EndUserCode ?? "(sin dato)" : $"{content.EndUserCode} · {content.EndUserName}");
        c.Row("Canal", CertificateLabels.Channel(content.Channel));
        c.Row("Tipo de consulta", CertificateLabels.QueryType(content.QueryType));
        c.Row("Datos de búsqueda", content.SearchKeys);
        c.Row("Finalidad", content.Purpose ?? "(sin dato)");
        if (!string.IsNullOrEmpty(content.ConsentReference))
            c.Row("Referencia de consentimiento", content.ConsentReference);
        c.Row("Resultado", content.Result.ToString());
    }

    private static void DrawDataSection(Canvas c, CertificateContent content)
    {
        c.Section("Datos proporcionados");
        if (content.Persons.Count == 0)
        {
            var text = content.DataNote ?? (content.Result == QueryResult.NO_ENCONTRADO
                ? "No se encontró ninguna persona con los datos consultados; no se proporcionaron datos personales."
                : "La consulta no proporcionó datos personales.");
            c.Paragraph(text);
            return;
        }
        foreach (var person in content.Persons) DrawPerson(c, person);
    }

    private static void DrawPerson(Canvas c, DisclosedPerson person)
    {
        var complement = string.IsNullOrEmpty(person.Complement) ? "" : "-" + person.Complement;
        var photo = person[FieldCatalog.Fotografia] as string;
        var signature = person[FieldCatalog.Firma] as string;
        const double photoWidth = 90, photoHeight = 110;
        c.EnsureSpace(photo is null ? 40 : photoHeight + 10);
        var top = c.Y;
        var rowWidth = photo is null ? ContentWidth : ContentWidth - photoWidth - 12;
        c.Row("Documento", $"{person.DocumentType} {person.DocumentNumber}{complement}", rowWidth);
        foreach (var field in person.Fields.Where(f => f.Code is not (FieldCatalog.Fotografia or FieldCatalog.Firma)))
            c.Row(FieldCatalog.Label(field.Code), CertificateLabels.Value(field.Value), rowWidth);
        if (person.Has(FieldCatalog.Fotografia))
        {
            if (photo is null) c.Row(FieldCatalog.Label(FieldCatalog.Fotografia), "(sin dato)", rowWidth);
            else
            {
                c.DrawImage(Convert.FromBase64String(photo), Margin + ContentWidth - photoWidth, top, photoWidth, photoHeight);
                c.Y = Math.Max(c.Y, top + photoHeight + 6);
            }
        }
        if (person.Has(FieldCatalog.Firma))
        {
            if (signature is null) c.Row(FieldCatalog.Label(FieldCatalog.Firma), "(sin dato)");
            else
            {
                c.EnsureSpace(56);
                c.Graphics.DrawString(FieldCatalog.Label(FieldCatalog.Firma), c.Bold(9), XBrushes.Black, Margin, c.Y + 9);
                c.DrawImage(Convert.FromBase64String(signature), Margin + LabelWidth, c.Y, 160, 50);
                c.Y += 56;
            }
        }
        c.Y += 6;
    }

    /// <summary>Draws the QR and code; returns where the visible signature goes (PDF coordinates, origin bottom-left).</summary>
    private static XRect DrawVerificationSection(Canvas c, CertificateContent content)
    {
        const double qrSize = 96;
        c.EnsureSpace(qrSize + 40 + SignatureBoxHeight);
        c.Section("Verificación");
        var top = c.Y;
        c.DrawImage(CertificateQr.Png(content.VerificationUrl), Margin, top, qrSize, qrSize);
        var textLeft = Margin + qrSize + 14;
        var textWidth = ContentWidth - qrSize - 14;
        c.Graphics.DrawString("Código de verificación", c.Regular(9), XBrushes.DimGray, textLeft, top + 12);
        c.Graphics.DrawString(VerificationCode.Display(content.VerificationCode), c.Bold(15), XBrushes.Black, textLeft, top + 32);
        c.Y = top + 44;
        c.Wrapped("Verifique la autenticidad de este certificado escaneando el código QR o en:", c.Regular(9), textLeft, textWidth);
        c.Wrapped(content.VerificationUrl, c.Bold(9), textLeft, textWidth);
        c.Wrapped("Documento firmado digitalmente por el SEGIP: cualquier modificación posterior invalida la firma.", c.Regular(8), textLeft, textWidth);
        c.Y = Math.Max(c.Y, top + qrSize) + 10;
        var box = new XRect(Margin, PageHeight - (c.Y + SignatureBoxHeight), 260, SignatureBoxHeight);
        c.Y += SignatureBoxHeight;
        return box;
    }

    private static readonly XSolidBrush Brand = new(XColor.FromArgb(0x0b, 0x4f, 0x8a));

    /// <summary>The current page, its graphics and the vertical cursor; adds pages as content flows.</summary>
    private sealed class Canvas
    {
        private readonly PdfDocument document;
        private readonly string number;
        private readonly Dictionary<(double, bool), XFont> fonts = [];
        public XGraphics Graphics { get; private set; } = default!;
        public double Y { get; set; }

        public Canvas(PdfDocument document, string number)
        {
            this.document = document;
            this.number = number;
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
                g.DrawString($"Certificado de consulta {number}", Regular(8), XBrushes.DimGray, Margin, FooterTop + 14);
                g.DrawString($"Página {i + 1} de {total}", Regular(8), XBrushes.DimGray,
                    new XRect(Margin, FooterTop + 4, ContentWidth, 14), XStringFormats.TopRight);
            }
        }
    }
}
