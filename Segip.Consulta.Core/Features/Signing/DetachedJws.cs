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
    // The private key object and a SHA-256 context per thread, made once: GetECDsaPrivateKey/GetRSAPrivateKey import
    // the key into a new object on every call (a visible share of each answer's CPU), and .NET does not promise that
    // one key object may sign on several threads at once.
    private readonly ThreadLocal<Signer> signers;

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
        signers = new ThreadLocal<Signer>(() => new Signer(certificate, Algorithm == "ES256"));
    }

    /// <summary>The <c>header..signature</c> value of the answer header for these body bytes.</summary>
    public string Sign(ReadOnlySpan<byte> body)
    {
        var signer = signers.Value!;
        Span<byte> hash = stackalloc byte[32];
        signer.Hash.AppendData(signingPrefix);
        signer.Hash.AppendData(body);
        signer.Hash.GetHashAndReset(hash);
        Span<byte> signature = stackalloc byte[signer.MaxSignatureBytes];
        var written = signer.SignHash(hash, signature);
        // header + ".." + BASE64URL(signature), composed on the stack and copied once into the string.
        Span<char> text = stackalloc char[headerPart.Length + 2 + System.Buffers.Text.Base64Url.GetEncodedLength(written)];
        headerPart.CopyTo(text);
        text[headerPart.Length] = '.';
        text[headerPart.Length + 1] = '.';
        System.Buffers.Text.Base64Url.EncodeToChars(signature[..written], text[(headerPart.Length + 2)..]);
        return new string(text);
    }

    /// <summary>One thread's key object and hash context.</summary>
    private sealed class Signer
    {
        private readonly ECDsa? ecdsa;
        private readonly RSA? rsa;

        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public int MaxSignatureBytes { get; }

        public Signer(X509Certificate2 certificate, bool ec)
        {
            if (ec)
            {
                ecdsa = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("El certificado de firma no tiene clave privada.");
                MaxSignatureBytes = ecdsa.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            else
            {
                rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("El certificado de firma no tiene clave privada.");
                MaxSignatureBytes = (rsa.KeySize + 7) / 8;
            }
        }

        public int SignHash(ReadOnlySpan<byte> hash, Span<byte> destination)
        {
            var done = ecdsa is not null
                ? ecdsa.TrySignHash(hash, destination, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
                : rsa!.TrySignHash(hash, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out written);
            return done ? written : throw new CryptographicException("La firma no cupo en el espacio previsto.");
        }
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
