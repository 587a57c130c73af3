using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The app in <c>Production</c>: no demo data, a real signing certificate and hash key.</summary>
public class ProductionAppFactory : AppFactory
{
    public ProductionAppFactory()
    {
        using var certificate = SigningCertificate.CreateSelfSigned();
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, "clave-pfx"));
        // Data Protection encrypts its keys with XML encryption, whose key transport needs RSA: its own certificate.
        using var keyCertificate = SigningCertificate.CreateSelfSignedRsa();
        File.WriteAllBytes(KeyCertificatePath, keyCertificate.Export(X509ContentType.Pfx, "clave-pfx"));
    }

    private string CertificatePath => Path.Combine(Folder, "segip.pfx");
    private string KeyCertificatePath => Path.Combine(Folder, "data-protection.pfx");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "false",
        ["Signing:CertificatePath"] = CertificatePath,
        ["Signing:CertificatePassword"] = "clave-pfx",
        ["Credentials:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["PublicBaseUrl"] = "https://consulta.segip.gob.bo",
        ["DataProtection:CertificatePath"] = KeyCertificatePath,
        ["DataProtection:CertificatePassword"] = "clave-pfx",
        // The tests play the TLS-terminating load balancer on loopback: X-Forwarded-Proto: https (ForwardedClient).
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };

    /// <summary>A client as the load balancer forwards it: HTTPS to the browser, plain HTTP on loopback to the app.</summary>
    public HttpClient ForwardedClient(bool useCookies = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = useCookies }) { BaseAddress = new Uri(Start()) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
