using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// An endpoint under <c>/api/v1</c> that sets <see cref="SignedAnswers.Header"/> itself, over bytes it signed once
/// (a <see cref="CachedDocument"/>), so the answer is not buffered and signed again on every request.
/// </summary>
public sealed record SignsItsOwnAnswer;

/// <summary>
/// Signs every answer of <c>/api/v1</c> — results, errors and the PDF alike — with a detached JWS over the
/// exact body bytes (<see cref="DetachedJws"/>) in <c>X-Firma-JWS</c>, so an institution can later prove what
/// SEGIP answered. The body is buffered once (the signature header must precede it) and written unchanged.
/// </summary>
public sealed class SignedAnswers(RequestDelegate next, DetachedJws jws)
{
    public const string Header = "X-Firma-JWS";

    public static bool Applies(HttpContext http) =>
        http.Request.Path.StartsWithSegments(ApiEndpoints.BasePath, StringComparison.OrdinalIgnoreCase)
        && http.GetEndpoint()?.Metadata.GetMetadata<SignsItsOwnAnswer>() is null;

    public async Task InvokeAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var length = (int)buffer.Length;
        http.Response.Headers[Header] = jws.Sign(buffer.GetBuffer().AsSpan(0, length));
        if (length > 0 || http.Response.ContentLength is not null) http.Response.ContentLength = length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, length), http.RequestAborted);
    }
}
