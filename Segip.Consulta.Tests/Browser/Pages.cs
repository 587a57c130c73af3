using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>Page objects: what a user does, named as the user would say it.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await SubmitPasswordAsync(email, password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/cuenta/ingresar"));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Types the e-mail and password and submits, without assuming where the answer leads.</summary>
    public async Task SubmitPasswordAsync(string email, string password)
    {
        await page.GotoAsync("/cuenta/ingresar");
        // Blazor's script patches the page once it starts (enhanced forms); values typed before that can be
        // lost, and the form then posts empty. A user types slower than that; the test waits for it.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
    }

    /// <summary>The second step: the authenticator code after a correct password.</summary>
    public async Task SubmitCodeAsync(string code)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/cuenta/ingresar-2fa"));
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        // By id: the section is labelled "Código de verificación" too.
        await page.Locator("#code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();
    }

    public async Task SignOutAsync()
    {
        await SignOutAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/cuenta/ingresar$"));
    }

    public ILocator Error => page.GetByRole(AriaRole.Alert);

    /// <summary>Signs out through the account menu of the app bar (the only way on a phone-sized screen).</summary>
    public static async Task SignOutAsync(IPage page)
    {
        // The menu opens only once the circuit is up: a click on the prerendered button is lost.
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cuenta de" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Salir", Exact = true }).ClickAsync();
    }

    /// <summary>Blazor ignores clicks until its circuit is up; the layout exposes a marker for that.</summary>
    public static async Task WaitInteractiveAsync(IPage page) =>
        await Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync();

    /// <summary>
    /// Waits for the address a save leads to, by looking at the address, as every wait for an address here does.
    /// Never <c>WaitForURLAsync</c>: it checks the address, then waits for the next navigation (or load) event, and an
    /// event landing between the two is missed — in CI the institution-hours journey timed out so while the page
    /// showed the saved institution, and the sign-in timed out waiting for a load that had already happened. When it
    /// never comes, the failure says what the user saw instead: where the page stayed, its messages (snackbar, field
    /// errors), whether «Guardar» was still busy and the circuit's state.
    /// </summary>
    public static async Task WaitForSavedAsync(IPage page, Regex savedUrl)
    {
        try { await Expect(page).ToHaveURLAsync(savedUrl); }
        catch (PlaywrightException timeout)
        {
            var messages = await page.Locator(".mud-snackbar, [role=alert], .mud-input-helper-text.mud-input-error")
                .Filter(new() { Visible = true }).AllInnerTextsAsync();
            var buttons = await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).EvaluateAllAsync<string>(
                "bs => bs.map(b => b.disabled ? 'disabled' : 'enabled').join(',')");
            var circuit = await page.EvaluateAsync<string>("() => document.getElementById('components-reconnect-modal')?.className ?? ''");
            throw new TimeoutException(
                $"No navigation after saving. Stayed on {page.Url}; messages: [{string.Join(" | ", messages.Where(m => m.Trim().Length > 0))}]; " +
                $"Guardar: {buttons}; reconnect modal: '{circuit}'.", timeout);
        }
    }
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

/// <summary>/cuenta/seguridad: turning the authenticator on and off.</summary>
public sealed class AccountSecurityPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/cuenta/seguridad");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    public ILocator Qr => page.GetByTestId("authenticator-qr");
    public ILocator Status => page.GetByTestId("two-factor-status");
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task<string> KeyAsync() => (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "");

    public async Task EnableAsync(string code)
    {
        await page.Locator("#code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activar el doble factor" }).ClickAsync();
    }

    public async Task DisableAsync(string code)
    {
        await page.GetByLabel("Código actual de su aplicación autenticadora").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Desactivar el doble factor" }).ClickAsync();
    }
}
