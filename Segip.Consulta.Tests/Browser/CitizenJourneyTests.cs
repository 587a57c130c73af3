using Microsoft.Playwright;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>
/// A bank officer queries a person; that person signs in with Ciudadanía Digital (the test provider), sees the
/// query and disputes it; the bank's admin justifies it; an auditor resolves; the citizen reads the answer.
/// </summary>
[Trait("Category", "Browser")]
public class CitizenJourneyTests(CitizenBrowserFixture fixture) : IClassFixture<CitizenBrowserFixture>
{
    private const string Purpose = "Evaluación de crédito hipotecario";
    private const string Resolution = "El banco presentó la solicitud de crédito firmada por usted; la consulta fue debida.";

    [Fact]
    public async Task A_queried_person_sees_the_query_disputes_it_and_reads_the_resolution()
    {
        var officer = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(officer).SignInAsync(DemoAccounts.BankOfficer, DemoAccounts.Password);
        var query = new QueryPage(officer);
        await query.OpenAsync();
        await query.QueryDocumentAsync("1234567", Purpose);
        await Expect(query.Result).ToHaveAttributeAsync("data-result", "ENCONTRADO");

        var citizen = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await citizen.GotoAsync("/mis-datos");
        await Expect(citizen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ciudadania/ingresar"));
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Ingresar con Ciudadanía Digital" }).ClickAsync();
        await citizen.GetByLabel("Usuario").FillAsync(TestIdentityProvider.CitizenJuanCarlos.UserName);
        await citizen.GetByLabel("Clave").FillAsync(TestIdentityProvider.CitizenJuanCarlos.Password);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Entrar al proveedor" }).ClickAsync();
        await Expect(citizen.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(citizen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mis-datos$"));

        var queries = citizen.GetByTestId("my-queries");
        await Expect(queries).ToContainTextAsync(Purpose);
        await Expect(queries).ToContainTextAsync("Banco Demo S.A.");
        await Expect(citizen.GetByTestId("reserved-notice")).ToBeVisibleAsync();
        await Expect(citizen.GetByText("oficial@bancodemo.demo")).ToHaveCountAsync(0);
        await CheckSignedReportAsync(citizen);
        var staff = new StaffPages(citizen);
        await queries.GetByTestId("dispute-button").First.ClickAsync();
        // A reason the service would refuse (under 10 characters) is refused in the dialog, which stays open with the text.
        await staff.Dialog.GetByLabel("Motivo").FillAsync("Indebida");
        await staff.Dialog.GetByRole(AriaRole.Button, new() { Name = "Enviar reclamo", Exact = true }).ClickAsync();
        await Expect(staff.Dialog).ToContainTextAsync("al menos 10 caracteres");
        await Expect(staff.Dialog.GetByLabel("Motivo")).ToHaveValueAsync("Indebida");
        await staff.ConfirmWithReasonAsync("No tengo ningún trámite de crédito con este banco", "Enviar reclamo");
        await Expect(citizen.GetByTestId("case-state")).ToHaveTextAsync("Abierto");

        var bankAdmin = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(bankAdmin).SignInAsync(DemoAccounts.BankAdmin, DemoAccounts.Password);
        await OpenFirstCaseAsync(bankAdmin);
        await Expect(bankAdmin.GetByTestId("case-reason")).ToHaveTextAsync("No tengo ningún trámite de crédito con este banco");
        await Expect(bankAdmin.GetByTestId("case-deadline")).ToContainTextAsync("/");
        await bankAdmin.GetByLabel("Justificación de la consulta").FillAsync("El cliente pidió un crédito hipotecario y firmó el consentimiento.");
        await bankAdmin.GetByTestId("case-answer").ClickAsync();
        await Expect(bankAdmin.GetByTestId("case-institution-answer")).ToContainTextAsync("firmó el consentimiento");

        var auditor = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(auditor).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        await OpenFirstCaseAsync(auditor);
        var auditorPages = new StaffPages(auditor);
        await auditorPages.PickAsync("caso-asignar", DemoAccounts.Auditor);
        await auditor.GetByTestId("case-assign").ClickAsync();
        await Expect(auditor.GetByTestId("case-state")).ToHaveTextAsync("En revisión");
        await auditorPages.PickAsync("caso-resultado", "Infundado");
        await auditor.GetByLabel("Respuesta para el ciudadano").FillAsync(Resolution);
        await auditor.GetByTestId("case-resolve").ClickAsync();
        await Expect(auditor.GetByTestId("case-state")).ToContainTextAsync("Resuelto");

        await citizen.ReloadAsync();
        await Expect(citizen.Locator("[data-interactive='true']")).ToBeAttachedAsync();
        await Expect(citizen.GetByTestId("case-state")).ToHaveTextAsync("Resuelto");
        await Expect(citizen.GetByTestId("case-answer")).ToContainTextAsync(Resolution);
        await Expect(citizen.GetByTestId("case-answer")).ToContainTextAsync("Infundado");
    }

    /// <summary>The citizen downloads the signed report; its QR opens /verificar, which confirms it without the queries.</summary>
    private async Task CheckSignedReportAsync(IPage citizen)
    {
        var download = await citizen.RunAndWaitForDownloadAsync(() =>
            citizen.GetByRole(AriaRole.Link, new() { Name = "Descargar reporte firmado (PDF)" }).ClickAsync());
        Assert.Matches(@"^reporte-consultas-REP-\d{4}-\d{6}\.pdf$", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Contains("Signature is Valid", await PdfInspection.PdfsigAsync(pdf));
        var text = PdfInspection.Text(pdf);
        Assert.Contains("Reporte de consultas a mis datos", text);
        Assert.Contains(Purpose, text);
        Assert.DoesNotContain("oficial@bancodemo.demo", text);

        var url = Assert.Single(PdfInspection.QrCodes(pdf));
        Assert.StartsWith($"{fixture.BaseUrl}/verificar/", url);
        var visitor = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await visitor.GotoAsync(url);
        await Expect(visitor.GetByTestId("verification-result")).ToHaveAttributeAsync("data-status", "reporte");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Reporte auténtico" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("report-holder")).ToHaveTextAsync("J*** C*** P*** M***");
        await Expect(visitor.GetByTestId("verification-result")).Not.ToContainTextAsync(Purpose);
    }

    private static async Task OpenFirstCaseAsync(IPage page)
    {
        await new StaffPages(page).OpenAsync("/casos", "Reclamos ciudadanos");
        await page.GetByTestId("case-results").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("case-state")).ToBeVisibleAsync();
        await LoginPage.WaitInteractiveAsync(page);
    }
}
