using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>What only Production does: Secure cookies and an error page that tells nothing about the inside.</summary>
[Trait("Category", "Integration")]
public class ProductionSecurityTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    private const string Email = "ti@segip.gob.bo";
    private const string Password = "Clave-Segura-2026!";

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site()
    {
        await EnsureAccountAsync();
        using var client = ClientWithoutCookieJar();

        var response = await PostLoginAsync(client, Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("segip.consulta="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_failure_inside_shows_the_spanish_error_page_without_stack_trace_or_sql()
    {
        using var client = ClientWithoutCookieJar();
        // A real database failure: the table the sign-in reads is gone for this one request.
        await RenameUsersTableAsync("AspNetUsers", "AspNetUsers_fuera");
        HttpResponseMessage response;
        try { response = await PostLoginAsync(client, Email, Password); }
        finally { await RenameUsersTableAsync("AspNetUsers_fuera", "AspNetUsers"); }

        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Ocurrió un error", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain("SELECT ", html);
        Assert.DoesNotContain("no such table", html);
        Assert.DoesNotContain("AspNetUsers", html);
        Assert.DoesNotContain("Exception", html);
    }

    private HttpClient ClientWithoutCookieJar() => app.ForwardedClient(useCookies: false);

    /// <summary>Secure cookies are not sent back over plain HTTP by a cookie jar, so carry the antiforgery cookie by hand.</summary>
    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetAsync("/cuenta/ingresar");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.True(page.Headers.TryGetValues("Set-Cookie", out var setCookies), $"{(int)page.StatusCode} {html[..Math.Min(html.Length, 3000)]}");
        var cookies = string.Join("; ", setCookies.Select(c => c.Split(';')[0]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/cuenta/ingresar")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
            }),
        };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private async Task EnsureAccountAsync()
    {
        app.Start();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(Email) is not null) return;
        var user = new ApplicationUser { UserName = Email, Email = Email, EmailConfirmed = true, FullName = "TI SEGIP" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.SegipAdmin);
    }

    private async Task RenameUsersTableAsync(string from, string to)
    {
        app.Start();
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE \"{from}\" RENAME TO \"{to}\"";
        await command.ExecuteNonQueryAsync();
    }
}
