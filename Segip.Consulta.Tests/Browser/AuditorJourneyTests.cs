using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class AuditorJourneyTests(BrowserAppFixture fixture) : AuditorJourney(fixture), IClassFixture<BrowserAppFixture>;

/// <summary>
/// The auditor's journeys, on the database of the fixture given: <see cref="AuditorJourneyTests"/> on SQLite, and
/// <see cref="AuditorJourneyTestsOnPostgres"/> (the provider matrix). Abstract so each runs with its own app only.
/// </summary>
[Trait("Category", "Browser")]
public abstract class AuditorJourney(BrowserAppFixture fixture)
{
    private const string Person = "1234567";

    private async Task<(int Bank, int Tse)> InstitutionsAsync()
    {
        await using var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
        var tse = await db.Institutions.Where(i => i.Name == DemoAccounts.TseName).Select(i => i.Id).SingleAsync();
        return (bank, tse);
    }

    /// <summary>Queries about the person from two institutions, and one about someone else, through the real gate.</summary>
    private async Task QueryAsync()
    {
        var (bank, tse) = await InstitutionsAsync();
        var gate = fixture.App.Get<QueryGate>();
        await gate.ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = Person, Purpose = "Apertura de caja de ahorro" });
        await gate.ExecuteAsync(new QueryCaller { Channel = Channel.WebService, InstitutionId = tse, EndUserCode = "TSE-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = Person, Purpose = "Depuración del padrón", ConsentReference = "FORM-1" });
        await gate.ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = "7654321", Purpose = "Crédito de consumo" });
    }

    private async Task<List<AuditRecord>> RecordsAboutPersonAsync()
    {
        await using var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.AuditRecords.AsNoTracking().Where(r => r.DocumentNumber == Person).OrderBy(r => r.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Auditor_finds_the_queries_about_a_person_exports_pdf_and_csv_and_sees_a_tampered_row_named()
    {
        await QueryAsync();
        var expected = await RecordsAboutPersonAsync();
        Assert.True(expected.Count >= 2);
        // A background export an instance was running when it died: the auditor finds it failed, with the reason.
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var stale = DateTime.UtcNow - AuditExportJobs.StaleAfter - TimeSpan.FromMinutes(1);
            db.ExportJobs.Add(new ExportJob
            {
                Id = Guid.NewGuid(), Owner = DemoAccounts.Auditor, Format = "Csv", Parameters = "{}", FileName = "bitacora-anterior.csv",
                FilePath = Path.Combine(fixture.App.Folder, "exports", "perdido.csv"), Status = ExportJobStatus.Running,
                Instance = "servidor-caido/1/x", CreatedUtc = stale, HeartbeatUtc = stale,
            });
            await db.SaveChangesAsync();
        }
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        var log = new AuditLogPage(page);
        await log.OpenAsync();
        await Expect(page.GetByTestId("export-job")).ToContainTextAsync(AuditExportJobs.InterruptedReason);

        await log.SearchByDocumentAsync(Person);

        await Expect(log.Total).ToContainTextAsync($"{expected.Count} registros coinciden");
        await Expect(log.Rows).ToHaveCountAsync(expected.Count);
        await Expect(log.Rows.Filter(new() { HasText = "Banco Demo S.A." })).ToHaveCountAsync(expected.Count(r => r.EndUserCode == "BD-001"));
        await Expect(log.Rows.Filter(new() { HasText = "Tribunal Supremo Electoral" })).ToHaveCountAsync(expected.Count(r => r.EndUserCode == "TSE-001"));
        await Expect(page.GetByTestId("audit-results")).Not.ToContainTextAsync("CI 7654321");

        var folder = Path.Combine(fixture.App.Folder, "descargas");
        Directory.CreateDirectory(folder);
        var pdfPath = await log.DownloadAsync("Exportar PDF", folder);
        Assert.EndsWith(".pdf", pdfPath);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(pdfPath))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Reporte de la bitácora de consultas", text);
            Assert.Contains($"Generado por {DemoAccounts.Auditor}", text);
            Assert.Contains($"Documento consultado: {Person}", text);
            Assert.Contains($"Total de registros: {expected.Count}", text);
            Assert.Contains("la cadena de la bitácora está íntegra", text);
            Assert.Contains($"Página 1 de {pdf.NumberOfPages}", text);
        }

        var csvPath = await log.DownloadAsync("CSV para Excel (;)", folder);
        var bytes = await File.ReadAllBytesAsync(csvPath);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), ';');
        Assert.Equal(expected.Count + 1, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal(Person, r[9]));
        Assert.Equal(expected.Select(r => r.Sequence.ToString()), rows.Skip(1).Select(r => r[0]));

        await log.VerifyChainAsync();
        await Expect(log.ChainResult).ToHaveAttributeAsync("data-intact", "true");
        await Expect(log.ChainResult).ToContainTextAsync("Cadena íntegra");

        await page.GetByRole(AriaRole.Link, new() { Name = "Estadísticas" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consultas realizadas a la fecha" })).ToBeVisibleAsync();
        int all;
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            all = await db.AuditRecords.CountAsync();
        await Expect(page.GetByTestId("by-year").GetByTestId("total")).ToHaveTextAsync(AuditFilterDescription.Number(all));
        await log.OpenAsync();

        var tampered = expected[^1].Sequence;
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            await db.AuditRecords.Where(r => r.Sequence == tampered).ExecuteUpdateAsync(u => u.SetProperty(r => r.Purpose, "Otra finalidad"));
        await log.VerifyChainAsync();
        await Expect(log.ChainResult).ToHaveAttributeAsync("data-intact", "false");
        await Expect(page.GetByTestId("first-bad")).ToHaveTextAsync(tampered.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = $"Ver el registro {tampered}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Registro {tampered} de la bitácora" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-record")).ToContainTextAsync("Otra finalidad");
        await Expect(page.GetByTestId("chain-result")).ToHaveAttributeAsync("data-intact", "false");
    }

    [Fact]
    public async Task Institution_admin_sees_only_its_own_queries_and_cannot_export_another_institution()
    {
        await QueryAsync();
        var (_, tse) = await InstitutionsAsync();
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankAdmin, DemoAccounts.Password);
        var log = new AuditLogPage(page);
        await log.OpenAsync();

        await log.SearchByDocumentAsync(Person);

        await Expect(log.Rows.First).ToContainTextAsync("Banco Demo S.A.");
        await Expect(page.GetByTestId("audit-results")).Not.ToContainTextAsync("Tribunal Supremo Electoral");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verificar cadena" })).ToHaveCountAsync(0);
        var refused = await page.APIRequest.GetAsync($"/bitacora/exportar/csv?institucion={tse}");
        Assert.Equal(403, refused.Status);
        var own = await page.APIRequest.GetAsync($"/bitacora/exportar/csv?documento={Person}");
        Assert.Equal(200, own.Status);
        Assert.DoesNotContain("Tribunal Supremo Electoral", Encoding.UTF8.GetString(await own.BodyAsync()));
    }
}
