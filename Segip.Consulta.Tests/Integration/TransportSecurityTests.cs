using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Security;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Production transport (issue 14, item 8): HSTS, Secure antiforgery cookie, HTTPS redirect, trusted proxies.</summary>
[Trait("Category", "Integration")]
public class TransportSecurityTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public void Hsts_lasts_at_least_a_year_and_covers_sub_domains()
    {
        var hsts = app.Get<IOptions<HstsOptions>>().Value;
        Assert.True(hsts.MaxAge >= TimeSpan.FromDays(365), $"max-age {hsts.MaxAge}");
        Assert.True(hsts.IncludeSubDomains);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_outside_development()
    {
        using var client = app.ForwardedClient(useCookies: false);
        var response = await client.GetAsync("/cuenta/ingresar");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("segip.consulta.af="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_audit_log_records_the_client_address_and_elsewhere_the_header_is_ignored()
    {
        await using var behindProxy = new ProxiedAppFactory();
        var forwarded = await behindProxy.CallWithForwardedForAsync("200.87.10.20");
        Assert.Equal("200.87.10.20", (await behindProxy.AuditRecordAsync((string)forwarded.Json["consultaId"]!)).ClientIp);

        // No trusted proxy configured: a client cannot claim another address.
        await using var direct = new AppFactory();
        var spoofed = await direct.CallWithForwardedForAsync("200.87.10.20");
        Assert.Equal("127.0.0.1", (await direct.AuditRecordAsync((string)spoofed.Json["consultaId"]!)).ClientIp);
    }

    [Theory]
    [InlineData("urls", "https://0.0.0.0:443;http://0.0.0.0:80", true)]
    [InlineData("https_port", "443", true)]
    [InlineData("Kestrel:Endpoints:Seguro:Url", "https://*:8443", true)]
    [InlineData("urls", "http://127.0.0.1:5000", false)]
    public void Http_is_redirected_only_when_the_app_has_an_https_endpoint(string key, string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        Assert.Equal(expected, TransportSecurity.HasHttpsEndpoint(configuration));
    }

    private sealed class ProxiedAppFactory : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
    }
}

internal static class ForwardedCalls
{
    public static async Task<WebServiceAnswer> CallWithForwardedForAsync(this AppFactory app, string clientIp)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/consultas/documento")
        {
            Content = new StringContent("""{"tipoDocumento":"CI","numeroDocumento":"1234567","finalidad":"Apertura de cuenta de ahorro"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("demo-banco:Demo-Banco-2026"u8.ToArray()));
        request.Headers.Add("X-Usuario-Final", "BD-001");
        request.Headers.Add("X-Forwarded-For", clientIp);
        var response = await client.SendAsync(request);
        return new WebServiceAnswer(response, await response.Content.ReadAsStringAsync());
    }
}
