using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Segip.Consulta.Tests.Browser;

/// <summary>Sessions that end for real, and authenticator codes that work once (issue 14, items 1 and 2).</summary>
[Trait("Category", "Browser")]
public class SessionSecurityJourneyTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task A_copy_of_the_session_cookie_taken_before_signing_out_no_longer_opens_any_page()
    {
        var email = await TestAccounts.CreateAsync(fixture.App, "salida", Roles.Auditor);
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        var login = new LoginPage(page);
        await login.SignInAsync(email, TestAccounts.Password);
        var stolen = await page.Context.CookiesAsync();
        Assert.Contains(stolen, c => c.Name == "segip.consulta");

        await login.SignOutAsync();

        var thief = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await thief.Context.AddCookiesAsync(stolen.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await thief.GotoAsync("/bitacora");
        await Expect(thief).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar"));
        await Expect(thief.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Ingresar" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_is_refused_in_a_later_sign_in()
    {
        var email = await TestAccounts.CreateAsync(fixture.App, "totp-uso", Roles.Auditor);
        var key = await EnableTwoFactorAsync(email);
        var code = Totp.Code(key, DateTimeOffset.UtcNow);

        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        var login = new LoginPage(page);
        await login.SubmitPasswordAsync(email, TestAccounts.Password);
        await login.SubmitCodeAsync(code);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/cuenta/ingresar"));
        await LoginPage.WaitInteractiveAsync(page);
        await login.SignOutAsync();

        // The same code again, still inside its 30-second window: a replay, refused.
        await login.SubmitPasswordAsync(email, TestAccounts.Password);
        await login.SubmitCodeAsync(code);
        await Expect(login.Error).ToContainTextAsync("El código no es válido.");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cuenta/ingresar-2fa"));
    }

    [Fact]
    public async Task The_security_page_shows_a_qr_code_and_turning_two_factor_off_needs_a_current_code()
    {
        var email = await TestAccounts.CreateAsync(fixture.App, "totp-qr", Roles.Auditor);
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await new LoginPage(page).SignInAsync(email, TestAccounts.Password);
        var security = new AccountSecurityPage(page);
        await security.OpenAsync();

        await Expect(security.Qr).ToBeVisibleAsync();
        Assert.True(await security.Qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        var key = await security.KeyAsync();
        await security.EnableAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await Expect(security.Status).ToContainTextAsync("está activado");

        await security.DisableAsync("000000");
        await Expect(security.Error).ToContainTextAsync("El código no es válido.");
        await security.OpenAsync();
        await Expect(security.Status).ToContainTextAsync("está activado");

        await security.DisableAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await Expect(security.Status).ToContainTextAsync("desactivado");
    }

    /// <summary>Turns the authenticator on directly, as the security page would, without spending a code.</summary>
    private async Task<string> EnableTwoFactorAsync(string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
