using PdfSharp.Drawing;
using PdfSharp.Pdf;
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

    private const double Margin = PdfCanvas.Margin;
    private const double ContentWidth = PdfCanvas.ContentWidth;
    private const double LabelWidth = PdfCanvas.LabelWidth;

    public async Task<byte[]> WriteAsync(CertificateContent content)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{Test}Certificado de consulta {content.Number}";
        document.Info.Author = "Servicio General de Identificación Personal (SEGIP)";
        document.Info.Subject = "Certificado de consulta interinstitucional";
        document.Info.Creator = "SEGIP Consulta";

        var canvas = new PdfCanvas(document, $"Certificado de consulta {content.Number}");
        canvas.Letterhead("Certificado de consulta", content.Number,
            $"Emitido el {BoliviaClock.Format(content.IssuedUtc)} (hora de Bolivia) por {content.IssuedBy}");
        if (mode?.IsSandbox == true)
        {
            canvas.Graphics.DrawString($"{Sandbox.DeploymentMode.Mark} · entorno de pruebas, datos sintéticos", canvas.Bold(14), XBrushes.DarkRed,
                new XRect(Margin, canvas.Y - 12, ContentWidth, 18), XStringFormats.TopCenter);
            canvas.Y += 22;
        }
        DrawQuerySection(canvas, content);
        DrawDataSection(canvas, content);
        var signatureBox = canvas.Verification(content.VerificationCode, content.VerificationUrl, "este certificado");
        canvas.Finish();
        return await PdfCanvas.SignAndSaveAsync(document, signing, $"{Test}Certificado de consulta {content.Number}", signatureBox, content.IssuedUtc);
    }

    private static void DrawQuerySection(PdfCanvas c, CertificateContent content)
    {
        c.Section("Datos de la consulta");
        c.Row("Fecha y hora", $"{BoliviaClock.Format(content.QueriedUtc)} (hora de Bolivia)");
        c.Row("Identificador de consulta", content.QueryId.ToString());
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
        c.Row("Resultado", content.Result.ToCode());
    }

    private static void DrawDataSection(PdfCanvas c, CertificateContent content)
    {
        c.Section("Datos proporcionados");
        if (content.Persons.Count == 0)
        {
            var text = content.DataNote ?? (content.Result == QueryResult.NotFound
                ? "No se encontró ninguna persona con los datos consultados; no se proporcionaron datos personales."
                : "La consulta no proporcionó datos personales.");
            c.Paragraph(text);
            return;
        }
        foreach (var person in content.Persons) DrawPerson(c, person);
    }

    private static void DrawPerson(PdfCanvas c, DisclosedPerson person)
    {
        var complement = string.IsNullOrEmpty(person.Complement) ? "" : "-" + person.Complement;
        var photo = person[FieldCatalog.Fotografia] as string;
        var signature = person[FieldCatalog.Firma] as string;
        const double photoWidth = 90, photoHeight = 110;
        c.EnsureSpace(photo is null ? 40 : photoHeight + 10);
        var top = c.Y;
        var rowWidth = photo is null ? ContentWidth : ContentWidth - photoWidth - 12;
        c.Row("Documento", $"{person.DocumentType.ToCode()} {person.DocumentNumber}{complement}", rowWidth);
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
}
