using Microsoft.Playwright;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class OfficerQueryJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Bank_officer_sees_level_two_fields_only_then_not_found_and_both_in_my_queries()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankOfficer, DemoAccounts.Password);
        var query = new QueryPage(page);
        await query.OpenAsync();

        await query.QueryDocumentAsync("1234567", "Apertura de caja de ahorro");

        await Expect(query.Result).ToHaveAttributeAsync("data-result", "ENCONTRADO");
        await Expect(query.Field("nombres")).ToHaveTextAsync("JUAN CARLOS");
        await Expect(query.Field("primerApellido")).ToHaveTextAsync("PEREZ");
        await Expect(query.Field("segundoApellido")).ToHaveTextAsync("MAMANI");
        await Expect(query.Field("estadoDocumento")).ToHaveTextAsync("VIGENTE");
        await Expect(query.Field("fechaNacimiento")).ToHaveTextAsync("14/03/1985");
        foreach (var excluded in new[] { "domicilio", "nombrePadre", "nombreMadre", "profesion" })
            await Expect(query.Field(excluded)).ToHaveCountAsync(0);
        await Expect(page.GetByAltText("Fotografía de la persona consultada")).ToHaveCountAsync(0);
        await Expect(page.GetByAltText("Firma de la persona consultada")).ToHaveCountAsync(0);
        await Expect(page.GetByText("AV. 6 DE AGOSTO")).ToHaveCountAsync(0);

        await query.QueryDocumentAsync("99999", "Apertura de caja de ahorro");
        await Expect(query.Result).ToHaveAttributeAsync("data-result", "NO_ENCONTRADO");
        await Expect(page.GetByTestId("result-code")).ToHaveTextAsync("No encontrada");

        await Expect(query.RecentQueries.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(query.RecentQueries).ToContainTextAsync("CI 1234567");
        await Expect(query.RecentQueries).ToContainTextAsync("CI 99999");
    }

    [Fact]
    public async Task Invalid_input_is_explained_next_to_the_field_and_nothing_is_queried()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankOfficer, DemoAccounts.Password);
        var query = new QueryPage(page);
        await query.OpenAsync();

        await query.QueryDocumentAsync("12AB", "abc");

        await Expect(page.GetByText("El número de documento debe tener de 1 a 10 dígitos, sin letras ni espacios.")).ToBeVisibleAsync();
        await Expect(page.GetByText("La finalidad debe tener entre 5 y 500 caracteres.")).ToBeVisibleAsync();
        await Expect(query.Result).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_whole_query_can_be_done_with_the_keyboard()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.TseOfficer, DemoAccounts.Password);
        var query = new QueryPage(page);
        await query.OpenAsync();

        // The number field has focus on arrival; everything else is reached with Tab and sent with Enter.
        await page.GetByLabel("Número de documento").FocusAsync();
        await page.Keyboard.TypeAsync("7654321");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Depuración del padrón electoral");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("FORM-123");
        await page.Keyboard.PressAsync("Enter");

        await Expect(query.Result).ToHaveAttributeAsync("data-result", "ENCONTRADO");
        await Expect(page.GetByTestId("deceased")).ToContainTextAsync("PERSONA FALLECIDA");
        await Expect(page.GetByTestId("document-warning")).ToContainTextAsync("DOCUMENTO VENCIDO");
        await Expect(page.GetByAltText("Fotografía de la persona consultada")).ToHaveCountAsync(0);
        await Expect(query.Field("nombreMadre")).ToHaveTextAsync("JUANA FLORES COPA");
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await page.GotoAsync("/consultas");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingresar" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused_in_spanish()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await page.GotoAsync("/cuenta/ingresar");
        await page.GetByLabel("Correo electrónico").FillAsync(DemoAccounts.Auditor);
        await page.GetByLabel("Contraseña").FillAsync("incorrecta");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Correo o contraseña incorrectos.");
    }
}
