using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Every /api/v1 answer carries SEGIP's detached JWS over the exact body (X-Firma-JWS).</summary>
[Trait("Category", "Integration")]
public class SignedAnswersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<(int Status, byte[] Body, string? Jws)> RawAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var jws = response.Headers.TryGetValues("X-Firma-JWS", out var v) ? v.Single() : null;
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), jws);
    }

    [Fact]
    public async Task Answers_and_errors_are_signed_over_their_exact_bytes()
    {
        var found = await app.QueryDocumentAsync();
        var refused = await app.QueryDocumentAsync(secret: "incorrecta");
        var signing = app.Get<SigningCertificate>();

        foreach (var answer in new[] { found, refused })
        {
            var jws = answer.Header("X-Firma-JWS");
            Assert.NotNull(jws);
            var body = Encoding.UTF8.GetBytes(answer.Text);
            Assert.True(DetachedJws.Verify(jws, body, signing), $"{answer.Status}: {jws}");
            Assert.False(DetachedJws.Verify(jws, Encoding.UTF8.GetBytes(answer.Text + " "), signing));
            var header = JsonNode.Parse(Convert.FromBase64String(Pad(jws.Split('.')[0])))!;
            Assert.Equal(signing.Certificate.Thumbprint, header["kid"]!.GetValue<string>());
            Assert.False(header["b64"]!.GetValue<bool>());
            Assert.Equal("b64", header["crit"]![0]!.GetValue<string>());
        }
        Assert.Equal(200, found.Status);
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task The_pdf_certificate_answer_is_signed_too()
    {
        var query = await app.QueryDocumentAsync();
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/consultas/{query.Json["consultaId"]}/certificado");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-banco:Demo-Banco-2026")));
        request.Headers.Add("X-Usuario-Final", "BD-001");
        var (status, body, jws) = await RawAsync(client, request);

        Assert.Equal(200, status);
        Assert.True(DetachedJws.Verify(jws!, body, app.Get<SigningCertificate>()));
    }

    [Fact]
    public async Task Keys_are_published_anonymously_as_jwks_and_pem()
    {
        using var client = app.Client();
        var jwks = JsonNode.Parse(await client.GetStringAsync("/api/v1/claves"))!;
        var pem = await client.GetStringAsync("/api/v1/claves.pem");
        var current = app.Get<SigningCertificate>().Certificate;

        var key = jwks["keys"]![0]!;
        Assert.Equal(current.Thumbprint, key["kid"]!.GetValue<string>());
        // The generated certificate is ECDSA P-256: its answers are ES256.
        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal("P-256", key["crv"]!.GetValue<string>());
        Assert.Equal("ES256", key["alg"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(current.RawData), key["x5c"]![0]!.GetValue<string>());
        Assert.Equal(current.ExportCertificatePem().Trim(), pem.Trim());
    }

    /// <summary>
    /// The key documents are built and signed once per key set and served from memory (issue 20: rebuilding and
    /// signing the JWKS on every anonymous request kept the cores busy); each answer is still signed over exactly
    /// the bytes sent, compressed ones and the empty 304 included.
    /// </summary>
    [Fact]
    public async Task Key_documents_are_served_from_memory_signed_over_the_bytes_sent()
    {
        var signing = app.Get<SigningCertificate>();
        var keys = app.Get<Segip.Consulta.Web.Endpoints.Api.SigningKeysDocuments>();
        using var client = app.Client();
        foreach (var path in new[] { "/api/v1/claves", "/api/v1/claves.pem" })
        {
            var (status, first, jws) = await RawAsync(client, new HttpRequestMessage(HttpMethod.Get, path));
            var (_, second, secondJws) = await RawAsync(client, new HttpRequestMessage(HttpMethod.Get, path));
            Assert.Equal(200, status);
            Assert.Equal(first, second);
            Assert.True(DetachedJws.Verify(jws!, first, signing), $"{path}: {jws}");
            // ECDSA signatures are randomised: the same value twice means the answer was signed once, not per request.
            Assert.Equal(jws, secondJws);

            using var compressed = new HttpRequestMessage(HttpMethod.Get, path);
            compressed.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            var (_, gzipped, gzipJws) = await RawAsync(client, compressed);
            Assert.NotEqual(first, gzipped);
            Assert.True(DetachedJws.Verify(gzipJws!, gzipped, signing), $"{path} gzip");

            using var plain = await client.GetAsync(path);
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
            revalidate.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
            var (notModified, empty, emptyJws) = await RawAsync(client, revalidate);
            Assert.Equal(304, notModified);
            Assert.Empty(empty);
            Assert.True(DetachedJws.Verify(emptyJws!, [], signing), $"{path} 304");
        }
        Assert.Equal(keys.Jwks.Body, await client.GetByteArrayAsync("/api/v1/claves"));
        Assert.Equal(Encoding.UTF8.GetBytes(Segip.Consulta.Web.Endpoints.Api.SigningKeysEndpoints.Jwks(signing).ToJsonString()), keys.Jwks.Body);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_signature_header_on_answers_and_errors()
    {
        using var client = app.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var responses = document["paths"]!["/api/v1/consultas/documento"]!["post"]!["responses"]!;

        foreach (var status in new[] { "200", "401", "403", "500" })
            Assert.NotNull(responses[status]!["headers"]!["X-Firma-JWS"]);
    }

    /// <summary>CI verifies real answers with a library other than the signer's: jwcrypto (Debian python3-jwcrypto).</summary>
    [Fact]
    public async Task Python_jwcrypto_sample_verifies_real_answers()
    {
        var run = await PythonScript.RunAsync(Path.Combine(Samples.Folder, "python-jws", "verificar_firma.py"), [app.Start()]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("consulta: 200, firma válida", run.Output);
        Assert.Contains("error 401: firma válida", run.Output);
        Assert.Contains("cuerpo alterado: firma rechazada", run.Output);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
