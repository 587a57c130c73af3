using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// <c>GET /api/v1/claves</c> (JWKS) and <c>GET /api/v1/claves.pem</c>: SEGIP's current and previous signing
/// certificates, public and anonymous, so institutions verify answers (<c>X-Firma-JWS</c>, <c>kid</c> =
/// thumbprint) and certificates signed before a rotation. Both are built and signed once per key set
/// (<see cref="SigningKeysDocuments"/>) and served from memory with an ETag, like the contract documents.
/// </summary>
public static class SigningKeysEndpoints
{
    public const string Path = ApiEndpoints.BasePath + "/claves";

    public static void MapSigningKeys(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, SigningKeysDocuments keys) => keys.Jwks.WriteAsync(http))
            .AllowAnonymous()
            .WithMetadata(new SignsItsOwnAnswer())
            .ExcludeFromDescription();
        app.MapGet(Path + ".pem", (HttpContext http, SigningKeysDocuments keys) => keys.Pem.WriteAsync(http))
            .AllowAnonymous()
            .WithMetadata(new SignsItsOwnAnswer())
            .ExcludeFromDescription();
    }

    public static string PemOf(SigningCertificate signing) => string.Concat(signing.History.Select(c => c.ExportCertificatePem() + "\n"));

    public static JsonObject Jwks(SigningCertificate signing) =>
        new() { ["keys"] = new JsonArray(signing.History.Select(c => (JsonNode)Jwk(c, c == signing.Certificate)).ToArray()) };

    /// <summary>One public JWK (RFC 7517) with its certificate chain (x5c) and SHA-256 thumbprint (x5t#S256).</summary>
    private static JsonObject Jwk(X509Certificate2 certificate, bool current)
    {
        var der = certificate.RawData;
        var jwk = new JsonObject { ["kid"] = certificate.Thumbprint, ["use"] = "sig", ["alg"] = DetachedJws.AlgorithmFor(certificate) };
        if (certificate.GetECDsaPublicKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                var p = ecdsa.ExportParameters(false);
                jwk["kty"] = "EC";
                jwk["crv"] = "P-256";
                jwk["x"] = DetachedJws.Base64Url(p.Q.X);
                jwk["y"] = DetachedJws.Base64Url(p.Q.Y);
            }
        }
        else
        {
            using var rsa = certificate.GetRSAPublicKey()!;
            var p = rsa.ExportParameters(false);
            jwk["kty"] = "RSA";
            jwk["n"] = DetachedJws.Base64Url(p.Modulus);
            jwk["e"] = DetachedJws.Base64Url(p.Exponent);
        }
        jwk["x5c"] = new JsonArray(Convert.ToBase64String(der));
        jwk["x5t#S256"] = DetachedJws.Base64Url(SHA256.HashData(der));
        jwk["vigenteDesde"] = DateText.Format(DateOnly.FromDateTime(certificate.NotBefore.ToUniversalTime()));
        jwk["vigenteHasta"] = DateText.Format(DateOnly.FromDateTime(certificate.NotAfter.ToUniversalTime()));
        jwk["actual"] = current;
        return jwk;
    }
}

/// <summary>
/// The JWKS and PEM documents of the process's key set, built and signed on first use. The key set
/// (<see cref="SigningCertificate"/>, current and previous certificates) is loaded once at start-up; a rotation is a
/// restart with new settings, which builds the documents again. Before, every request rebuilt the JWKS (exporting
/// each key) and signed it: an anonymous way to keep the cores busy.
/// </summary>
public sealed class SigningKeysDocuments(SigningCertificate signing, DetachedJws jws)
{
    private readonly Lazy<CachedDocument> jwks = new(() => new CachedDocument(
        Encoding.UTF8.GetBytes(SigningKeysEndpoints.Jwks(signing).ToJsonString()), "application/jwk-set+json; charset=utf-8", b => jws.Sign(b)));
    private readonly Lazy<CachedDocument> pem = new(() => new CachedDocument(
        Encoding.UTF8.GetBytes(SigningKeysEndpoints.PemOf(signing)), "application/x-pem-file; charset=utf-8", b => jws.Sign(b)));

    public CachedDocument Jwks => jwks.Value;
    public CachedDocument Pem => pem.Value;
}
