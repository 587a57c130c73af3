using System.Net;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class HealthAndAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private HttpClient Client() => app.Client();

    [Fact]
    public async Task Health_endpoints_answer_anonymously()
    {
        using var client = Client();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Lista.", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_not_served_unless_the_operator_enables_them()
    {
        using var client = Client();
        var response = await client.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("segip_consulta", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/consultas")]
    public async Task Anonymous_users_are_sent_to_the_login_page(string path)
    {
        using var client = Client();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_page_is_public_and_in_spanish()
    {
        using var client = Client();
        var html = await client.GetStringAsync("/cuenta/ingresar");
        Assert.Contains("lang=\"es-BO\"", html);
        Assert.Contains("Correo electrónico", html);
    }
}
