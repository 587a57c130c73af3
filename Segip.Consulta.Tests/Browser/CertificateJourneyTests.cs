using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class CertificateJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private static readonly string[] PersonalData = ["JUAN CARLOS", "PEREZ", "MAMANI", "1234567", "14/03/1985"];

    [Fact]
    public async Task Officer_downloads_a_signed_certificate_whose_qr_confirms_it_without_personal_data()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankOfficer, DemoAccounts.Password);
        var query = new QueryPage(page);
        await query.OpenAsync();
        await query.QueryDocumentAsync("1234567", "Apertura de caja de ahorro");
        await Expect(query.Result).ToHaveAttributeAsync("data-result", "ENCONTRADO");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Descargar certificado" }).ClickAsync());
        Assert.Matches(@"^CERT-\d{4}-\d{6}\.pdf$", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());

        Assert.Contains("Signature is Valid", await PdfInspection.PdfsigAsync(pdf));
        var text = PdfInspection.Text(pdf);
        Assert.Contains("Nombres JUAN CARLOS", text);
        Assert.Contains("Finalidad Apertura de caja de ahorro", text);
        var url = Assert.Single(PdfInspection.QrCodes(pdf));
        Assert.StartsWith($"{fixture.BaseUrl}/verificar/", url);

        // Scanning the QR: anyone, signed in or not, opens the verification page.
        var visitor = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await visitor.GotoAsync(url);
        var result = visitor.GetByTestId("verification-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "autentico");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Certificado auténtico" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("certificate-number")).ToHaveTextAsync(download.SuggestedFilename[..^4]);
        await Expect(result).ToContainTextAsync(DemoAccounts.BankName);
        await Expect(result).ToContainTextAsync("Por documento (DOCUMENTO)");
        await Expect(result).ToContainTextAsync("Persona encontrada");
        var html = await visitor.ContentAsync();
        Assert.All(PersonalData, d => Assert.DoesNotContain(d, html));
    }

    [Fact]
    public async Task Another_institutions_officer_cannot_download_the_certificate()
    {
        var bankQuery = await QueryAsBankAsync();
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.TseOfficer, DemoAccounts.Password);

        var response = await page.APIRequest.GetAsync($"/consultas/{bankQuery}/certificado");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("application/pdf", response.Headers.GetValueOrDefault("content-type") ?? "");
        await using var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Certificates.AnyAsync(c => c.QueryId == bankQuery));
    }

    [Fact]
    public async Task Typed_unknown_code_is_reported_as_not_found()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await page.GotoAsync("/verificar");
        await page.GetByLabel("Código de verificación").FillAsync("abcd-efgh-jkmn-pqrs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();

        await Expect(page.GetByTestId("verification-result")).ToHaveAttributeAsync("data-status", "desconocido");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Certificado no encontrado" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("certificate-number")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Certificate_revoked_by_the_segip_admin_shows_as_revoked_to_everyone()
    {
        var issued = await fixture.App.Get<CertificateService>().IssueAsync(
            new CertificateRequest(await QueryAsBankAsync(), await BankIdAsync(), DemoAccounts.BankOfficer, fixture.BaseUrl));
        var certificate = issued.Value!;

        var admin = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(admin).SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
        await admin.GotoAsync("/administracion/certificados");
        await LoginPage.WaitInteractiveAsync(admin);
        await admin.GetByLabel("Número o institución").FillAsync(certificate.Number);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=" + certificate.Number));
        var row = admin.GetByTestId("certificates").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(certificate.Number);
        // The row links the audit record of the query the certificate certifies.
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "de la bitácora" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/bitacora/registro/\\d+"));

        // Revoking asks first, with what is being revoked; cancelling changes nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revocar el certificado {certificate.Number}" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(certificate.Number);
        await Expect(dialog).ToContainTextAsync(DemoAccounts.BankName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("Vigente");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revocar el certificado {certificate.Number}" }).ClickAsync();
        await dialog.GetByLabel("Motivo").FillAsync("Emitido sobre una consulta equivocada");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revocar certificado" }).ClickAsync();
        await Expect(admin.GetByTestId("revocation-message")).ToHaveTextAsync($"Se revocó el certificado {certificate.Number}.");
        await Expect(row).ToContainTextAsync("Revocado el");

        var visitor = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await visitor.GotoAsync($"/verificar/{VerificationCode.Display(certificate.VerificationCode)}");
        await Expect(visitor.GetByTestId("verification-result")).ToHaveAttributeAsync("data-status", "revocado");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Certificado revocado" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("certificate-number")).ToHaveTextAsync(certificate.Number);
        var html = await visitor.ContentAsync();
        Assert.All(PersonalData, d => Assert.DoesNotContain(d, html));
        Assert.DoesNotContain("consulta equivocada", html);
    }

    private async Task<int> BankIdAsync()
    {
        await using var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
    }

    private async Task<Guid> QueryAsBankAsync()
    {
        var outcome = await fixture.App.Get<QueryGate>().ExecuteAsync(
            new QueryCaller { Channel = Channel.Web, InstitutionId = await BankIdAsync(), EndUserCode = "BD-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de caja de ahorro" });
        return outcome.QueryId;
    }
}
