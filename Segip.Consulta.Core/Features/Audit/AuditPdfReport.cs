using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Pdf;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>What the report says about itself: who asked for it, when, for which filter, and the chain's state.</summary>
public sealed record AuditReportHeader(string GeneratedBy, DateTime GeneratedUtc, IReadOnlyList<string> Filters,
    AuditSummary Summary, ChainVerification Chain);

/// <summary>
/// The bitácora report as a PDF (A4 landscape): title, author and time, the filters, totals, the chain
/// verification for the records' range, then the table with its header repeated on every page and
/// "Página X de Y" at the foot of each. Beyond <see cref="MaxRows"/> rows the table stops and says so:
/// the totals still count everything, and the CSV export carries every row.
/// </summary>
public static class AuditPdfReport
{
    public const int MaxRows = 50_000;

    private const double Margin = 36, RowHeight = 14, HeaderHeight = 18;
    private static readonly (string Title, double Width)[] Columns =
    [
        ("Sec.", 40), ("Fecha y hora", 82), ("Institución", 112), ("Usuario final", 66), ("Canal", 60),
        ("Tipo", 68), ("Datos consultados", 96), ("Finalidad", 116), ("Resultado", 130),
    ];

    public static async Task<int> WriteAsync(Stream output, AuditReportHeader header, IAsyncEnumerable<AuditRow> rows,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        PdfFonts.EnsureRegistered();
        var title = new XFont(PdfFonts.Family, 15, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold);
        var columnTitle = new XFont(PdfFonts.Family, 7, XFontStyleEx.Bold);
        var text = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        var cell = new XFont(PdfFonts.Family, 7, XFontStyleEx.Regular);
        var small = new XFont(PdfFonts.Family, 7, XFontStyleEx.Regular);

        using var document = new PdfDocument();
        document.Info.Title = "Reporte de la bitácora de consultas";
        document.Info.Author = header.GeneratedBy;
        document.Info.Creator = "SEGIP Consulta";

        var page = NewPage(document, out var gfx);
        var y = Margin;
        gfx.DrawString("Reporte de la bitácora de consultas", title, XBrushes.Black, new XRect(Margin, y, Width(page), 20), XStringFormats.TopLeft);
        y += 24;
        y = Paragraph(gfx, $"Generado por {header.GeneratedBy} el {BoliviaClock.Format(header.GeneratedUtc)} (hora de Bolivia).", text, y, page);
        y = Paragraph(gfx, "Filtros: " + string.Join(" · ", header.Filters), text, y, page);
        var s = header.Summary;
        var byResult = string.Join(" · ", s.ByResult.OrderBy(r => r.Key).Select(r => $"{r.Key.ToCode()}: {AuditFilterDescription.Number(r.Value)}"));
        y = Paragraph(gfx, $"Total de registros: {AuditFilterDescription.Number(s.Total)}" + (byResult.Length > 0 ? $" ({byResult})" : "") + ".", bold, y, page);
        y = Paragraph(gfx, $"Periodo de los registros: {AuditFilterDescription.Period(s)}.", text, y, page);
        var chain = header.Chain;
        y = Paragraph(gfx, chain.IsIntact
            ? $"Verificación de la cadena: la cadena de la bitácora está íntegra para el rango de este reporte. {chain.Message}"
            : $"Verificación de la cadena: LA CADENA ESTÁ ALTERADA. Primer registro que no coincide: {chain.FirstBadSequence}. {chain.Message}",
            bold, y + 2, page, chain.IsIntact ? XBrushes.DarkGreen : XBrushes.DarkRed);
        y += 6;
        y = TableHeader(gfx, columnTitle, y);

        var written = 0;
        var truncated = false;
        await foreach (var r in rows.WithCancellation(ct))
        {
            if (written == MaxRows)
            {
                truncated = true;
                break;
            }
            if (y + RowHeight > page.Height.Point - Margin - 16)
            {
                gfx.Dispose();
                page = NewPage(document, out gfx);
                y = TableHeader(gfx, columnTitle, Margin);
            }
            if (written % 2 == 1) gfx.DrawRectangle(XBrushes.WhiteSmoke, Margin, y, Columns.Sum(c => c.Width), RowHeight);
            string?[] cells =
            [
                r.Sequence.ToString(), BoliviaClock.Format(r.TimestampUtc), r.InstitutionName ?? "—", r.EndUserCode ?? "—", r.Channel.ToCode(),
                r.QueryType.ToCode(), r.SearchKeys, r.Purpose ?? "—", r.ResultText,
            ];
            Row(gfx, cell, cells, y);
            y += RowHeight;
            if (++written % 1000 == 0) progress?.Report(written);
        }
        if (written == 0) y = Paragraph(gfx, "Ningún registro coincide con los filtros.", text, y + 4, page);
        if (truncated)
            Paragraph(gfx, $"El reporte muestra los primeros {AuditFilterDescription.Number(MaxRows)} de {AuditFilterDescription.Number(s.Total)} registros; la exportación CSV contiene todos.", bold, y + 4, page);
        gfx.Dispose();

        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var p = document.Pages[i];
            var band = new XRect(Margin, p.Height.Point - Margin, Width(p), 12);
            footer.DrawString("SEGIP · Bitácora de consultas", small, XBrushes.Gray, band, XStringFormats.TopLeft);
            footer.DrawString($"Página {i + 1} de {count}", small, XBrushes.Black, band, XStringFormats.TopRight);
        }
        document.Save(output, closeStream: false);
        progress?.Report(written);
        return written;
    }

    private static PdfPage NewPage(PdfDocument document, out XGraphics gfx)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        gfx = XGraphics.FromPdfPage(page);
        return page;
    }

    private static double Width(PdfPage page) => page.Width.Point - 2 * Margin;

    private static double TableHeader(XGraphics gfx, XFont font, double y)
    {
        gfx.DrawRectangle(XBrushes.LightSteelBlue, Margin, y, Columns.Sum(c => c.Width), HeaderHeight);
        Row(gfx, font, Columns.Select(c => c.Title).ToArray(), y + 2);
        return y + HeaderHeight;
    }

    private static void Row(XGraphics gfx, XFont font, string?[] cells, double y)
    {
        var x = Margin;
        for (var i = 0; i < Columns.Length; i++)
        {
            var width = Columns[i].Width - 4;
            gfx.DrawString(Fit(gfx, cells[i] ?? "", font, width), font, XBrushes.Black, new XRect(x + 2, y + 2, width, RowHeight), XStringFormats.TopLeft);
            x += Columns[i].Width;
        }
    }

    /// <summary>Cuts the text with an ellipsis so it stays inside its cell.</summary>
    private static string Fit(XGraphics gfx, string value, XFont font, double width)
    {
        if (gfx.MeasureString(value, font).Width <= width) return value;
        var length = value.Length;
        while (length > 1 && gfx.MeasureString(value[..length] + "…", font).Width > width) length = length * 9 / 10;
        return value[..length] + "…";
    }

    /// <summary>Writes text wrapped at word boundaries across the page width; returns the next y.</summary>
    private static double Paragraph(XGraphics gfx, string value, XFont font, double y, PdfPage page, XBrush? brush = null)
    {
        var width = Width(page);
        var line = "";
        foreach (var word in value.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                gfx.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, y, width, 12), XStringFormats.TopLeft);
                y += 12;
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0)
        {
            gfx.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, y, width, 12), XStringFormats.TopLeft);
            y += 12;
        }
        return y + 2;
    }
}
