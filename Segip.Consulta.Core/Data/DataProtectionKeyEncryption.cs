using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Section <c>DataProtection</c>. The Data Protection key ring lives in the database (shared by every instance).
/// Without more, each key's secret is stored in clear, and anyone who can read the table can forge session cookies
/// and antiforgery tokens. <c>CertificatePath</c> (a PFX with its private key; required outside Development and the
/// sandbox) encrypts every new key with the certificate's public key; the previous certificate
/// (<c>PreviousCertificatePath</c>) still decrypts keys written before a change.
/// </summary>
public sealed class DataProtectionCertificateOptions
{
    public const string SectionName = "DataProtection";

    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    public string? PreviousCertificatePath { get; set; }
    public string? PreviousCertificatePassword { get; set; }
}

public sealed class DataProtectionCertificateOptionsValidator(HostingRules hosting) : IValidateOptions<DataProtectionCertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionCertificateOptions options)
    {
        var failures = new List<string>();
        // The sandbox holds no real data: its keys may stay unencrypted (recommended all the same).
        if (string.IsNullOrWhiteSpace(options.CertificatePath) && !hosting.MayGenerateKeys)
            failures.Add("Falta DataProtection:CertificatePath (certificado que cifra las claves de Data Protection en la base de datos).");
        foreach (var (path, password, setting) in new[]
                 {
                     (options.CertificatePath, options.CertificatePassword, "CertificatePath"),
                     (options.PreviousCertificatePath, options.PreviousCertificatePassword, "PreviousCertificatePath"),
                 })
        {
            if (string.IsNullOrWhiteSpace(path)) continue;
            if (!File.Exists(path))
                failures.Add($"No existe el certificado de las claves de Data Protection «{path}» (DataProtection:{setting}).");
            else if (DataProtectionKeyEncryption.TryLoad(path, password) is not { } certificate)
                failures.Add($"El certificado «{path}» (DataProtection:{setting}) no se pudo abrir con su contraseña o no tiene la clave privada.");
            // XML encryption transports the key with RSA: an ECDSA certificate (like the signing one) would fail on the first key.
            else if (certificate.GetRSAPublicKey() is null)
                failures.Add($"El certificado «{path}» (DataProtection:{setting}) debe tener clave RSA: cifra las claves de Data Protection y ese cifrado solo admite RSA. Use un certificado distinto del de firma si este es ECDSA.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Encrypts new keys with the configured certificate and decrypts with it or the previous one. The framework takes
/// the certificates while the services are registered, so this one section is read then, from the same options class;
/// a file that is missing or has no private key is left to <see cref="DataProtectionCertificateOptionsValidator"/>,
/// which refuses it when the host starts.
/// </summary>
public static class DataProtectionKeyEncryption
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var options = configuration.GetSection(DataProtectionCertificateOptions.SectionName).Get<DataProtectionCertificateOptions>() ?? new();
        if (TryLoad(options.CertificatePath, options.CertificatePassword) is not { } current) return builder;
        var all = new List<X509Certificate2> { current };
        if (TryLoad(options.PreviousCertificatePath, options.PreviousCertificatePassword) is { } previous) all.Add(previous);
        // The decryptor would otherwise look for the private key in the machine's certificate store.
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. all]);
    }

    /// <summary>The certificate with its private key, or null when there is none to use.</summary>
    internal static X509Certificate2? TryLoad(string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
            return certificate.HasPrivateKey ? certificate : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
