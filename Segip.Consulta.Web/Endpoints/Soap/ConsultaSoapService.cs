using System.Globalization;
using System.ServiceModel;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Endpoints.Api;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The SOAP operations: the same access checks (<see cref="WebServiceAccess"/>), the same gate and the
/// same answers as REST. Every refusal is a SOAP fault whose faultcode and detail carry the contract's code.
/// </summary>
public sealed class ConsultaSoapService(
    IHttpContextAccessor accessor, WebServiceAccess access, QueryGate gate, QuotaService quota, ILogger<ConsultaSoapService> logger)
    : IConsultaSoapService
{
    public async Task<SoapDocumentAnswer> ConsultarDocumento(string codigoUsuarioFinal, string tipoDocumento, string numeroDocumento,
        string? complemento, string finalidad, string? referenciaConsentimiento)
    {
        var request = new QueryRequest
        {
            Type = QueryType.DOCUMENTO, DocumentType = tipoDocumento, DocumentNumber = numeroDocumento, Complement = complemento,
            Purpose = finalidad, ConsentReference = referenciaConsentimiento,
        };
        return SoapAnswers.Document(ApiAnswers.Document(await RunAsync(codigoUsuarioFinal, request)));
    }

    public async Task<SoapVerificationAnswer> Contrastar(string codigoUsuarioFinal, string tipoDocumento, string numeroDocumento,
        string? complemento, string? nombres, string? primerApellido, string? segundoApellido, string? fechaNacimiento, string finalidad)
    {
        var request = new QueryRequest
        {
            Type = QueryType.CONTRASTACION, DocumentType = tipoDocumento, DocumentNumber = numeroDocumento, Complement = complemento,
            FirstNames = nombres, FirstSurname = primerApellido, SecondSurname = segundoApellido,
            BirthDate = ParseDate(fechaNacimiento), Purpose = finalidad,
        };
        return SoapAnswers.Verification(ApiAnswers.Verification(await RunAsync(codigoUsuarioFinal, request)));
    }

    public async Task<SoapNameAnswer> ConsultarPorNombre(string codigoUsuarioFinal, string nombres, string primerApellido,
        string? segundoApellido, string fechaNacimiento, string finalidad, string? referenciaConsentimiento)
    {
        var request = new QueryRequest
        {
            Type = QueryType.NOMBRE, FirstNames = nombres, FirstSurname = primerApellido, SecondSurname = segundoApellido,
            BirthDate = ParseDate(fechaNacimiento), Purpose = finalidad, ConsentReference = referenciaConsentimiento,
        };
        return SoapAnswers.Name(ApiAnswers.Name(await RunAsync(codigoUsuarioFinal, request)));
    }

    private async Task<QueryOutcome> RunAsync(string? endUserCode, QueryRequest request)
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("Sin contexto HTTP.");
        QueryOutcome outcome;
        try
        {
            var (clientId, secret) = WsSecurityHeaderFilter.Credentials(http);
            var (client, refusal) = await access.CheckAsync(http, clientId, secret, request.Type, endUserCode);
            if (refusal is not null) throw Fault(http, refusal.Reason, RefusalMessages.For(refusal.Reason), refusal.ConsultaId, null, refusal.RetryAfterSeconds);
            if (string.IsNullOrWhiteSpace(endUserCode))
                throw Fault(http, RefusalReason.SOLICITUD_INVALIDA, RefusalMessages.For(RefusalReason.SOLICITUD_INVALIDA),
                    await access.RefuseInvalidAsync(http, client!, request.Type, endUserCode),
                    new Dictionary<string, string[]> { ["codigoUsuarioFinal"] = ["Indique el código del usuario final que realiza la consulta."] }, null);
            http.SetClient(client!);
            outcome = await gate.ExecuteAsync(http.QueryCaller(endUserCode), request, http.RequestAborted);
        }
        catch (FaultException)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Servicio SOAP: error interno, correlación {CorrelationId}", CorrelationId.Get(http));
            throw Fault(http, ApiProblems.InternalErrorCode,
                "Ocurrió un error interno. Si persiste, comuníquese con el SEGIP indicando el identificador de correlación.", null, null, null);
        }
        if (outcome.IsRefused)
            throw Fault(http, outcome.Refusal!.Value, outcome.RefusalMessage ?? "", outcome.ConsultaId, outcome.Errors,
                outcome.Refusal == RefusalReason.CUOTA_AGOTADA ? quota.SecondsUntilRenewal() : null);
        return outcome;
    }

    private static FaultException<SoapError> Fault(HttpContext http, RefusalReason reason, string message, Guid? consultaId,
        IReadOnlyDictionary<string, string[]>? errors, int? retryAfter) =>
        Fault(http, reason.ToString(), message, consultaId, errors, retryAfter);

    private static FaultException<SoapError> Fault(HttpContext http, string code, string message, Guid? consultaId,
        IReadOnlyDictionary<string, string[]>? errors, int? retryAfter)
    {
        var detail = new SoapError
        {
            Code = code, Message = message, ConsultaId = consultaId?.ToString(), CorrelationId = CorrelationId.Get(http),
            RetryAfterSeconds = retryAfter,
            Errors = errors?.SelectMany(e => e.Value.Select(m => new SoapFieldError { Field = e.Key, Message = m })).ToArray(),
        };
        // SOAP 1.1: the fault is the caller's (Client.*) except for internal errors (Server.*).
        var side = code == ApiProblems.InternalErrorCode ? "Server" : "Client";
        return new FaultException<SoapError>(detail, new FaultReason(message), new FaultCode($"{side}.{code}"), null);
    }

    /// <summary>yyyy-MM-dd as in REST; anything else becomes null and the validator names the field.</summary>
    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
