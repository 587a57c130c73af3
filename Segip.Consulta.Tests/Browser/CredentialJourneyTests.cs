using Microsoft.Playwright;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class CredentialJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Institution_admin_requests_segip_admin_issues_the_secret_once_and_the_bank_system_uses_it_until_revoked()
    {
        var bank = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(bank).SignInAsync(DemoAccounts.BankAdmin, DemoAccounts.Password);
        var request = new CredentialsPage(bank);
        await request.OpenAsync();
        await request.Field("Descripción (sistema que la usará)").FillAsync("Core bancario — pruebas");
        await request.Button("Solicitar").ClickAsync();
        await Expect(bank.GetByText("Solicitud registrada")).ToBeVisibleAsync();
        await Expect(bank.GetByTestId("credential-status").Filter(new() { HasText = "Solicitada" })).ToHaveCountAsync(1);
        await Expect(bank.GetByText("demo-tse")).ToHaveCountAsync(0);

        var segip = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(segip).SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
        var admin = new CredentialsPage(segip);
        await admin.OpenAsync();
        // Nothing chosen yet: a Spanish placeholder, never "0".
        await Expect(segip.Locator("#institucion")).ToHaveAttributeAsync("placeholder", "Elija una institución");
        await Expect(segip.Locator("#institucion")).ToHaveValueAsync("");
        var pending = segip.Locator("tr", new() { Has = segip.GetByText("Core bancario — pruebas") });
        await pending.GetByRole(AriaRole.Button, new() { Name = "Emitir" }).ClickAsync();

        await Expect(admin.IssuedSecret).ToBeVisibleAsync();
        var clientId = (await admin.IssuedClientId.TextContentAsync())!.Trim();
        var secret = (await admin.IssuedSecret.TextContentAsync())!.Trim();
        await admin.Button("Ya copié el secreto").ClickAsync();
        await Expect(admin.IssuedSecret).ToHaveCountAsync(0);
        await Expect(segip.GetByText(secret)).ToHaveCountAsync(0);

        var answer = await fixture.App.QueryDocumentAsync(clientId: clientId, secret: secret);
        Assert.Equal(200, answer.Status);

        await admin.Row(clientId).GetByRole(AriaRole.Button, new() { Name = "Revocar" }).ClickAsync();
        await segip.GetByLabel("Motivo de la revocación").FillAsync("Prueba terminada");
        await segip.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revocar" }).ClickAsync();
        await Expect(admin.Row(clientId).GetByTestId("credential-status")).ToContainTextAsync("Revocada");
        Assert.Equal(401, (await fixture.App.QueryDocumentAsync(clientId: clientId, secret: secret)).Status);
    }

    [Fact]
    public async Task Institution_admin_withdraws_a_pending_request_after_confirming_and_it_reads_as_revoked()
    {
        var description = $"Retiro de prueba {Guid.NewGuid():N}"[..26];
        var bank = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(bank).SignInAsync(DemoAccounts.BankAdmin, DemoAccounts.Password);
        var credentials = new CredentialsPage(bank);
        await credentials.OpenAsync();
        await credentials.Field("Descripción (sistema que la usará)").FillAsync(description);
        await credentials.Button("Solicitar").ClickAsync();
        var row = bank.Locator("tr", new() { Has = bank.GetByText(description) });
        await Expect(row.GetByTestId("credential-status")).ToHaveTextAsync("Solicitada");

        // Cancelling the confirmation changes nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = "Retirar la solicitud" }).ClickAsync();
        var dialog = bank.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(description);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
        await Expect(row.GetByTestId("credential-status")).ToHaveTextAsync("Solicitada");

        await row.GetByRole(AriaRole.Button, new() { Name = "Retirar la solicitud" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Retirar solicitud" }).ClickAsync();
        await Expect(bank.GetByText("retirada.")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("credential-status")).ToContainTextAsync("Revocada");
        await Expect(row.GetByTestId("credential-status")).ToContainTextAsync("Solicitud retirada por la institución.");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Retirar la solicitud" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Segip_admin_pins_a_client_certificate_to_a_credential_and_clears_it()
    {
        var (clientId, secret, _) = await fixture.App.NewInstitutionAsync();
        var segip = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(segip).SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
        var admin = new CredentialsPage(segip);
        await admin.OpenAsync();
        var certificateField = admin.Field("Certificado de cliente (TLS mutuo)");

        await admin.Row(clientId).GetByRole(AriaRole.Button, new() { Name = "Editar" }).ClickAsync();
        await certificateField.FillAsync("3F:A1:" + new string('0', 60));
        await admin.Button("Guardar cambios").ClickAsync();
        await Expect(admin.Row(clientId).GetByTestId("credential-client-certificate")).ToContainTextAsync("Certificado SHA-256 3fa1");
        // Plain HTTP, no certificate: the secret alone no longer opens the service.
        Assert.Equal(401, (await fixture.App.QueryDocumentAsync(clientId: clientId, secret: secret, endUser: "U-1")).Status);

        // The issuing CA instead: its PEM pins the CA, and editing again shows that PEM (it is what gets saved).
        using var ca = Integration.TestCertificates.CreateAuthority("CA Navegador " + clientId);
        await admin.Row(clientId).GetByRole(AriaRole.Button, new() { Name = "Editar" }).ClickAsync();
        await certificateField.FillAsync(ca.ExportCertificatePem());
        await admin.Button("Guardar cambios").ClickAsync();
        await Expect(admin.Row(clientId).GetByTestId("credential-client-certificate")).ToContainTextAsync("CA emisora SHA-256");
        await admin.Row(clientId).GetByRole(AriaRole.Button, new() { Name = "Editar" }).ClickAsync();
        await Expect(certificateField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("BEGIN CERTIFICATE"));
        await certificateField.FillAsync("");
        await admin.Button("Guardar cambios").ClickAsync();
        await Expect(admin.Row(clientId).GetByTestId("credential-client-certificate")).ToHaveTextAsync("no se exige");
        Assert.Equal(200, (await fixture.App.QueryDocumentAsync(clientId: clientId, secret: secret, endUser: "U-1")).Status);
    }

    [Fact]
    public async Task Api_reference_page_renders_the_spanish_document_and_loads_nothing_from_other_hosts()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        var origin = new Uri(fixture.BaseUrl);
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http") && url.Authority != origin.Authority)
                foreign.Add(request.Url);
        };

        await page.GotoAsync("/api/referencia/");
        await Expect(page.GetByText("Consulta por documento de identidad").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(foreign);
    }
}
