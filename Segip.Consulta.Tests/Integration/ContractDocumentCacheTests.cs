using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Endpoints.Api;
using Segip.Consulta.Web.Endpoints.Soap;
using static Segip.Consulta.Tests.Fixtures.SoapCalls;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The anonymous contract documents (<c>/openapi/v1.json</c>, <c>?wsdl</c>) are built once per process and
/// served from memory (issue 20: the generator on every request let anyone keep both cores busy), with the
/// exact bytes the generator and the shipped WSDL give, an ETag that revalidates to 304, and a Cache-Control.
/// </summary>
[Trait("Category", "Integration")]
public class ContractDocumentCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task OpenApi_document_is_generated_once_and_served_as_the_same_bytes_with_an_etag()
    {
        using var client = app.Client();
        using var first = await client.GetAsync(ApiDocumentation.DocumentPath);
        using var second = await client.GetAsync(ApiDocumentation.DocumentPath);
        var bytes = await first.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, app.Get<ApiDocumentCache>().Builds);
        Assert.Equal(bytes, await FreshOpenApiAsync());
        await AssertRevalidatesAsync(client, ApiDocumentation.DocumentPath, first, second);
        await AssertCompressedCopiesAreTheSameDocumentAsync(client, ApiDocumentation.DocumentPath, bytes, first.Headers.ETag!);
        Assert.Equal(1, app.Get<ApiDocumentCache>().Builds);
    }

    [Fact]
    public async Task Wsdl_is_the_shipped_document_with_the_callers_address_and_revalidates_with_its_etag()
    {
        using var client = app.Client();
        using var first = await client.GetAsync(SoapPath + "?wsdl");
        using var second = await client.GetAsync(SoapPath + "?WSDL");
        var bytes = await first.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(Encoding.UTF8.GetBytes(ConsultaWsdl.Template().Replace("{{ADDRESS}}", app.BaseUrl + SoapPath)), bytes);
        await AssertRevalidatesAsync(client, SoapPath + "?wsdl", first, second);
        await AssertCompressedCopiesAreTheSameDocumentAsync(client, SoapPath + "?wsdl", bytes, first.Headers.ETag!);
    }

    /// <summary>Both answers carry one strong ETag and a public Cache-Control; sending it back gets an empty 304.</summary>
    private static async Task AssertRevalidatesAsync(HttpClient client, string path, HttpResponseMessage first, HttpResponseMessage second)
    {
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.True(first.Headers.CacheControl is { Public: true, NoStore: false, MaxAge: not null }, $"Cache-Control: {first.Headers.CacheControl}");

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"otra-version\""));
        using var full = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    /// <summary>
    /// A client that accepts Brotli or gzip gets the same bytes compressed, under an ETag of its own (a strong ETag
    /// names one representation), and the answer says it varies with Accept-Encoding so caches keep them apart.
    /// </summary>
    private static async Task AssertCompressedCopiesAreTheSameDocumentAsync(HttpClient client, string path, byte[] plain, EntityTagHeaderValue plainTag)
    {
        foreach (var (accept, coding) in new[] { ("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0.5", "gzip") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using var answer = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal([coding], answer.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", answer.Headers.Vary);
            Assert.NotEqual(plainTag, answer.Headers.ETag);
            await using var compressed = await answer.Content.ReadAsStreamAsync();
            await using Stream decoder = coding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded);
            Assert.Equal(plain, decoded.ToArray());
        }
    }

    /// <summary>What the OpenAPI generator gives right now, serialized as the endpoint always has (OpenAPI 3.1 JSON).</summary>
    private async Task<byte[]> FreshOpenApiAsync()
    {
        var provider = app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocumentation.DocumentName);
        return ApiDocumentCache.Serialize(await provider.GetOpenApiDocumentAsync(TestContext.Current.CancellationToken));
    }
}
