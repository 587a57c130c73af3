using System.Net;
using System.Text.RegularExpressions;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>A local staff account turns on TOTP two-factor and then needs a code after its password.</summary>
[Trait("Category", "Integration")]
public class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Enabling_the_authenticator_then_signing_in_asks_for_a_valid_code()
    {
        var email = await TestAccounts.CreateAsync(app, "totp", Roles.Auditor);
        string key;
        using (var client = await FormLogin.SignedInClientAsync(app, email, TestAccounts.Password))
        {
            var page = await FormLogin.ReadPageAsync(await client.GetAsync("/cuenta/seguridad"));
            key = Regex.Match(page, "data-testid=\"authenticator-key\">([a-z2-7 ]+)<").Groups[1].Value.Replace(" ", "");
            Assert.Equal(32, key.Length);
            Assert.Contains($"otpauth://totp/SEGIP%20Consulta:{Uri.EscapeDataString(email)}?secret={key.ToUpperInvariant()}", page);

            var wrong = await PostFormAsync(client, "/cuenta/seguridad", "enable", "Enable.Code", "000000");
            Assert.Contains("El código no es válido.", await FormLogin.ReadPageAsync(wrong));
            var enabled = await PostFormAsync(client, "/cuenta/seguridad", "enable", "Enable.Code", Totp.Code(key, DateTimeOffset.UtcNow));
            Assert.Contains("El doble factor quedó activado.", await FormLogin.ReadPageAsync(enabled));
        }

        using var next = app.Client();
        var password = await FormLogin.PostAsync(next, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/cuenta/ingresar-2fa", new Uri(new Uri(app.BaseUrl), password.Headers.Location!).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/")).StatusCode);

        // The same six-digit rule as the security page: five digits never reach the token provider.
        var shortCode = await PostFormAsync(next, "/cuenta/ingresar-2fa?returnUrl=%2F", "two-factor", "Input.Code", "12345");
        Assert.Contains("El código tiene seis dígitos.", await FormLogin.ReadPageAsync(shortCode));
        var badCode = await PostFormAsync(next, "/cuenta/ingresar-2fa?returnUrl=%2F", "two-factor", "Input.Code", "123456");
        Assert.Contains("El código no es válido.", await FormLogin.ReadPageAsync(badCode));
        // The code that turned 2FA on was spent; the app's next code (30 s later) is still inside the window.
        // Typed in the app's two groups ("123 456").
        var grouped = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)).Insert(3, " ");
        var goodCode = await PostFormAsync(next, "/cuenta/ingresar-2fa?returnUrl=%2F", "two-factor", "Input.Code", grouped);
        Assert.Equal(HttpStatusCode.Redirect, goodCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_second_step_cannot_be_opened_without_a_correct_password_first()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/cuenta/ingresar-2fa");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cuenta/ingresar", new Uri(new Uri(app.BaseUrl), response.Headers.Location!).PathAndQuery);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, string field, string value)
    {
        var token = await FormLogin.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = formName, ["__RequestVerificationToken"] = token, [field] = value,
        }));
    }
}
