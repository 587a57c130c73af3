using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>
/// Issue 21's journeys: signing out on a phone, an audit search (and its order) that survives Back and reload,
/// lists restored from their address, the public pages' layout when signed in.
/// </summary>
[Trait("Category", "Browser")]
public class PublicServiceJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Officer_on_a_phone_signs_out_from_the_account_menu()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.BankOfficer, DemoAccounts.Password);

        var account = page.GetByRole(AriaRole.Button, new() { Name = "Cuenta de" });
        await Expect(account).ToBeInViewportAsync();
        await account.ClickAsync();
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Salir", Exact = true });
        await Expect(signOut).ToBeInViewportAsync();
        await signOut.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar"));
        await page.GotoAsync("/consultas");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar\\?returnUrl=", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task Auditor_search_survives_back_from_a_record_and_a_reload_and_a_bad_link_shows_no_results()
    {
        // Two registry documents no other test has queried: the counts below are this test's own, whatever ran before.
        string searched, other;
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
            var unqueried = await db.IdentityDocuments
                .Where(d => d.Type == DocumentType.IdentityCard && d.Complement == "" && d.Status == DocumentStatus.InForce)
                .Where(d => !db.AuditRecords.Any(r => r.DocumentNumber == d.Number))
                .OrderByDescending(d => d.Id).Select(d => d.Number).Take(2).ToListAsync();
            (searched, other) = (unqueried[0], unqueried[1]);
            var gate = fixture.App.Get<QueryGate>();
            foreach (var number in new[] { searched, searched, other })
            {
                var outcome = await gate.ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
                    new QueryRequest { DocumentType = "CI", DocumentNumber = number, Purpose = "Apertura de caja de ahorro" });
                Assert.True(outcome.Result == QueryResult.Found, outcome.RefusalMessage);
            }
        }
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        var log = new AuditLogPage(page);
        await log.OpenAsync();

        await log.SearchByDocumentAsync(searched);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("documento=" + searched));
        await Expect(log.Rows).ToHaveCountAsync(2);

        await log.Rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registro" })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync(searched);
        await Expect(log.Rows).ToHaveCountAsync(2);
        await Expect(log.Total).ToContainTextAsync("2 registros coinciden");

        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync(searched);
        await Expect(log.Rows).ToHaveCountAsync(2);

        // A shared link with a date nobody can read: no stale results, and the reason on screen.
        await page.GotoAsync($"/bitacora?documento={searched}&desde=2026-13-45");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("invalid-filter")).ToContainTextAsync("Fecha no válida");
        await Expect(log.Rows.Filter(new() { HasText = searched })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Audit_order_survives_back_between_two_searches_and_a_phone_chooses_it_without_headers()
    {
        var purpose = $"Orden de prueba {Guid.NewGuid():N}"[..28];
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var gate = fixture.App.Get<QueryGate>();
            foreach (var (name, user, number) in new[] { (DemoAccounts.TseName, "TSE-001", "7654321"), (DemoAccounts.BankName, "BD-001", "1234567") })
            {
                var institution = await db.Institutions.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
                await gate.ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = institution, EndUserCode = user },
                    new QueryRequest { DocumentType = "CI", DocumentNumber = number, Purpose = purpose });
            }
        }
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        var log = new AuditLogPage(page);
        await log.OpenAsync();
        await page.GetByLabel("Finalidad contiene").FillAsync(purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await Expect(log.Rows).ToHaveCountAsync(2);

        var institutionHeader = page.GetByTestId("audit-results").Locator("th", new() { HasText = "Institución" });
        await institutionHeader.Locator(".mud-table-sort-label").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("orden=institution&dir=asc"));
        await Expect(log.Rows.First).ToContainTextAsync(DemoAccounts.BankName);

        // A second search (a new history entry), then another order for it.
        await page.GetByLabel("Documento consultado").FillAsync("7654321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await Expect(log.Rows).ToHaveCountAsync(1);
        await page.GetByTestId("audit-results").Locator("th", new() { HasText = "Fecha y hora" }).Locator(".mud-table-sort-label").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("orden=institution"));

        await page.GoBackAsync();
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync("");
        await Expect(log.Rows).ToHaveCountAsync(2);
        await Expect(institutionHeader.Locator(".mud-direction-asc")).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("orden=institution&dir=asc"));
        await Expect(log.Rows.First).ToContainTextAsync(DemoAccounts.BankName);

        // On a phone the headers are hidden: the order is a select.
        await page.SetViewportSizeAsync(390, 844);
        await new StaffPages(page).PickAsync("bitacora-orden", "Institución, descendente");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("orden=institution(?!.*dir=asc)"));
        await Expect(log.Rows.First).ToContainTextAsync(DemoAccounts.TseName);
    }

    [Fact]
    public async Task Lists_come_back_from_their_address_after_back_reload_and_a_shared_link()
    {
        var name = $"Entidad de prueba {Guid.NewGuid():N}"[..30];
        var legal = new Actor(DemoAccounts.Legal, new HashSet<string> { Roles.Legal }, null);
        var created = await fixture.App.Get<InstitutionService>().CreateAsync(legal, new InstitutionInput
        {
            Name = name, Acronym = "EP" + Random.Shared.Next(10_000, 99_999), Type = InstitutionType.Publica, Nit = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(),
        });
        Assert.True(created.IsOk, created.Message);
        var id = created.Value;

        // Legal filters the institutions, opens one, comes back and reloads: the same filtered list.
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Legal, DemoAccounts.Password);
        await new StaffPages(page).OpenAsync("/instituciones", "Instituciones");
        await page.GetByLabel("Buscar por nombre, sigla o NIT").FillAsync(name);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("texto="));
        var rows = page.GetByTestId("institutions-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Buscar por nombre, sigla o NIT")).ToHaveValueAsync(name);
        await Expect(rows).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(rows).ToHaveCountAsync(1);

        // An auditor's shared link to the change history of that institution: the identifier opens it, read-only.
        var auditor = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(auditor).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        await new StaffPages(auditor).OpenAsync($"/historial?tipo={InstitutionService.EntityType}&id={id}", "Historial de cambios");
        var changes = auditor.GetByTestId("change-results").Locator("tbody tr");
        await Expect(changes).ToHaveCountAsync(1);
        await Expect(auditor.GetByLabel("Identificador del registro")).ToHaveValueAsync(id.ToString());
        await changes.GetByRole(AriaRole.Link, new() { Name = id.ToString(), Exact = true }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(auditor.GetByRole(AriaRole.Link, new() { Name = "Editar" })).ToHaveCountAsync(0);
        await auditor.GoBackAsync();
        await LoginPage.WaitInteractiveAsync(auditor);
        await Expect(changes).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Verification_and_account_security_keep_the_app_menu_when_signed_in_and_the_public_layout_when_not()
    {
        var anonymous = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await anonymous.GotoAsync("/verificar");
        await Expect(anonymous.Locator(".account-shell")).ToBeVisibleAsync();
        await Expect(anonymous.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" })).ToHaveCountAsync(0);

        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        foreach (var (path, heading) in new[] { ("/verificar", "Verificar"), ("/cuenta/seguridad", "Seguridad de la cuenta") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading }).First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" })).ToBeVisibleAsync();
            await Expect(page.Locator(".account-shell")).ToHaveCountAsync(0);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Bitácora", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bitácora de consultas" })).ToBeVisibleAsync();
    }
}
