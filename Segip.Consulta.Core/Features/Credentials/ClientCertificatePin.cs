using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// The client certificate pinned to a credential, stored as <c>cert:HEX</c> (SHA-256 of the whole
/// certificate: only that certificate) or <c>spki:HEX</c> (SHA-256 of its public key: also a renewal of
/// the certificate with the same key). SEGIP's administrator pastes the certificate (PEM), its SHA-256
/// fingerprint, or <c>spki:</c> and the key's SHA-256.
/// </summary>
public static class ClientCertificatePin
{
    private const string CertPrefix = "cert:";
    private const string SpkiPrefix = "spki:";

    /// <summary>Normalises what staff typed; null for "no pin". False with a Spanish error when unusable.</summary>
    public static bool TryParse(string? text, out string? pin, out string? error)
    {
        pin = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var value = text.Trim();
        if (value.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            try
            {
                using var cert = X509Certificate2.CreateFromPem(value);
                pin = CertPrefix + Convert.ToHexStringLower(cert.GetCertHash(HashAlgorithmName.SHA256));
                return true;
            }
            catch (CryptographicException)
            {
                error = "El certificado PEM no se puede leer.";
                return false;
            }
        }
        var prefix = value.StartsWith(SpkiPrefix, StringComparison.OrdinalIgnoreCase) ? SpkiPrefix : CertPrefix;
        if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) value = value[prefix.Length..];
        var hex = new string(value.Where(c => c is not (':' or ' ' or '-')).ToArray());
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            error = "Pegue el certificado del cliente (PEM) o su huella SHA-256 (64 caracteres hexadecimales; «spki:» delante para la huella de la clave pública).";
            return false;
        }
        pin = prefix + hex.ToLowerInvariant();
        return true;
    }

    /// <summary>Whether the presented certificate is the pinned one (and is within its validity dates).</summary>
    public static bool Matches(string pin, X509Certificate2? presented, DateTime nowUtc)
    {
        if (presented is null || nowUtc < presented.NotBefore.ToUniversalTime() || nowUtc > presented.NotAfter.ToUniversalTime())
            return false;
        var expected = pin.StartsWith(SpkiPrefix, StringComparison.Ordinal)
            ? SpkiPrefix + Convert.ToHexStringLower(SHA256.HashData(presented.PublicKey.ExportSubjectPublicKeyInfo()))
            : CertPrefix + Convert.ToHexStringLower(presented.GetCertHash(HashAlgorithmName.SHA256));
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(pin));
    }

    /// <summary>How staff see a pin: the kind and the fingerprint in groups, e.g. "Certificado SHA-256 3f:a1:…".</summary>
    public static string Describe(string pin)
    {
        var spki = pin.StartsWith(SpkiPrefix, StringComparison.Ordinal);
        var hex = pin[(spki ? SpkiPrefix : CertPrefix).Length..];
        return (spki ? "Clave pública SHA-256 " : "Certificado SHA-256 ") + hex[..16] + "…";
    }
}
