using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Segip.Consulta.Core.Features.Signing;

/// <summary>
/// Detached JWS (RFC 7515, compact form <c>header..signature</c>) over the exact bytes of a web-service
/// answer, with the unencoded payload option of RFC 7797 (<c>"b64":false</c>, <c>crit:["b64"]</c>), so the
/// signed input is the body as sent and nothing is copied or re-encoded. The algorithm follows the
/// certificate's key: RS256 for RSA, ES256 for an ECDSA P-256 key; <c>kid</c> is the certificate thumbprint.
/// </summary>
public sealed class DetachedJws
{
    private readonly X509Certificate2 certificate;
    private readonly byte[] signingPrefix;   // ASCII(BASE64URL(header)) + '.'
    private readonly string headerPart;

    public string Algorithm { get; }
    public string KeyId => certificate.Thumbprint;

    public DetachedJws(SigningCertificate signing)
    {
        certificate = signing.Certificate;
        Algorithm = AlgorithmFor(certificate);
        // The protected header never changes for a certificate: encode it once.
        headerPart = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = Algorithm, ["kid"] = KeyId, ["b64"] = false, ["crit"] = new[] { "b64" },
        }));
        signingPrefix = Encoding.ASCII.GetBytes(headerPart + ".");
    }

    /// <summary>The <c>header..signature</c> value of the answer header for these body bytes.</summary>
    public string Sign(ReadOnlySpan<byte> body)
    {
        var hash = SigningInputHash(signingPrefix, body);
        byte[] signature;
        if (Algorithm == "ES256")
        {
            using var ecdsa = certificate.GetECDsaPrivateKey()!;
            signature = ecdsa.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        else
        {
            using var rsa = certificate.GetRSAPrivateKey()
                ?? throw new InvalidOperationException("El certificado de firma no tiene clave privada.");
            signature = rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        return headerPart + ".." + Base64Url(signature);
    }

    /// <summary>
    /// Checks a detached JWS against the body with the history's certificate its <c>kid</c> names
    /// (integrators' samples do the same with their own libraries).
    /// </summary>
    public static bool Verify(string jws, ReadOnlySpan<byte> body, SigningCertificate history)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0) return false;
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        var root = header.RootElement;
        if (!root.TryGetProperty("b64", out var b64) || b64.ValueKind != JsonValueKind.False) return false;
        var certificate = history.FindByThumbprint(root.TryGetProperty("kid", out var kid) ? kid.GetString() : null);
        if (certificate is null) return false;
        var alg = root.GetProperty("alg").GetString();
        if (alg != AlgorithmFor(certificate)) return false;
        var hash = SigningInputHash(Encoding.ASCII.GetBytes(parts[0] + "."), body);
        var signature = FromBase64Url(parts[2]);
        if (alg == "ES256")
        {
            using var ecdsa = certificate.GetECDsaPublicKey()!;
            return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public static string AlgorithmFor(X509Certificate2 certificate) =>
        certificate.GetKeyAlgorithm() == "1.2.840.10045.2.1" ? "ES256" : "RS256";

    /// <summary>SHA-256 of <c>header.</c> followed by the body, hashed in place (the body is not copied).</summary>
    private static byte[] SigningInputHash(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] FromBase64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
