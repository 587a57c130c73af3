using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// The Data Protection key ring lives in the database (shared by every instance). Without more, each
/// key's secret is stored in clear, and anyone who can read the table can forge session cookies and
/// antiforgery tokens. <c>DataProtection:CertificatePath</c> (a PFX with its private key; required
/// outside Development) encrypts every new key with the certificate's public key; the previous
/// certificate (<c>DataProtection:PreviousCertificatePath</c>) still decrypts keys written before a change.
/// </summary>
public static class DataProtectionKeyEncryption
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";
    public const string PreviousCertificatePathSetting = "DataProtection:PreviousCertificatePath";
    public const string PreviousCertificatePasswordSetting = "DataProtection:PreviousCertificatePassword";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        if (Load(configuration, CertificatePathSetting, CertificatePasswordSetting) is not { } current) return builder;
        var all = new List<X509Certificate2> { current };
        if (Load(configuration, PreviousCertificatePathSetting, PreviousCertificatePasswordSetting) is { } previous) all.Add(previous);
        // The decryptor would otherwise look for the private key in the machine's certificate store.
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. all]);
    }

    private static X509Certificate2? Load(IConfiguration configuration, string pathSetting, string passwordSetting)
    {
        var path = configuration[pathSetting];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path))
            throw new InvalidOperationException($"No existe el certificado de las claves de Data Protection «{path}» ({pathSetting}).");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[passwordSetting], X509KeyStorageFlags.Exportable);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"El certificado «{path}» ({pathSetting}) no tiene la clave privada.");
        // XML encryption transports the key with RSA: an ECDSA certificate (like the signing one) would fail on the first key.
        if (certificate.GetRSAPublicKey() is null)
            throw new InvalidOperationException($"El certificado «{path}» ({pathSetting}) debe tener clave RSA: cifra las claves de Data Protection y ese cifrado solo admite RSA. Use un certificado distinto del de firma si este es ECDSA.");
        return certificate;
    }
}
