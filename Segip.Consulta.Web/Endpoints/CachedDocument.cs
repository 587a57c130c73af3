using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// An anonymous contract document (the OpenAPI JSON, the WSDL) as bytes built once, with a strong ETag
/// over them: each request only copies the bytes, and a client that already has them gets 304. Clients that
/// accept Brotli or gzip (browsers, most HTTP libraries) get a copy compressed once, not per request: the
/// OpenAPI document is ≈ 230 KB, and copying that through the network stack costs more than the request itself.
/// A document under <c>/api/v1</c> (the signing keys) is signed like every answer there (<c>X-Firma-JWS</c> over the
/// exact bytes sent), each representation once: the endpoint carries <see cref="Api.SignsItsOwnAnswer"/>.
/// </summary>
public sealed class CachedDocument
{
    /// <summary>
    /// Caches and proxies may keep the document for five minutes and then revalidate with the ETag: a new
    /// version of the app (a new contract) is seen within minutes without every client re-downloading it.
    /// </summary>
    public const string CacheControl = "public, max-age=300";

    private readonly Representation identity;
    private readonly Lazy<Representation> brotli;
    private readonly Lazy<Representation> gzip;
    /// <summary>The detached JWS of a 304's empty body; null when the document is not signed.</summary>
    private readonly Lazy<string>? notModifiedSignature;

    /// <param name="sign">Signs bytes as sent (<c>DetachedJws.Sign</c>); null for a document outside <c>/api/v1</c>.</param>
    public CachedDocument(byte[] body, string contentType, Func<byte[], string>? sign = null)
    {
        Body = body;
        ContentType = contentType;
        var hash = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16));
        identity = new Representation(body, null, $"\"{hash}\"", sign);
        brotli = new(() => new Representation(Compress(body, s => new BrotliStream(s, CompressionLevel.SmallestSize)), "br", $"\"{hash}-br\"", sign));
        gzip = new(() => new Representation(Compress(body, s => new GZipStream(s, CompressionLevel.SmallestSize)), "gzip", $"\"{hash}-gz\"", sign));
        if (sign is not null) notModifiedSignature = new(() => sign([]));
    }

    public byte[] Body { get; }
    public string ContentType { get; }

    /// <summary>The ETag of the uncompressed bytes.</summary>
    public string ETag => identity.ETag;

    public Task WriteAsync(HttpContext http)
    {
        var chosen = Negotiate(http.Request);
        var response = http.Response;
        response.Headers.ETag = chosen.ETag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Vary = "Accept-Encoding";
        if (IsFresh(http.Request, chosen))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            if (notModifiedSignature is not null) response.Headers[Api.SignedAnswers.Header] = notModifiedSignature.Value;
            return Task.CompletedTask;
        }
        if (chosen.Signature is not null) response.Headers[Api.SignedAnswers.Header] = chosen.Signature.Value;
        response.ContentType = ContentType;
        if (chosen.Encoding is not null) response.Headers.ContentEncoding = chosen.Encoding;
        response.ContentLength = chosen.Bytes.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(chosen.Bytes, http.RequestAborted).AsTask();
    }

    /// <summary>Brotli, else gzip, when Accept-Encoding allows it (q &gt; 0); otherwise the bytes as they are.</summary>
    private Representation Negotiate(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var codings)) return identity;
        bool Accepts(string name) => codings.Any(c => c.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && c.Quality is null or > 0);
        if (Accepts("br")) return brotli.Value;
        return Accepts("gzip") ? gzip.Value : identity;
    }

    /// <summary>If-None-Match names the version being sent (or is <c>*</c>): the client's copy is current.</summary>
    private static bool IsFresh(HttpRequest request, Representation chosen)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(chosen.Tag, useStrongComparison: false));
    }

    private static byte[] Compress(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output)) stream.Write(body);
        return output.ToArray();
    }

    private sealed class Representation(byte[] bytes, string? encoding, string etag, Func<byte[], string>? sign)
    {
        public byte[] Bytes { get; } = bytes;
        public Lazy<string>? Signature { get; } = sign is null ? null : new(() => sign(bytes));
        public string? Encoding { get; } = encoding;
        public string ETag { get; } = etag;
        public EntityTagHeaderValue Tag { get; } = new(etag);
    }
}
