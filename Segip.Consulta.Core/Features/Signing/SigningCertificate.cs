using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Segip.Consulta.Core.Features.Signing;

/// <summary>
/// SEGIP's X.509 certificate, which signs query certificates and audit checkpoints. Loaded from
/// <c>Signing:CertificatePath</c>/<c>Signing:CertificatePassword</c>; in Development, when none is
/// configured, a self-signed one is generated once and kept beside the database.
/// </summary>
public sealed class SigningCertificate
{
    public X509Certificate2 Certificate { get; }
    public bool IsGenerated { get; }

    private SigningCertificate(X509Certificate2 certificate, bool generated)
    {
        Certificate = certificate;
        IsGenerated = generated;
    }

    /// <summary>Wraps a certificate already at hand (benchmarks, tools).</summary>
    public static SigningCertificate FromCertificate(X509Certificate2 certificate) => new(certificate, false);

    public static SigningCertificate Load(IConfiguration configuration, string dataFolder, bool isDevelopment)
    {
        var path = configuration["Signing:CertificatePath"];
        var password = configuration["Signing:CertificatePassword"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"No existe el certificado de firma «{path}» (Signing:CertificatePath).");
            return new(X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable), false);
        }
        if (!isDevelopment)
            throw new InvalidOperationException("Falta Signing:CertificatePath: el certificado X.509 del SEGIP es obligatorio fuera de Development.");

        var devPath = Path.Combine(dataFolder, "dev-signing.pfx");
        if (File.Exists(devPath))
            return new(X509CertificateLoader.LoadPkcs12FromFile(devPath, null, X509KeyStorageFlags.Exportable), true);
        Directory.CreateDirectory(dataFolder);
        var cert = CreateSelfSigned();
        File.WriteAllBytes(devPath, cert.Export(X509ContentType.Pfx));
        return new(cert, true);
    }

    public static X509Certificate2 CreateSelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=SEGIP Consulta (desarrollo), O=Servicio General de Identificación Personal, C=BO",
            rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
