using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Credentials;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// Runs before every REST operation: authenticates the credential (401, no hint why), applies its
/// IP allowlist (403) and its rate limit (429 with Retry-After), and turns any unexpected failure
/// into a 500 without internals. Refusals of query operations are written to the audit log; for the
/// other operations they are logged.
/// </summary>
public sealed class ApiClientFilter(
    CredentialAuthenticator authenticator, ApiRateLimiter limiter, AuditLog audit, ILogger<ApiClientFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            var (clientId, secret) = ApiCaller.BasicCredentials(http);
            var client = await authenticator.AuthenticateAsync(clientId, secret, http.RequestAborted);
            if (client is null)
            {
                logger.LogWarning("Servicio web: credencial inválida ({ClientId}) desde {Ip}, correlación {CorrelationId}",
                    clientId?.Length > 64 ? clientId[..64] : clientId, http.ClientIp(), CorrelationId.Get(http));
                return ApiProblems.Unauthorized(http);
            }

            if (!client.AllowsIp(http.ClientIp()))
                return await RefuseAsync(http, client, RefusalReason.IP_NO_PERMITIDA, null);

            if (limiter.TryAcquire(client.ClientId) is { } retryAfter)
                return await RefuseAsync(http, client, RefusalReason.LIMITE_DE_FRECUENCIA, retryAfter);

            http.SetClient(client);
            return await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Servicio web: error interno, correlación {CorrelationId}", CorrelationId.Get(http));
            return ApiProblems.InternalError(http);
        }
    }

    private async Task<IResult> RefuseAsync(HttpContext http, ApiClient client, RefusalReason reason, int? retryAfter)
    {
        Guid? consultaId = null;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ApiQueryOperation>() is { } operation)
        {
            var record = await audit.AppendAsync(new AuditEntry
            {
                InstitutionId = client.InstitutionId,
                EndUserCode = Truncate(http.Request.Headers[ApiCaller.EndUserHeader].ToString().Trim().ToUpperInvariant(), 40),
                Channel = Channel.SERVICIO_WEB,
                ClientIp = http.ClientIp(),
                QueryType = operation.Type,
                SearchKeys = "(solicitud no procesada)",
                Result = QueryResult.DENEGADO,
                RefusalReason = reason,
                CorrelationId = CorrelationId.Get(http),
            });
            consultaId = record.ConsultaId;
        }
        else
        {
            logger.LogWarning("Servicio web: {Reason} para la credencial {ClientId} desde {Ip} en {Path}, correlación {CorrelationId}",
                reason, client.ClientId, http.ClientIp(), http.Request.Path.Value, CorrelationId.Get(http));
        }
        return ApiProblems.Refusal(http, reason, consultaId, retryAfter);
    }

    private static string? Truncate(string s, int max) => s.Length == 0 ? null : s.Length <= max ? s : s[..max];
}
