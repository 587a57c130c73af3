using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Segip.Consulta.Core.Features.Signing;

/// <summary>
/// SEGIP's X.509 certificate, which signs query certificates and audit checkpoints. Loaded from
/// <c>Signing:CertificatePath</c>/<c>Signing:CertificatePassword</c>; in Development, when none is
/// configured, a self-signed ECDSA P-256 one is generated once and kept beside the database. The key history
/// (<c>Signing:PreviousCertificates</c>, public certificates only) keeps checkpoints and answers signed
/// before a rotation verifiable.
/// </summary>
public sealed class SigningCertificate
{
    public X509Certificate2 Certificate { get; }
    public bool IsGenerated { get; }

    /// <summary>Certificates used before the current one (public part only), newest first.</summary>
    public IReadOnlyList<X509Certificate2> Previous { get; }

    private SigningCertificate(X509Certificate2 certificate, bool generated, IReadOnlyList<X509Certificate2>? previous = null)
    {
        Certificate = certificate;
        IsGenerated = generated;
        Previous = previous ?? [];
    }

    /// <summary>Wraps a certificate already at hand (benchmarks, tools, tests).</summary>
    public static SigningCertificate FromCertificate(X509Certificate2 certificate, params IReadOnlyList<X509Certificate2> previous) =>
        new(certificate, false, previous);

    /// <summary>The current certificate followed by the previous ones.</summary>
    public IEnumerable<X509Certificate2> History => Previous.Prepend(Certificate);

    /// <summary>The certificate of the history with this SHA-1 thumbprint (the <c>kid</c> of answers, the checkpoints' thumbprint), or null.</summary>
    public X509Certificate2? FindByThumbprint(string? thumbprint) =>
        History.FirstOrDefault(c => string.Equals(c.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The certificate of validated <see cref="SigningOptions"/>; with none configured (Development, sandbox) a
    /// self-signed one generated once and kept in <paramref name="dataFolder"/>.
    /// </summary>
    public static SigningCertificate Load(SigningOptions options, string dataFolder, bool mayGenerate)
    {
        // Old keys only verify: a private key in a previous certificate is never used.
        var previous = options.PreviousCertificates.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(X509CertificateLoader.LoadCertificateFromFile).ToList();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
            return new(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.Exportable), false, previous);
        if (!mayGenerate)
            throw new InvalidOperationException("Falta Signing:CertificatePath (certificado X.509 del SEGIP).");

        // The RSA certificate earlier versions generated (dev-signing.pfx) stays in the history, public part only,
        // so what it signed (checkpoints, answers) still verifies after the switch to ECDSA.
        var legacyPath = Path.Combine(dataFolder, LegacyDevelopmentFile);
        if (File.Exists(legacyPath))
        {
            using var legacy = X509CertificateLoader.LoadPkcs12FromFile(legacyPath, null);
            previous.Add(X509CertificateLoader.LoadCertificate(legacy.RawData));
        }
        var devPath = Path.Combine(dataFolder, DevelopmentFile);
        if (File.Exists(devPath))
            return new(X509CertificateLoader.LoadPkcs12FromFile(devPath, null, X509KeyStorageFlags.Exportable), true, previous);
        Directory.CreateDirectory(dataFolder);
        var cert = CreateSelfSigned();
        File.WriteAllBytes(devPath, cert.Export(X509ContentType.Pfx));
        return new(cert, true, previous);
    }

    /// <summary>The certificate Development generates: ECDSA P-256 (ES256), about ten times cheaper to sign with than RSA 2048.</summary>
    public const string DevelopmentFile = "dev-signing-es256.pfx";
    private const string LegacyDevelopmentFile = "dev-signing.pfx";

    private const string DevelopmentSubject = "CN=SEGIP Consulta (desarrollo), O=Servicio General de Identificación Personal, C=BO";

    /// <summary>
    /// A self-signed ECDSA P-256 certificate (the default: every answer is signed, and an ES256 signature costs a
    /// fraction of an RS256 one — see docs/performance.md).
    /// </summary>
    public static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return SelfSigned(new CertificateRequest(DevelopmentSubject, key, HashAlgorithmName.SHA256));
    }

    /// <summary>A self-signed RSA 2048 certificate: operators may still configure an RSA one (tests, tools).</summary>
    public static X509Certificate2 CreateSelfSignedRsa()
    {
        using var rsa = RSA.Create(2048);
        return SelfSigned(new CertificateRequest(DevelopmentSubject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static X509Certificate2 SelfSigned(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        // The real clock, not TimeProvider: made once when a key is generated (never per request), and whoever checks
        // the certificate compares its validity with the real date.
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
