using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>Page objects: what a user does, named as the user would say it.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/cuenta/ingresar");
        // Blazor's script patches the page once it starts (enhanced forms); values typed before that can be
        // lost, and the form then posts empty. A user types slower than that; the test waits for it.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar"));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Signs out through the account menu of the app bar (the only way on a phone-sized screen).</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Cuenta de" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Salir", Exact = true }).ClickAsync();
    }

    /// <summary>Blazor ignores clicks until its circuit is up; the layout exposes a marker for that.</summary>
    public static async Task WaitInteractiveAsync(IPage page) =>
        await Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
}

public sealed class QueryPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/consultas");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consultar persona" })).ToBeVisibleAsync();
    }

    public async Task QueryDocumentAsync(string number, string purpose, string? complement = null)
    {
        await page.GetByLabel("Número de documento").FillAsync(number);
        if (complement is not null) await page.GetByLabel("Complemento (opcional)").FillAsync(complement);
        await page.GetByLabel("Finalidad de la consulta").FillAsync(purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
    }

    public ILocator Result => page.GetByTestId("query-result");
    public ILocator RecentQueries => page.GetByTestId("recent-queries");
    public ILocator Field(string code) => page.Locator($"[data-field='{code}']");
}

public sealed class CredentialsPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/credenciales");
        await LoginPage.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credenciales del servicio web" })).ToBeVisibleAsync();
    }

    public ILocator Field(string label) => page.GetByLabel(label);
    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name });
    public ILocator Row(string clientId) => page.Locator("tr", new() { Has = page.GetByText(clientId, new() { Exact = true }) });
    public ILocator IssuedClientId => page.GetByTestId("issued-client-id");
    public ILocator IssuedSecret => page.GetByTestId("issued-secret");
}
