using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;
using UglyToad.PdfPig;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AuditExportTests(SeededAuditLog log) : IClassFixture<SeededAuditLog>
{
    private AuditExportService Exports => log.Host.Get<AuditExportService>();

    [Theory]
    [InlineData(';')]
    [InlineData(',')]
    public async Task Csv_starts_with_a_bom_and_parses_back_to_the_same_records(char separator)
    {
        using var output = new MemoryStream();
        var written = await Exports.WriteCsvAsync(log.Scope(new()), output, separator);

        var bytes = output.ToArray();
        Assert.Equal(60, written);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), separator);
        Assert.Equal(AuditCsvWriter.Headers, rows[0]);
        Assert.Equal(61, rows.Count);
        for (var i = 0; i < log.Records.Count; i++)
        {
            var record = log.Records[i];
            var row = rows[i + 1];
            Assert.Equal(record.Sequence.ToString(), row[0]);
            Assert.Equal(record.DocumentNumber, row[9]);
            Assert.Equal(record.Purpose, row[10]);
            Assert.Equal(record.Result.ToCode(), row[12]);
            Assert.Equal(record.RefusalReason?.ToCode() ?? "", row[13]);
            Assert.Equal(record.QueryId.ToString(), row[16]);
            Assert.Equal(Convert.ToHexString(record.Hash), row[18]);
            Assert.Equal(record.DocumentType?.ToCode() ?? "", row[19]);
            Assert.Equal(record.HashVersion.ToString(), row[22]);
        }
        Assert.Contains(rows, r => r[10] == SeededAuditLog.TrickyPurpose);
    }

    [Fact]
    public async Task Pdf_report_states_its_author_filters_totals_chain_and_numbers_every_page()
    {
        using var output = new MemoryStream();
        var rows = await Exports.WritePdfAsync(log.Scope(new() { From = new DateOnly(2025, 11, 1) }), output);
        Assert.Equal(60, rows);

        using var pdf = PdfDocument.Open(output.ToArray());
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        Assert.True(pages.Count >= 2, "60 filas ocupan más de una página");
        var first = pages[0];
        Assert.Contains("Reporte de la bitácora de consultas", first);
        Assert.Contains($"Generado por {SeededAuditLog.Auditor.Name}", first);
        Assert.Contains("Desde: 01/11/2025", first);
        Assert.Contains("Total de registros: 60 (ENCONTRADO: 15 · NO_ENCONTRADO: 15 · DENEGADO: 15 · COINCIDE: 15).", first);
        Assert.Contains("la cadena de la bitácora está íntegra", first);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Página {i + 1} de {pages.Count}", pages[i]);
            Assert.Contains("Sec. Fecha y hora Institución Usuario final Canal Tipo Datos consultados Finalidad Resultado", pages[i]);
        }
        var all = string.Join(" ", pages);
        Assert.Contains("CUOTA_AGOTADA", all);
        Assert.Equal(60, log.Records.Count(r => all.Contains($" {r.SearchKeys} ")));
    }

    [Fact]
    public async Task Pdf_report_names_the_first_bad_record_when_the_range_was_tampered_with()
    {
        await using var host = await CoreHost.CreateAsync(persons: 20);
        var auditLog = host.Get<AuditLog>();
        for (var i = 0; i < 4; i++)
            await auditLog.AppendAsync(new AuditEntry { Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {i}", DocumentNumber = $"{i}", Result = QueryResult.NotFound });
        await using (var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.ConsultaDbContext>>().CreateDbContextAsync())
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "UPDATE \"AuditRecords\" SET \"Purpose\" = 'x' WHERE \"Sequence\" = 3");

        using var output = new MemoryStream();
        var scope = host.Get<AuditSearchService>().Authorize(SeededAuditLog.Auditor, new()).Value!;
        await host.Get<AuditExportService>().WritePdfAsync(scope, output);

        using var pdf = PdfDocument.Open(output.ToArray());
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("LA CADENA ESTÁ ALTERADA. Primer registro que no coincide: 3.", text);
    }

    [Fact]
    public async Task A_background_export_reports_progress_and_completes_for_its_owner_only()
    {
        var jobs = log.Host.Get<AuditExportJobs>();
        var job = await jobs.StartAsync(log.Scope(new() { InstitutionId = log.Tse }), AuditExportFormat.Csv, 20, ';');

        var finished = await Poll(async () => (await jobs.GetAsync(job.Id, SeededAuditLog.Auditor.Name))!.Status != ExportJobStatus.Running);
        Assert.True(finished);
        Assert.Equal(ExportJobStatus.Completed, job.Status);
        Assert.Equal(20, job.Processed);
        Assert.Equal(100, job.Percent);
        Assert.Null(await jobs.GetAsync(job.Id, "otra@persona"));
        var file = (await jobs.CompletedAsync(job.Id, SeededAuditLog.Auditor.Name))!.FilePath;
        var rows = Csv.Parse(Encoding.UTF8.GetString(File.ReadAllBytes(file)[3..]), ';');
        Assert.Equal(21, rows.Count);
    }

    private static async Task<bool> Poll(Func<Task<bool>> condition)
    {
        // Bounded by attempts, not by a timing assertion: the job either finishes or the test fails.
        for (var i = 0; i < 600 && !await condition(); i++) await Task.Delay(50);
        return await condition();
    }
}

/// <summary>An RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF).</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text, char separator)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row.ToArray()); row.Clear(); }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
        return rows;
    }
}
