using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A citizen session without the provider round trip: the app's own <see cref="CitizenSignIn"/> turns the
/// document claims Ciudadanía Digital would assert into the session cookie, which an HTTP client then
/// carries. The browser journey drives the real provider (<see cref="TestIdentityProvider"/>).
/// </summary>
public static class CitizenSession
{
    /// <summary>The Set-Cookie headers of a citizen sign-in, or the refusal code.</summary>
    public static async Task<(string? Refusal, string[] SetCookie)> SignInAsync(AppFactory app, string number, string? complement = null, string? type = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var claims = new List<Claim> { new("numero_documento", number), new("name", "Ciudadano de prueba") };
        if (complement is not null) claims.Add(new Claim("complemento", complement));
        if (type is not null) claims.Add(new Claim("tipo_documento", type));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CitizenOptions.Scheme));
        var external = AuthenticateResult.Success(new AuthenticationTicket(principal, CitizenOptions.ExternalScheme));
        var refusal = await scope.ServiceProvider.GetRequiredService<CitizenSignIn>().SignInAsync(http, external);
        return (refusal, http.Response.Headers.SetCookie.Select(v => v ?? "").ToArray());
    }

    /// <summary>An HTTP client holding the citizen session of the person with that document.</summary>
    public static async Task<HttpClient> SignedInClientAsync(AppFactory app, string number, string? complement = null)
    {
        var (refusal, setCookie) = await SignInAsync(app, number, complement);
        if (refusal is not null) throw new InvalidOperationException($"No se pudo ingresar como ciudadano {number}: {refusal}");
        var baseUri = new Uri(app.Start());
        var cookies = new CookieContainer();
        var prefix = CitizenSetup.CitizenCookie + "=";
        foreach (var header in setCookie.Where(h => h.StartsWith(prefix, StringComparison.Ordinal)))
            cookies.Add(baseUri, new Cookie(CitizenSetup.CitizenCookie, header.Split(';')[0][prefix.Length..]));
        if (cookies.Count == 0) throw new InvalidOperationException("El ingreso ciudadano no dejó su cookie.");
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        return new HttpClient(handler) { BaseAddress = baseUri };
    }
}
