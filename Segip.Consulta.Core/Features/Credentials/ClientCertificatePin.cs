using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// The client certificate pinned to a credential, stored as <c>cert:HEX</c> (SHA-256 of the whole
/// certificate: only that certificate), <c>spki:HEX</c> (SHA-256 of its public key: also a renewal of
/// the certificate with the same key) or <c>ca:HEX</c> (SHA-256 of the issuing CA's certificate: any
/// client certificate that CA issued; the CA certificate itself is kept beside the pin to build the chain).
/// SEGIP's administrator pastes the certificate (PEM; a CA certificate — Basic Constraints CA — pins the CA),
/// its SHA-256 fingerprint, or <c>spki:</c> and the key's SHA-256.
/// </summary>
public static class ClientCertificatePin
{
    private const string CertPrefix = "cert:";
    private const string SpkiPrefix = "spki:";
    private const string CaPrefix = "ca:";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The largest CA certificate kept (DER bytes; stored as base64 in a 4000-character column).</summary>
    public const int MaxAuthorityBytes = 2_900;

    /// <summary>
    /// Normalises what staff typed; null for "no pin". <paramref name="authority"/> is the CA certificate
    /// (base64 DER) for a <c>ca:</c> pin, else null. False with a Spanish error when unusable.
    /// </summary>
    public static bool TryParse(string? text, out string? pin, out string? authority, out string? error)
    {
        pin = null;
        authority = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var value = text.Trim();
        if (value.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            try
            {
                using var cert = X509Certificate2.CreateFromPem(value);
                var hash = Convert.ToHexStringLower(cert.GetCertHash(HashAlgorithmName.SHA256));
                if (!IsAuthority(cert))
                {
                    pin = CertPrefix + hash;
                    return true;
                }
                if (cert.RawData.Length > MaxAuthorityBytes)
                {
                    error = $"El certificado de la CA es demasiado grande (más de {MaxAuthorityBytes} bytes).";
                    return false;
                }
                pin = CaPrefix + hash;
                authority = Convert.ToBase64String(cert.RawData);
                return true;
            }
            catch (CryptographicException)
            {
                error = "El certificado PEM no se puede leer.";
                return false;
            }
        }
        if (value.StartsWith(CaPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // The chain cannot be checked from a fingerprint: the CA's certificate itself is needed.
            error = "Para exigir certificados emitidos por una CA, pegue el certificado de la CA (PEM).";
            return false;
        }
        var prefix = value.StartsWith(SpkiPrefix, StringComparison.OrdinalIgnoreCase) ? SpkiPrefix : CertPrefix;
        if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) value = value[prefix.Length..];
        var hex = new string(value.Where(c => c is not (':' or ' ' or '-')).ToArray());
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            error = "Pegue el certificado del cliente o de la CA emisora (PEM) o la huella SHA-256 del certificado (64 caracteres hexadecimales; «spki:» delante para la huella de la clave pública).";
            return false;
        }
        pin = prefix + hex.ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// Whether the presented certificate satisfies the pin (and is within its validity dates). For a <c>ca:</c>
    /// pin: it chains to the stored CA and to nothing else (no system roots), is not the CA itself, is valid at
    /// <paramref name="nowUtc"/> and allows client authentication. Revocation is not checked (no CRL/OCSP traffic).
    /// </summary>
    public static bool Matches(string pin, string? authority, X509Certificate2? presented, DateTime nowUtc)
    {
        if (presented is null || nowUtc < presented.NotBefore.ToUniversalTime() || nowUtc > presented.NotAfter.ToUniversalTime())
            return false;
        if (pin.StartsWith(CaPrefix, StringComparison.Ordinal)) return ChainsToAuthority(pin, authority, presented, nowUtc);
        var expected = pin.StartsWith(SpkiPrefix, StringComparison.Ordinal)
            ? SpkiPrefix + Convert.ToHexStringLower(SHA256.HashData(presented.PublicKey.ExportSubjectPublicKeyInfo()))
            : CertPrefix + Convert.ToHexStringLower(presented.GetCertHash(HashAlgorithmName.SHA256));
        return SameText(expected, pin);
    }

    /// <summary>How staff see a pin: the kind and the fingerprint in groups, e.g. "Certificado SHA-256 3f:a1:…".</summary>
    public static string Describe(string pin)
    {
        var (prefix, label) = pin.StartsWith(SpkiPrefix, StringComparison.Ordinal) ? (SpkiPrefix, "Clave pública SHA-256 ")
            : pin.StartsWith(CaPrefix, StringComparison.Ordinal) ? (CaPrefix, "CA emisora SHA-256 ")
            : (CertPrefix, "Certificado SHA-256 ");
        return label + pin[prefix.Length..][..16] + "…";
    }

    /// <summary>The stored CA certificate as PEM, to show it again in the edit form.</summary>
    public static string? AuthorityPem(string? authority) =>
        authority is null ? null : PemEncoding.WriteString("CERTIFICATE", Convert.FromBase64String(authority));

    private static bool IsAuthority(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static bool ChainsToAuthority(string pin, string? authority, X509Certificate2 presented, DateTime nowUtc)
    {
        if (authority is null) return false;
        using var ca = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(authority));
        // The stored certificate must still be the pinned one (the two columns are written together).
        if (!SameText(CaPrefix + Convert.ToHexStringLower(ca.GetCertHash(HashAlgorithmName.SHA256)), pin)) return false;
        // The CA certificate is public: presenting it is not presenting a certificate the CA issued.
        if (presented.RawData.AsSpan().SequenceEqual(ca.RawData)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        chain.ChainPolicy.VerificationTimeIgnored = false;
        // A certificate with an extended key usage must allow TLS client authentication.
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        try
        {
            if (!chain.Build(presented) || chain.ChainElements.Count < 2) return false;
            return chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(ca.RawData);
        }
        finally
        {
            foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        }
    }

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));
}
