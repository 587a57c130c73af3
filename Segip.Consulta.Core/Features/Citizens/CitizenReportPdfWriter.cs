using PdfSharp.Pdf;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Pdf;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>Draws the citizen's report on A4 pages and signs it exactly like a query certificate.</summary>
public sealed class CitizenReportPdfWriter(SigningCertificate signing)
{
    private const string Title = "Reporte de consultas a mis datos";

    public async Task<byte[]> WriteAsync(CitizenReportContent content)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{Title} {content.Number}";
        document.Info.Author = "Servicio General de Identificación Personal (SEGIP)";
        document.Info.Subject = Title;
        document.Info.Creator = "SEGIP Consulta";

        var c = new PdfCanvas(document, $"{Title} {content.Number}");
        c.Letterhead(Title, content.Number, $"Emitido el {BoliviaClock.Format(content.IssuedUtc)} (hora de Bolivia) a solicitud del titular");
        c.Section("Titular y alcance");
        c.Row("Titular", content.HolderName);
        c.Row("Filtros", content.Filters);
        c.Row("Consultas incluidas", content.Rows.Count.ToString());
        c.Paragraph("Consultas de instituciones que mostraron o verificaron sus datos, de la más reciente a la más antigua. "
            + "La institución responde por sus usuarios; no se indica la persona que consultó.");
        c.Paragraph(CitizenQueryTexts.ReservedNotice);
        if (content.Truncated)
            c.Paragraph($"El reporte incluye las {CitizenQueryService.ExportLimit} consultas más recientes; use los filtros para ver las anteriores.");

        c.Section("Consultas");
        if (content.Rows.Count == 0) c.Paragraph("No hay consultas registradas para los filtros elegidos.");
        foreach (var row in content.Rows) DrawRow(c, row);

        c.Section("Contenido");
        // A full-width paragraph keeps the 64 hex digits on one line, so they can be compared with /verificar.
        c.Paragraph($"Resumen SHA-256 de las consultas listadas: {content.ContentSha256}");
        var box = c.Verification(content.VerificationCode, content.VerificationUrl, "este reporte");
        c.Finish();
        return await PdfCanvas.SignAndSaveAsync(document, signing, $"{Title} {content.Number}", box, content.IssuedUtc);
    }

    private static void DrawRow(PdfCanvas c, CitizenQueryRow row)
    {
        c.EnsureSpace(110);
        c.Row("Fecha y hora", $"{BoliviaClock.Format(row.TimestampUtc)} (hora de Bolivia)");
        c.Row("Institución", row.InstitutionName);
        c.Row("Canal", CitizenQueryTexts.Channel(row.Channel));
        c.Row("Tipo", CitizenQueryTexts.QueryType(row.QueryType));
        c.Row("Finalidad", string.IsNullOrWhiteSpace(row.Purpose) ? "(no indicada)" : row.Purpose);
        if (!string.IsNullOrWhiteSpace(row.ConsentReference)) c.Row("Consentimiento", row.ConsentReference);
        c.Row("Datos entregados", CitizenQueryTexts.Fields(row.DisclosedFields));
        c.Row("Resultado", CitizenQueryTexts.Result(row.Result));
        c.Y += 4;
        c.Rule();
        c.Y += 4;
    }
}
