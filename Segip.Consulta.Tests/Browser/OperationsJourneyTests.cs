using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

[Trait("Category", "Browser")]
public class OperationsJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task The_administrator_sees_each_institutions_traffic_and_the_service_state_after_some_queries()
    {
        var app = fixture.App;
        Assert.Equal(200, (await app.QueryDocumentAsync("1234567")).Status);
        Assert.Equal(200, (await app.QueryDocumentAsync("7777777")).Status);
        Assert.Equal(403, (await app.QueryDocumentAsync(endUser: "NO-EXISTE")).Status);
        var bank = await app.InstitutionIdAsync(DemoAccounts.BankName);
        int expected;
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var since = DateTime.UtcNow.AddDays(-1);
            expected = await db.AuditRecords.CountAsync(r => r.InstitutionId == bank && r.TimestampUtc >= since);
        }
        Assert.True(expected >= 3);

        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(DemoAccounts.Admin, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Operación del servicio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operación del servicio" })).ToBeVisibleAsync();

        var row = page.Locator($"[data-institution='{DemoAccounts.BankName}']");
        await Expect(row.Locator("[data-cell='volume']")).ToHaveTextAsync(expected.ToString());
        await Expect(row.Locator("[data-cell='reasons']")).ToContainTextAsync("Usuario final no habilitado: 1");
        await Expect(row.Locator("[data-cell='channels']")).ToHaveTextAsync("0 % / 100 %");
        await Expect(row.Locator("[data-cell='p50']")).ToHaveTextAsync(new Regex(@"^\d[\d.,]* ms$"));
        await Expect(row.Locator("[data-cell='p99']")).ToHaveTextAsync(new Regex(@"^\d[\d.,]* ms$"));
        await Expect(row.Locator("[data-cell='quota']")).ToContainTextAsync("usadas");

        var checks = page.GetByTestId("health-checks");
        await Expect(checks.Locator("[data-check='bitacora']")).ToContainTextAsync("Correcto");
        await Expect(checks.Locator("[data-check='certificado-de-firma']")).ToContainTextAsync("El certificado de firma vence el");
        await Expect(page.GetByTestId("certificate-expiry")).ToContainTextAsync(new Regex(@"Vence el \d{2}/\d{2}/\d{4}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Última hora" }).ClickAsync();
        await Expect(page.GetByTestId("window-summary")).ToContainTextAsync("Última hora:");
        await Expect(row.Locator("[data-cell='volume']")).ToHaveTextAsync(expected.ToString());
    }
}
