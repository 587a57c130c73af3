using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Headers, antiforgery, cookies, lockout, password policy and the sign-in history, over HTTP.</summary>
[Trait("Category", "Integration")]
public class SecurityHardeningTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/cuenta/ingresar")]
    [InlineData("/health/live")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = app.Client();
        var response = await client.GetAsync(path);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var host = new Uri(app.BaseUrl).Authority;
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains($"connect-src 'self' ws://{host} wss://{host}", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        // HSTS only in Production: a developer's http://localhost must not be pinned to HTTPS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Web_service_answers_carry_a_policy_that_lets_nothing_load_or_run()
    {
        var answer = await app.QueryDocumentAsync();

        Assert.Equal(200, answer.Status);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", answer.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", answer.Header("X-Frame-Options"));
        Assert.Equal("no-referrer", answer.Header("Referrer-Policy"));
        // No session of any kind is handed to an institution's system.
        Assert.False(answer.Response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Answers_with_personal_or_audit_data_are_never_stored_by_a_cache()
    {
        var query = await app.QueryDocumentAsync();
        var certificate = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{(string)query.Json["consultaId"]!}/certificado");
        using var auditor = await FormLogin.SignedInClientAsync(app, DemoAccounts.Auditor, DemoAccounts.Password);
        var csv = await auditor.GetAsync("/bitacora/exportar/csv");
        var pdf = await auditor.GetAsync("/bitacora/exportar/pdf");
        var page = await auditor.GetAsync("/bitacora");

        Assert.Equal(200, query.Status);
        Assert.Equal(200, certificate.Status);
        foreach (var response in new[] { query.Response, certificate.Response, csv, pdf, page })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task The_nonce_changes_with_every_response()
    {
        using var client = app.Client();
        var first = string.Join(" ", (await client.GetAsync("/cuenta/ingresar")).Headers.GetValues("Content-Security-Policy"));
        var second = string.Join(" ", (await client.GetAsync("/cuenta/ingresar")).Headers.GetValues("Content-Security-Policy"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_rejected()
    {
        using var client = await FormLogin.SignedInClientAsync(app, DemoAccounts.Legal, DemoAccounts.Password);

        var logout = await client.PostAsync("/cuenta/salir", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var login = await client.PostAsync("/cuenta/ingresar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = DemoAccounts.Auditor, ["Input.Password"] = DemoAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        using var client = app.Client();
        var response = await FormLogin.PostAsync(client, DemoAccounts.Auditor, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("segip.consulta="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // Not persistent: the session ends with the browser as well as after the idle timeout.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_and_each_attempt_is_recorded()
    {
        var email = await TestAccounts.CreateAsync(app, "bloqueo", Roles.Auditor);
        using var client = app.Client();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var html = await FormLogin.ReadPageAsync(await FormLogin.PostAsync(client, email, "Incorrecta-2026!"));
            Assert.Contains(Web.Auth.LoginAttempt.FailureMessage, html);
        }
        var fifth = await FormLogin.ReadPageAsync(await FormLogin.PostAsync(client, email, "Incorrecta-2026!"));
        var rightPassword = await FormLogin.PostAsync(client, email, TestAccounts.Password);

        // Locked, the account answers like any failure: a distinct message would confirm that it exists.
        Assert.Contains(Web.Auth.LoginAttempt.FailureMessage, fifth);
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains(Web.Auth.LoginAttempt.FailureMessage, await FormLogin.ReadPageAsync(rightPassword));
        var user = await TestAccounts.FindAsync(app, email);
        var lockoutEnd = user.LockoutEnd!.Value;
        Assert.InRange(lockoutEnd - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        var actions = await TestAccounts.SignInHistoryAsync(app, user.Id);
        Assert.Equal(4, actions.Count(a => a == SignInActions.Failed));
        Assert.Equal(2, actions.Count(a => a == SignInActions.LockedOut));
    }

    [Fact]
    public async Task Successful_and_failed_sign_ins_are_recorded_in_the_change_history()
    {
        var email = await TestAccounts.CreateAsync(app, "historial", Roles.Legal);
        using var client = app.Client();
        await FormLogin.PostAsync(client, email, "Otra-Clave-2026!");
        await FormLogin.PostAsync(client, email, TestAccounts.Password);
        await FormLogin.PostAsync(client, "nadie@segip.demo", "Otra-Clave-2026!");

        var user = await TestAccounts.FindAsync(app, email);
        Assert.Equal([SignInActions.Failed, SignInActions.Succeeded], await TestAccounts.SignInHistoryAsync(app, user.Id));
        Assert.Equal([SignInActions.Failed], await TestAccounts.SignInHistoryAsync(app, "nadie@segip.demo"));
    }

    [Fact]
    public async Task Without_a_configured_provider_there_is_no_institutional_sign_in()
    {
        using var client = app.Client();
        var page = await FormLogin.ReadPageAsync(await client.GetAsync("/cuenta/ingresar"));
        var token = await FormLogin.AntiforgeryTokenAsync(client, "/cuenta/ingresar");
        var challenge = await client.PostAsync("/cuenta/ingresar-institucional", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));

        Assert.DoesNotContain("Ingresar con cuenta institucional", page);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    [Theory]
    [InlineData("Corta1!", "PasswordTooShort")]
    [InlineData("sinmayusculas-2026", "PasswordRequiresUpper")]
    [InlineData("SINMINUSCULAS-2026", "PasswordRequiresLower")]
    [InlineData("Sin-Digitos-Nunca", "PasswordRequiresDigit")]
    [InlineData("SinSimbolos2026", "PasswordRequiresNonAlphanumeric")]
    public async Task Weak_passwords_are_refused_in_spanish(string password, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = $"debil-{code}@segip.demo", Email = $"debil-{code}@segip.demo", FullName = "Débil" }, password);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.StartsWith("La contraseña debe tener", error.Description);
    }
}
