using Segip.Consulta.Web.Endpoints.Api;
using Segip.Consulta.Web.Endpoints.Soap;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// Tells the web-service calls (REST operations and SOAP) apart from the pages. They authenticate each
/// call with the institution's credential, answer every status themselves and carry no session, so the
/// pipeline skips what only pages need (cookies, antiforgery, status-code pages, the CSP nonce).
/// </summary>
public static class WebServiceRequests
{
    /// <summary>A REST operation of <c>/api/v1</c>; routing has already chosen the endpoint.</summary>
    public static bool IsOperation(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<WebServiceCredentialRequired>() is not null;

    public static bool IsSoap(HttpContext http) =>
        http.Request.Path.StartsWithSegments(SoapNames.Path, StringComparison.OrdinalIgnoreCase);

    public static bool IsWebService(HttpContext http) => IsOperation(http) || IsSoap(http);
}
