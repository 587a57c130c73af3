using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>Marks an endpoint as one of the query operations, so refusals before the gate are audited with its type.</summary>
public sealed record ApiQueryOperation(QueryType Type);

/// <summary>The authenticated credential of the current web-service call, and helpers around it.</summary>
public static class ApiCaller
{
    public const string EndUserHeader = "X-Usuario-Final";
    private const string ItemKey = "segip.apiClient";

    public static ApiClient Client(this HttpContext http) =>
        http.Items[ItemKey] as ApiClient ?? throw new InvalidOperationException("La llamada no pasó por la autenticación del servicio web.");

    public static void SetClient(this HttpContext http, ApiClient client) => http.Items[ItemKey] = client;

    public static string? ClientIp(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static QueryCaller QueryCaller(this HttpContext http, string? endUserCode) => new()
    {
        Channel = Channel.WebService,
        InstitutionId = http.Client().InstitutionId,
        EndUserCode = string.IsNullOrWhiteSpace(endUserCode) ? null : endUserCode.Trim().ToUpperInvariant(),
        ClientIp = http.ClientIp(),
        CorrelationId = CorrelationId.Get(http),
    };

    /// <summary>Parses <c>Authorization: Basic base64(clientId:secret)</c>; nulls when absent or malformed.</summary>
    public static (string? ClientId, string? Secret) BasicCredentials(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':');
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : (null, null);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
