using Microsoft.Playwright;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>SEGIP staff sign in through a real OpenID Connect provider and out of it again.</summary>
[Trait("Category", "Browser")]
public class SsoJourneyTests(SsoBrowserFixture fixture) : IClassFixture<SsoBrowserFixture>
{
    [Fact]
    public async Task Legal_user_signs_in_with_the_institutional_account_and_signs_out_at_the_provider_too()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        var cspViolations = CollectCspViolations(page);
        var sso = new SsoLogin(page);

        await sso.SignInAsync(TestIdentityProvider.Legal);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cuenta de " + TestIdentityProvider.Legal.FullName })).ToBeVisibleAsync();
        await Expect(page.GetByText("Ingresó como")).ToContainTextAsync("(Dirección Jurídica)");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Inicio" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Consultar persona" })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Convenios" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Bitácora" })).ToHaveCountAsync(0);
        await page.GotoAsync("/convenios");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Convenios" })).ToBeVisibleAsync();
        // The Legal user may create nothing outside its remit: the administrators' certificate page is closed.
        await page.GotoAsync("/administracion/certificados");
        await Expect(page.GetByText("No tiene permiso para ver esta página.")).ToBeVisibleAsync();

        var endedBefore = fixture.Provider.EndedSessions(TestIdentityProvider.Legal.UserName);
        await LoginPage.SignOutAsync(page);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar$"));
        Assert.Equal(endedBefore + 1, fixture.Provider.EndedSessions(TestIdentityProvider.Legal.UserName));

        // The provider's session is over too: signing in again asks for the password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar con cuenta institucional" }).ClickAsync();
        await Expect(page.GetByLabel("Usuario")).ToBeVisibleAsync();
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task Auditor_signs_in_with_the_institutional_account_and_cannot_open_pages_of_other_roles()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        var cspViolations = CollectCspViolations(page);

        await new SsoLogin(page).SignInAsync(TestIdentityProvider.Auditor);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cuenta de " + TestIdentityProvider.Auditor.FullName })).ToBeVisibleAsync();
        await Expect(page.GetByText("Ingresó como")).ToContainTextAsync("(Auditor)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Consultar persona" })).ToHaveCountAsync(0);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Bitácora" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Convenios" })).ToHaveCountAsync(0);

        await page.GotoAsync("/convenios");
        await Expect(page.GetByText("No tiene permiso para ver esta página.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Convenios" })).ToHaveCountAsync(0);

        await page.GotoAsync("/consultas");
        await Expect(page.GetByText("No tiene permiso para ver esta página.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consultar persona" })).ToHaveCountAsync(0);
        Assert.Empty(cspViolations);
    }

    private static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        return violations;
    }
}

/// <summary>Signing in with the institutional button, then at the provider's own form.</summary>
public sealed class SsoLogin(IPage page)
{
    public async Task SignInAsync(TestIdentityProvider.TestUser user)
    {
        await page.GotoAsync("/cuenta/ingresar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar con cuenta institucional" }).ClickAsync();
        await page.GetByLabel("Usuario").FillAsync(user.UserName);
        await page.GetByLabel("Clave").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar al proveedor" }).ClickAsync();
        // Only the app's own layout carries the interactivity marker: this is the return to the app,
        // after two redirects and a form post through the provider, so allow the full 20 s.
        await Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 20_000 });
    }
}
