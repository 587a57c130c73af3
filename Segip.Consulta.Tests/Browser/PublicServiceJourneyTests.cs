using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>Issue 21's journeys: signing out on a phone, an audit search that survives Back and reload.</summary>
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
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
            var gate = fixture.App.Get<QueryGate>();
            foreach (var number in new[] { "1234567", "1234567", "7654321" })
                await gate.ExecuteAsync(new QueryCaller { Channel = Channel.WEB, InstitutionId = bank, EndUserCode = "BD-001" },
                    new QueryRequest { DocumentType = "CI", DocumentNumber = number, Purpose = "Apertura de caja de ahorro" });
        }
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        var log = new AuditLogPage(page);
        await log.OpenAsync();

        await log.SearchByDocumentAsync("1234567");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("documento=1234567"));
        await Expect(log.Rows).ToHaveCountAsync(2);

        await log.Rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registro" })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync("1234567");
        await Expect(log.Rows).ToHaveCountAsync(2);
        await Expect(log.Total).ToContainTextAsync("2 registros coinciden");

        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync("1234567");
        await Expect(log.Rows).ToHaveCountAsync(2);

        // A shared link with a date nobody can read: no stale results, and the reason on screen.
        await page.GotoAsync("/bitacora?documento=1234567&desde=2026-13-45");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("invalid-filter")).ToContainTextAsync("Fecha no válida");
        await Expect(log.Rows.Filter(new() { HasText = "1234567" })).ToHaveCountAsync(0);
    }
}
