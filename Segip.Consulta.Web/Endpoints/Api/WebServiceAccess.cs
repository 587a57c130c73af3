using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Credentials;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>Why a web-service call was stopped before the gate; <see cref="QueryId"/> when it was audited.</summary>
public sealed record AccessRefusal(RefusalReason Reason, Guid? QueryId, int? RetryAfterSeconds, string? Message = null);

/// <summary>
/// What REST and SOAP check before any operation, in this order: the credential (refused as
/// CREDENCIAL_INVALIDA with no hint why), its pinned client certificate (CREDENCIAL_INVALIDA saying so:
/// the caller already proved the secret), its IP allowlist, its rate limit. Refusals of query
/// operations are written to the audit log; the others are logged.
/// </summary>
public sealed class WebServiceAccess(
    CredentialAuthenticator authenticator, ApiRateLimiter limiter, CredentialFailureThrottle failures, SignInHistory history,
    AuditLog audit, TimeProvider time, ILogger<WebServiceAccess> logger)
{
    public const string BlockedAction = "BloqueoServicioWeb";
    public const string CertificateRequiredMessage =
        "La credencial exige el certificado de cliente registrado en el SEGIP y la conexión no lo presentó "
        + "(o presentó otro, uno vencido o uno que no emitió la CA registrada). Configure su sistema para conectarse con ese certificado (TLS mutuo).";

    public async Task<(ApiClient? Client, AccessRefusal? Refusal)> CheckAsync(
        HttpContext http, string? clientId, string? secret, QueryType? operation, string? endUserCode)
    {
        // Too many failures for this id or from this address: refused before any secret is checked.
        if (failures.RetryAfter(clientId, http.ClientIp()) is { } wait)
            return (null, new AccessRefusal(RefusalReason.RateLimited, null, wait));
        var client = await authenticator.AuthenticateAsync(clientId, secret, http.RequestAborted);
        if (client is null)
        {
            // Unauthenticated calls carry no institution: counted in the logs, not in the bitácora.
            var shownId = LogText.Clean(clientId?.Length > 64 ? clientId[..64] : clientId);
            logger.LogWarning("Servicio web: credencial inválida ({ClientId}) desde {Ip}, correlación {CorrelationId}",
                shownId, http.ClientIp(), CorrelationId.Get(http));
            if (failures.RecordFailure(clientId, http.ClientIp()))
            {
                // The start of a block goes to the change history, beside the staff's failed sign-ins.
                logger.LogWarning("Servicio web: demasiadas credenciales inválidas ({ClientId}) desde {Ip}: llamadas bloqueadas temporalmente",
                    shownId, http.ClientIp());
                await history.RecordAsync($"credencial:{shownId ?? "(sin id)"}", shownId, BlockedAction,
                    new { Ip = http.ClientIp(), CorrelationId = CorrelationId.Get(http) }, ct: CancellationToken.None);
            }
            return (null, new AccessRefusal(RefusalReason.InvalidCredential, null, null));
        }
        Observability.WebServiceLogScope.SetCaller(http, client.InstitutionId, client.ClientId);
        // The second factor: the TLS client certificate (from Kestrel, or from a trusted proxy's header).
        if (client.ClientCertificatePin is { } pin && !ClientCertificatePin.Matches(pin, client.ClientCertificateAuthority, http.Connection.ClientCertificate, time.GetUtcNow().UtcDateTime))
            return (null, await RefuseAsync(http, client, RefusalReason.InvalidCredential, null, operation, endUserCode) with { Message = CertificateRequiredMessage });
        if (!client.AllowsIp(http.ClientIp()))
            return (null, await RefuseAsync(http, client, RefusalReason.IpNotAllowed, null, operation, endUserCode));
        if (limiter.TryAcquire(client.ClientId) is { } retryAfter)
            return (null, await RefuseAsync(http, client, RefusalReason.RateLimited, retryAfter, operation, endUserCode));
        return (client, null);
    }

    /// <summary>
    /// Audits a query call refused before the gate because the request itself is unusable (malformed
    /// body, no end user): DENEGADO with SOLICITUD_INVALIDA. Returns the record's consultaId.
    /// </summary>
    public async Task<Guid> RefuseInvalidAsync(HttpContext http, ApiClient client, QueryType operation, string? endUserCode) =>
        (await AuditAsync(http, client, RefusalReason.InvalidRequest, operation, endUserCode)).QueryId;

    private async Task<AccessRefusal> RefuseAsync(HttpContext http, ApiClient client, RefusalReason reason, int? retryAfter,
        QueryType? operation, string? endUserCode)
    {
        if (operation is not { } type)
        {
            logger.LogWarning("Servicio web: {Reason} para la credencial {ClientId} desde {Ip} en {Path}, correlación {CorrelationId}",
                reason.ToCode(), client.ClientId, http.ClientIp(), LogText.Clean(http.Request.Path.Value), CorrelationId.Get(http));
            return new AccessRefusal(reason, null, retryAfter);
        }
        return new AccessRefusal(reason, (await AuditAsync(http, client, reason, type, endUserCode)).QueryId, retryAfter);
    }

    private Task<AuditRecord> AuditAsync(HttpContext http, ApiClient client, RefusalReason reason, QueryType type, string? endUserCode) =>
        audit.AppendAsync(AuditEntries.ForRefusedCall(client.InstitutionId, endUserCode, http.ClientIp(), type, reason, CorrelationId.Get(http)));
}
