using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app in Production on a PostgreSQL server that does not answer (nothing listens on its port).</summary>
public sealed class UnreachableDatabaseApp : AppFactory
{
    private readonly int _deadPort = AppInstance.FreePort();

    public UnreachableDatabaseApp()
    {
        using var certificate = SigningCertificate.CreateSelfSigned();
        File.WriteAllBytes(Path.Combine(Folder, "segip.pfx"), certificate.Export(X509ContentType.Pfx, "clave-pfx"));
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "false",
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Consulta"] = $"Host=127.0.0.1;Port={_deadPort};Username=segip;Database=segip;Timeout=2",
        ["Signing:CertificatePath"] = Path.Combine(Folder, "segip.pfx"),
        ["Signing:CertificatePassword"] = "clave-pfx",
        ["Credentials:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>
/// A database that cannot be reached gets a clear Spanish refusal that tells the caller to retry, and the
/// readiness probe takes the instance out of the load balancer; nothing is answered without its audit record.
/// </summary>
[Trait("Category", "Integration")]
public class DatabaseUnavailableTests(UnreachableDatabaseApp app) : IClassFixture<UnreachableDatabaseApp>
{
    [Fact]
    public async Task A_query_gets_503_servicio_no_disponible_with_retry_after_and_no_data()
    {
        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", correlationId: "caida-1",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = WebServiceClient.Purpose });

        Assert.Equal((503, "SERVICIO_NO_DISPONIBLE"), (answer.Status, answer.Code));
        Assert.Equal("5", answer.Header("Retry-After"));
        Assert.Equal("Servicio no disponible", (string?)answer.Json["title"]);
        Assert.Contains("reintente en unos segundos", (string?)answer.Json["detail"]);
        Assert.Equal("caida-1", (string?)answer.Json["correlationId"]);
        Assert.Null(answer.Json["consultaId"]);
        Assert.DoesNotContain("Npgsql", answer.Text);
        Assert.DoesNotContain("Exception", answer.Text);
    }

    [Fact]
    public async Task Readiness_turns_503_while_liveness_stays_up()
    {
        using var client = app.Client();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Equal(200, (int)live.StatusCode);
    }
}
