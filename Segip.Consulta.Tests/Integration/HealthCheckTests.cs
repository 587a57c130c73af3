using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Health;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Production with the operator's network elsewhere: this machine is neither an operator nor signed in.</summary>
public sealed class RemoteOperatorProductionFactory : ProductionAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Telemetry:OperatorNetworks"] = "10.20.0.0/16",
    };
}

[Trait("Category", "Integration")]
public class HealthCheckTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_detailed_report_names_every_check_in_spanish()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/health/checks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var checks = json["verificaciones"]!.AsArray().ToDictionary(c => (string)c!["nombre"]!, c => c!);
        Assert.Equal(["base-de-datos", "bitacora", "certificado-de-firma", "punto-de-control", "disco", "replicacion"], checks.Keys);
        Assert.Equal("Correcto", (string?)checks["base-de-datos"]["estado"]);
        Assert.Equal("Correcto", (string?)checks["bitacora"]["estado"]);
        Assert.Contains("El certificado de firma vence el", (string?)checks["certificado-de-firma"]["descripcion"]);
        Assert.Contains("MB libres", (string?)checks["disco"]["descripcion"]);
        Assert.StartsWith("No aplica", (string?)checks["replicacion"]["descripcion"]);
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_degraded_and_an_expired_one_unhealthy()
    {
        static async Task<HealthCheckResult> CheckAsync(int daysLeft)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Prueba", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = DateTimeOffset.UtcNow;
            using var cert = request.CreateSelfSigned(now.AddDays(-400), now.AddDays(daysLeft).AddHours(1));
            var check = new SigningCertificateHealthCheck(SigningCertificate.FromCertificate(cert), TimeProvider.System, Options.Create(new HealthOptions()));
            return await check.CheckHealthAsync(new HealthCheckContext());
        }
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(90)).Status);
        var soon = await CheckAsync(12);
        Assert.Equal(HealthStatus.Degraded, soon.Status);
        Assert.Contains("en 12 días", soon.Description);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(-3)).Status);
    }
}

[Trait("Category", "Integration")]
public class HealthCheckAccessTests(RemoteOperatorProductionFactory app) : IClassFixture<RemoteOperatorProductionFactory>
{
    [Fact]
    public async Task Outside_development_the_details_need_an_operator_while_live_and_ready_stay_anonymous()
    {
        using var client = app.Client();
        var details = await client.GetAsync("/health/checks");
        Assert.NotEqual(HttpStatusCode.OK, details.StatusCode);
        Assert.DoesNotContain("verificaciones", await details.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Lista.", await ready.Content.ReadAsStringAsync());
    }
}

/// <summary>An instance whose audit writer is gone can answer no query: it must leave the load balancer's rotation.</summary>
[Trait("Category", "Integration")]
public class AuditWriterReadinessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Ready_answers_503_once_the_audit_writer_has_stopped()
    {
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await app.Get<Core.Features.Audit.AuditLog>().DisposeAsync();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("escritor de la bitácora no está en ejecución", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
