using System.Net;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app with a tiny verification allowance, so the limit is reached in a few requests.</summary>
public class LowVerificationLimitApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Verification:PermitsPerMinute"] = "3" };
}

[Trait("Category", "Integration")]
public class VerificationRateLimitTests(LowVerificationLimitApp app) : IClassFixture<LowVerificationLimitApp>
{
    [Fact]
    public async Task Verification_is_public_and_too_many_checks_from_one_address_get_a_spanish_429()
    {
        using var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            var page = await client.GetAsync($"/verificar/ABCD-EFGH-JKMN-PQR{(char)('S' + i)}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Certificado no encontrado", await page.Content.ReadAsStringAsync());
        }

        var refused = await client.GetAsync("/verificar?codigo=ABCD-EFGH-JKMN-PQRW");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Demasiadas solicitudes", html);
        Assert.Contains("Espere un minuto", html);
        // Other pages are not limited by the verification policy.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Certificate_download_requires_a_signed_in_officer()
    {
        using var client = app.Client();
        var response = await client.GetAsync($"/consultas/{Guid.NewGuid()}/certificado");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
    }
}
