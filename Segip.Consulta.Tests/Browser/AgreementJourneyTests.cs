using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>
/// The legal directorate's journey of issue 3, in a real browser: institution → level → agreement →
/// signed PDF → activation → an officer of the institution queries → suspension → the next query is
/// refused. The officer's login is created through the end-user page.
/// </summary>
[Trait("Category", "Browser")]
public class AgreementJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Legal_sets_up_an_institution_whose_officer_queries_until_the_agreement_is_suspended()
    {
        var legal = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(legal).SignInAsync(DemoAccounts.Legal, DemoAccounts.Password);
        var staff = new StaffPages(legal);

        // 1. The institution.
        await staff.OpenAsync("/instituciones/nueva", "Nueva institución");
        await staff.FillAsync("Nombre", "Servicio de Impuestos Nacionales");
        await staff.FillAsync("Sigla", "SIN");
        await staff.PickAsync("tipo", "Pública");
        await staff.FillAsync("NIT (opcional)", "1020304050");
        await staff.ClickAsync("Guardar");
        await Expect(legal).ToHaveURLAsync(new Regex(@"/instituciones/\d+$"));
        var institutionUrl = legal.Url;
        await Expect(legal.GetByRole(AriaRole.Heading, new() { Name = "Servicio de Impuestos Nacionales" })).ToBeVisibleAsync();

        // 2. The access level.
        await staff.OpenAsync("/niveles/nuevo", "Nuevo nivel de acceso");
        await staff.FillAsync("Código", "TRIBUTARIO");
        await staff.FillAsync("Nombre", "Nivel tributario");
        await staff.CheckAsync("Nombres");
        await staff.CheckAsync("Primer apellido");
        await staff.CheckAsync("Estado del documento");
        await staff.ClickAsync("Crear nivel");
        await Expect(legal).ToHaveURLAsync(new Regex("/niveles$"));
        await Expect(legal.GetByTestId("levels-table")).ToContainTextAsync("TRIBUTARIO");

        // 3. The agreement, drafted from the institution's page.
        await legal.GotoAsync(institutionUrl);
        await LoginPage.WaitInteractiveAsync(legal);
        await legal.GetByRole(AriaRole.Link, new() { Name = "Nuevo convenio" }).ClickAsync();
        await Expect(legal.GetByRole(AriaRole.Heading, new() { Name = "Nuevo convenio (borrador)" })).ToBeVisibleAsync();
        var today = BoliviaClock.Today(TimeProvider.System);
        await staff.FillAsync("Número de convenio", "CONV-2026-0777");
        await staff.FillAsync("Fecha de firma", today.AddDays(-1).ToString("dd/MM/yyyy"));
        await staff.FillAsync("Vigente desde", today.AddDays(-1).ToString("dd/MM/yyyy"));
        await staff.FillAsync("Vigente hasta", today.AddYears(1).ToString("dd/MM/yyyy"));
        await staff.PickAsync("nivel", "TRIBUTARIO v1");
        await staff.ClickAsync("Guardar borrador");
        await Expect(legal).ToHaveURLAsync(new Regex(@"/convenios/\d+$"));
        var agreementUrl = legal.Url;
        await Expect(staff.AgreementStatus).ToHaveAttributeAsync("data-status", "BORRADOR");

        // 4. The signed PDF, then activation.
        var pdf = TestPdf.Create("Convenio CONV-2026-0777");
        await legal.GetByLabel("Documento firmado (PDF, hasta 10 MB)").SetInputFilesAsync(new FilePayload { Name = "CONV-2026-0777.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Expect(legal.GetByTestId("document-sha256")).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var href = await legal.GetByTestId("download-document").GetAttributeAsync("href");
        var download = await legal.APIRequest.GetAsync(fixture.BaseUrl + href);
        Assert.Equal(pdf, await download.BodyAsync());
        // Activation asks first, summarising what will be in force; cancelling leaves the draft.
        await staff.ClickAsync("Activar");
        var confirm = legal.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("CONV-2026-0777");
        await Expect(confirm.GetByTestId("confirm-summary")).ToContainTextAsync("Servicio de Impuestos Nacionales");
        await Expect(confirm.GetByTestId("confirm-summary")).ToContainTextAsync("Nivel tributario");
        await Expect(confirm.GetByTestId("confirm-summary")).ToContainTextAsync($"{today.AddDays(-1):dd/MM/yyyy} – {today.AddYears(1):dd/MM/yyyy}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
        await Expect(staff.AgreementStatus).ToHaveAttributeAsync("data-status", "BORRADOR");
        await staff.ClickAsync("Activar");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Activar convenio" }).ClickAsync();
        await Expect(staff.AgreementStatus).ToHaveAttributeAsync("data-status", "VIGENTE");

        // 5. An end user of the institution, and its web login.
        var institutionId = institutionUrl.Split('/').Last();
        await staff.OpenAsync($"/usuarios-finales?institucion={institutionId}", "Usuarios finales");
        await staff.ClickAsync("Registrar usuario final");
        await staff.Dialog.GetByLabel("Código").FillAsync("SIN-001");
        await staff.Dialog.GetByLabel("Número de CI").FillAsync("4567890");
        await staff.Dialog.GetByLabel("Nombre completo").FillAsync("Carla Rojas Mendoza");
        await staff.Dialog.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Expect(legal.GetByTestId("end-users-table")).ToContainTextAsync("Carla Rojas Mendoza");
        await legal.GetByLabel("Acciones de SIN-001").ClickAsync();
        await legal.GetByText("Crear acceso web", new() { Exact = true }).ClickAsync();
        await staff.Dialog.GetByLabel("Correo de ingreso").FillAsync("carla@impuestos.demo");
        await staff.Dialog.GetByLabel("Contraseña inicial").FillAsync("Clave-Segura-2026!");
        await staff.Dialog.GetByRole(AriaRole.Button, new() { Name = "Crear acceso" }).ClickAsync();
        await Expect(legal.GetByTestId("end-users-table")).ToContainTextAsync("carla@impuestos.demo");

        // 6. The officer queries.
        var officer = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(officer).SignInAsync("carla@impuestos.demo", "Clave-Segura-2026!");
        var query = new QueryPage(officer);
        await query.OpenAsync();
        await query.QueryDocumentAsync("1234567", "Verificación de contribuyente");
        await Expect(query.Result).ToHaveAttributeAsync("data-result", "ENCONTRADO");
        await Expect(query.Field("nombres")).ToHaveTextAsync("JUAN CARLOS");
        await Expect(query.Field("fechaNacimiento")).ToHaveCountAsync(0);

        // 7. Suspension refuses the officer's next query.
        await legal.GotoAsync(agreementUrl);
        await LoginPage.WaitInteractiveAsync(legal);
        await staff.ClickAsync("Suspender");
        await staff.ConfirmWithReasonAsync("Falta de pago de la tasa anual", "Suspender");
        await Expect(staff.AgreementStatus).ToHaveAttributeAsync("data-status", "SUSPENDIDO");

        await query.QueryDocumentAsync("1234567", "Verificación de contribuyente");
        await Expect(query.Result).ToHaveAttributeAsync("data-result", "DENEGADO");
        await Expect(officer.GetByTestId("refusal")).ToContainTextAsync("La institución no tiene un convenio vigente con el SEGIP");

        // 8. Every step is in the change history.
        await Expect(staff.HistoryActions).ToHaveTextAsync(["Suspendido", "Activado", "Documento firmado adjuntado", "Creado en borrador"]);
        await Expect(legal.GetByTestId("change-history")).ToContainTextAsync("Falta de pago de la tasa anual");
        await legal.GotoAsync(institutionUrl);
        await Expect(staff.HistoryActions).ToHaveTextAsync(["Registrada"]);
        await staff.OpenAsync($"/usuarios-finales?institucion={institutionId}", "Usuarios finales");
        await legal.GetByLabel("Acciones de SIN-001").ClickAsync();
        await legal.GetByText("Historial", new() { Exact = true }).ClickAsync();
        await Expect(staff.Dialog.GetByTestId("change-action")).ToHaveTextAsync(["Acceso web creado", "Registrado"]);
    }

    [Fact]
    public async Task Institution_admin_sees_only_its_own_end_users_and_no_agreement_pages()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankAdmin, DemoAccounts.Password);
        var staff = new StaffPages(page);
        await staff.OpenAsync("/usuarios-finales", "Usuarios finales");
        await Expect(page.GetByTestId("own-institution")).ToHaveTextAsync("Banco Demo S.A.");
        await Expect(page.GetByTestId("end-users-table")).ToContainTextAsync("BD-001");
        await Expect(page.GetByTestId("end-users-table")).Not.ToContainTextAsync("TSE-001");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Convenios" })).ToHaveCountAsync(0);

        // Asking for another institution's list in the address changes nothing.
        await page.GotoAsync("/usuarios-finales?institucion=2");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("end-users-table")).Not.ToContainTextAsync("TSE-001");
    }
}
