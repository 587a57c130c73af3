using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class AlertJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private const string Person = "1234567";

    [Fact]
    public async Task Auditor_opens_a_new_alert_follows_it_to_the_records_and_closes_it_with_a_conclusion()
    {
        await fixture.App.Get<ProtectedPersonService>().AddAsync(Actor.System, new() { DocumentNumber = Person, Reason = "Autoridad bajo protección" });
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
            await fixture.App.Get<QueryGate>().ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
                new QueryRequest { DocumentType = "CI", DocumentNumber = Person, Purpose = "Apertura de caja de ahorro" });
        }
        await fixture.App.Get<MisuseDetector>().CatchUpAsync();
        long id;
        await using (var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            id = await db.MisuseAlerts.Where(a => a.Rule == MisuseRule.ProtectedPerson).Select(a => a.Id).SingleAsync();

        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        await Expect(page.GetByTestId("alert-counts")).ToContainTextAsync("abiertas de gravedad alta");
        await page.GotoAsync("/alertas");
        await LoginPage.WaitInteractiveAsync(page);
        var row = page.GetByTestId("alert-results").Locator("tbody tr", new() { HasText = "Persona protegida" });
        await Expect(row).ToContainTextAsync("Nueva");
        await row.GetByRole(AriaRole.Link, new() { Name = id.ToString() }).ClickAsync();

        await Expect(page.GetByTestId("alert-explanation")).ToContainTextAsync($"BD-001 (BDEMO) consultó a una persona protegida (documento {Person}) una vez el");
        await page.GetByTestId("alert-evidence").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/bitacora\?"));
        await LoginPage.WaitInteractiveAsync(page);
        var records = page.GetByTestId("audit-results").Locator("tbody tr");
        await Expect(records).ToHaveCountAsync(1);
        await Expect(records).ToContainTextAsync($"CI {Person}");
        await Expect(page.GetByLabel("Documento consultado")).ToHaveValueAsync(Person);

        await page.GoBackAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await page.GetByTestId("alert-close").ClickAsync();
        // The conclusion's rule is checked on its field before the service is called.
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Cerrar la alerta" })).ToContainTextAsync("Escriba la conclusión de la revisión (al menos 10 caracteres).");
        await page.GetByLabel("Conclusión de la revisión").FillAsync("Consulta para apertura de cuenta con consentimiento firmado; sin uso indebido.");
        await page.GetByTestId("alert-close").ClickAsync();

        await Expect(page.GetByTestId("alert-state")).ToHaveTextAsync("Cerrada");
        await Expect(page.GetByTestId("alert-conclusion")).ToContainTextAsync("sin uso indebido");
        await Expect(page.GetByTestId("change-action")).ToHaveTextAsync("Cerrar");
    }

    [Fact]
    public async Task Auditor_changes_a_threshold_with_a_spanish_error_first_and_the_detector_uses_the_new_value()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Auditor, DemoAccounts.Password);
        await page.GotoAsync("/alertas");
        await LoginPage.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Umbrales de las alertas" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alertas/umbrales$"));
        await LoginPage.WaitInteractiveAsync(page);

        var card = page.GetByTestId("umbral-FUERA_DE_HORARIO");
        var field = card.GetByLabel("Consultas fuera de horario por día");
        await Expect(field).ToHaveValueAsync("10");
        await field.FillAsync("0");
        await card.GetByTestId("guardar-FUERA_DE_HORARIO").ClickAsync();
        await Expect(card).ToContainTextAsync("«Consultas fuera de horario por día» debe estar entre 1 y 1.000.");

        // The error leaves as the correction is typed, not on the blur of the click (which moved Guardar under the pointer).
        await field.FillAsync("7");
        await Expect(card).Not.ToContainTextAsync("debe estar entre");
        await card.GetByTestId("guardar-FUERA_DE_HORARIO").ClickAsync();
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("Umbrales de «Fuera de horario» guardados");
        await Expect(card).ToContainTextAsync("Modificado el");

        Assert.Equal(7, (await fixture.App.Get<MisuseThresholdStore>().CurrentAsync()).WorkingHours.MinQueries);
    }

    [Fact]
    public async Task Legal_declares_an_institutions_working_days_and_hours_on_its_edit_page()
    {
        var legal = new Actor("juridica@segip.demo", new HashSet<string> { Roles.Legal }, null);
        var name = $"Cooperativa horario {Guid.NewGuid():N}"[..40];
        var created = await fixture.App.Get<InstitutionService>().CreateAsync(legal, new InstitutionInput { Name = name, Acronym = "COOPH", Type = InstitutionType.Otra });
        Assert.True(created.IsOk, created.Message);
        var id = created.Value;

        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Legal, DemoAccounts.Password);
        await page.GotoAsync($"/instituciones/{id}/editar");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Desde (HH:mm)")).ToHaveValueAsync("08:00");
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday" })
            await page.GetByTestId($"dia-{day}").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Expect(page.GetByTestId("horario")).ToContainTextAsync("Elija al menos un día de trabajo.");

        await page.GetByTestId("dia-saturday").ClickAsync();
        await page.GetByLabel("Desde (HH:mm)").FillAsync("09:00");
        await page.GetByLabel("Hasta (HH:mm)").FillAsync("13:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();

        await LoginPage.WaitForSavedAsync(page, new Regex($"/instituciones/{id}$"));
        await Expect(page.GetByTestId("horario-declarado")).ToContainTextAsync("de 09:00 a 13:00");
        await using var db = await fixture.App.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var stored = await db.Institutions.SingleAsync(i => i.Id == id);
        Assert.Equal((WorkingDays.Saturday, new TimeOnly(9, 0), new TimeOnly(13, 0)), (stored.WorkingDays, stored.WorkStart, stored.WorkEnd));
    }
}
