using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// Encrypts new keys with the configured certificate and decrypts with it or the previous one. Nothing is read while
/// the services are registered: the certificates are loaded from the validated options the first time Data
/// Protection needs them (a file that is missing, has no private key or is not RSA is refused at start by
/// <see cref="DataProtectionCertificateOptionsValidator"/>).
/// </summary>
public static class DataProtectionKeyEncryption
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<DataProtectionCertificates>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyEncryptionSetup>();
        // The decryption certificates live in the framework's internal XmlKeyDecryptionOptions, whose only public
        // door (UnprotectKeysWithAnyCertificate) takes certificates already loaded; reach it through its type so
        // they are loaded lazily too. Without it the decryptor would look in the machine's certificate store.
        var decryption = typeof(EncryptedXmlDecryptor).Assembly.GetType("Microsoft.AspNetCore.DataProtection.XmlEncryption.XmlKeyDecryptionOptions", throwOnError: true)!;
        builder.Services.AddSingleton(typeof(IConfigureOptions<>).MakeGenericType(decryption),
            typeof(KeyDecryptionSetup<>).MakeGenericType(decryption));
        return builder;
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

/// <summary>The configured certificates, loaded once on first use.</summary>
internal sealed class DataProtectionCertificates(IOptions<DataProtectionCertificateOptions> options)
{
    private readonly Lazy<X509Certificate2[]> all = new(() =>
    {
        var settings = options.Value;
        if (DataProtectionKeyEncryption.TryLoad(settings.CertificatePath, settings.CertificatePassword) is not { } current) return [];
        return DataProtectionKeyEncryption.TryLoad(settings.PreviousCertificatePath, settings.PreviousCertificatePassword) is { } previous
            ? [current, previous] : [current];
    });

    /// <summary>The certificate new keys are encrypted with, or null: keys stay in clear (Development, the sandbox).</summary>
    public X509Certificate2? Current => all.Value.FirstOrDefault();

    /// <summary>Every certificate that may have encrypted a stored key.</summary>
    public IReadOnlyList<X509Certificate2> All => all.Value;
}

internal sealed class KeyEncryptionSetup(DataProtectionCertificates certificates, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (certificates.Current is { } current) options.XmlEncryptor = new CertificateXmlEncryptor(current, loggerFactory);
    }
}

/// <summary>Configures the framework's internal XmlKeyDecryptionOptions (<typeparamref name="TOptions"/>) with every configured certificate.</summary>
internal sealed class KeyDecryptionSetup<TOptions>(DataProtectionCertificates certificates) : IConfigureOptions<TOptions> where TOptions : class
{
    private static readonly System.Reflection.MethodInfo Add = typeof(TOptions).GetMethod("AddKeyDecryptionCertificate", [typeof(X509Certificate2)])
        ?? throw new InvalidOperationException("XmlKeyDecryptionOptions.AddKeyDecryptionCertificate no existe en esta versión de ASP.NET Core.");

    public void Configure(TOptions options)
    {
        foreach (var certificate in certificates.All) Add.Invoke(options, [certificate]);
    }
}
