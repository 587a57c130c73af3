namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// Runs before every REST operation: <see cref="WebServiceAccess"/> with the Basic credentials, and
/// turns any unexpected failure into a 500 <c>ERROR_INTERNO</c> without internals, or into a 503
/// <c>SERVICIO_NO_DISPONIBLE</c> with <c>Retry-After</c> when the database cannot be reached.
/// </summary>
public sealed class ApiClientFilter(WebServiceAccess access, ILogger<ApiClientFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            var (clientId, secret) = ApiCaller.BasicCredentials(http);
            var operation = http.GetEndpoint()?.Metadata.GetMetadata<ApiQueryOperation>()?.Type;
            var (client, refusal) = await access.CheckAsync(http, clientId, secret, operation, http.Request.Headers[ApiCaller.EndUserHeader]);
            if (refusal is not null)
                return refusal.Reason == Core.Domain.RefusalReason.InvalidCredential
                    ? ApiProblems.Unauthorized(http, refusal.Message, refusal.QueryId)
                    : ApiProblems.Refusal(http, refusal.Reason, refusal.QueryId, refusal.RetryAfterSeconds);
            http.SetClient(client!);
            return await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && Core.Data.DatabaseUnavailable.Is(ex))
        {
            logger.LogWarning(ex, "Servicio web: base de datos inaccesible, correlación {CorrelationId}", CorrelationId.Get(http));
            return ApiProblems.Unavailable(http);
        }
        // A body over the limit or too slow is the caller's fault: RequestLimits answers 413/408.
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && ex is not BadHttpRequestException)
        {
            logger.LogError(ex, "Servicio web: error interno, correlación {CorrelationId}", CorrelationId.Get(http));
            return ApiProblems.InternalError(http);
        }
    }
}
