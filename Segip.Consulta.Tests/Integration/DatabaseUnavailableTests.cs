using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app in Production on a PostgreSQL server that does not answer (nothing listens on its port).</summary>
public sealed class UnreachableDatabaseApp : AppFactory
{
    private readonly int deadPort = AppInstance.FreePort();

    public UnreachableDatabaseApp()
    {
        using var certificate = SigningCertificate.CreateSelfSigned();
        File.WriteAllBytes(Path.Combine(Folder, "segip.pfx"), certificate.Export(X509ContentType.Pfx, "clave-pfx"));
        // Data Protection encrypts its keys with XML encryption, whose key transport needs RSA: its own certificate.
        using var keyCertificate = SigningCertificate.CreateSelfSignedRsa();
        File.WriteAllBytes(Path.Combine(Folder, "data-protection.pfx"), keyCertificate.Export(X509ContentType.Pfx, "clave-pfx"));
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "false",
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Consulta"] = $"Host=127.0.0.1;Port={deadPort};Username=segip;Database=segip;Timeout=2",
        ["Signing:CertificatePath"] = Path.Combine(Folder, "segip.pfx"),
        ["Signing:CertificatePassword"] = "clave-pfx",
        ["Credentials:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["PublicBaseUrl"] = "https://consulta.segip.gob.bo",
        ["DataProtection:CertificatePath"] = Path.Combine(Folder, "data-protection.pfx"),
        ["DataProtection:CertificatePassword"] = "clave-pfx",
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
    public async Task A_soap_query_gets_a_server_fault_servicio_no_disponible_with_the_wait()
    {
        XNamespace svc = "http://consulta.segip.gob.bo/servicio/v1";
        var envelope = $"""
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="{svc}">
              <soap:Header>
                <wsse:Security soap:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
                  <wsse:UsernameToken><wsse:Username>demo-banco</wsse:Username>
                    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">Demo-Banco-2026</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>
              </soap:Header>
              <soap:Body><c:ConsultarDocumento><c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento>
                <c:numeroDocumento>1234567</c:numeroDocumento><c:finalidad>Apertura de cuenta</c:finalidad></c:ConsultarDocumento></soap:Body>
            </soap:Envelope>
            """;
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/ConsultaService.asmx") { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{svc}/ConsultaService/ConsultarDocumento\"");

        var response = await client.SendAsync(request);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var fault = xml.Descendants(XName.Get("Fault", "http://schemas.xmlsoap.org/soap/envelope/")).Single();
        Assert.EndsWith("Server.SERVICIO_NO_DISPONIBLE", fault.Element("faultcode")!.Value);
        Assert.Contains("reintente en unos segundos", fault.Element("faultstring")!.Value);
        Assert.Equal("5", xml.Descendants(svc + "reintentarEnSegundos").Single().Value);
        Assert.Empty(xml.Descendants(svc + "persona"));
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
