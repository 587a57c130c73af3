using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The app in <c>Production</c>: no demo data, a real signing certificate and hash key.</summary>
public sealed class ProductionAppFactory : AppFactory
{
    public ProductionAppFactory()
    {
        using var certificate = SigningCertificate.CreateSelfSigned();
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, "clave-pfx"));
    }

    private string CertificatePath => Path.Combine(Folder, "segip.pfx");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "false",
        ["Signing:CertificatePath"] = CertificatePath,
        ["Signing:CertificatePassword"] = "clave-pfx",
        ["Credentials:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["PublicBaseUrl"] = "https://consulta.segip.gob.bo",
        ["DataProtection:CertificatePath"] = CertificatePath,
        ["DataProtection:CertificatePassword"] = "clave-pfx",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
