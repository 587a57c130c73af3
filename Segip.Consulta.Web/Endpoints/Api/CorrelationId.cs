using System.Text.RegularExpressions;
using Segip.Consulta.Web.Observability;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// <c>X-Correlation-Id</c> for the web service (REST and SOAP): the caller's value when it is a sane
/// token, otherwise a new one; echoed on every answer, written to the audit record and to the logs.
/// </summary>
public sealed partial class CorrelationId(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "segip.correlationId";

    public async Task InvokeAsync(HttpContext http, ILogger<CorrelationId> logger)
    {
        if (IsWebService(http.Request.Path))
        {
            var presented = http.Request.Headers[Header].ToString();
            var id = SafeToken().IsMatch(presented) ? presented : Guid.NewGuid().ToString("N");
            http.Items[ItemKey] = id;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            // Every entry logged while the call runs carries the correlation id (and the institution, once known).
            using (logger.BeginScope(WebServiceLogScope.Begin(http, id)))
                await next(http);
            return;
        }
        await next(http);
    }

    public static string Get(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : http.TraceIdentifier;

    private static bool IsWebService(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/soap", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex SafeToken();
}
