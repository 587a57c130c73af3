using Segip.Consulta.Core.Data;
using System.Globalization;
using System.Xml.Linq;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Endpoints.Api;
using static Segip.Consulta.Web.Endpoints.Soap.SoapNames;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// One SOAP 1.1 fault as the WSDL declares it: <c>faultcode</c> <c>soap:Client.CODIGO</c> (or
/// <c>soap:Server.ERROR_INTERNO</c>, <c>soap:VersionMismatch</c>, <c>soap:MustUnderstand</c>), a Spanish
/// <c>faultstring</c>, and the detail <c>tns:error</c> with the same code as REST.
/// </summary>
public sealed record SoapFault(string FaultCode, string Code, string Message)
{
    public Guid? QueryId { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    public int? RetryAfterSeconds { get; init; }
    /// <summary>HTTP status: SOAP 1.1 over HTTP answers every fault with 500.</summary>
    public int Status { get; init; } = StatusCodes.Status500InternalServerError;
}

/// <summary>Thrown inside the SOAP pipeline to stop with a fault; the endpoint writes it.</summary>
public sealed class SoapFaultException(SoapFault fault) : Exception(fault.Message)
{
    public SoapFault Fault { get; } = fault;
}

/// <summary>Builds and writes the service's faults — the single place that shapes them (reused by other SOAP refusals).</summary>
public static class SoapFaults
{
    public const string InternalMessage = "Ocurrió un error interno. Si persiste, comuníquese con el SEGIP indicando el identificador de correlación.";

    /// <summary>A refusal with the contract's code: <c>Client.CODIGO</c>.</summary>
    public static SoapFault Refusal(RefusalReason reason, string? message = null, Guid? queryId = null,
        IReadOnlyDictionary<string, string[]>? errors = null, int? retryAfterSeconds = null) =>
        Client(reason.ToCode(), message ?? RefusalMessages.For(reason)) with
        {
            QueryId = queryId, Errors = errors is { Count: > 0 } ? errors : null, RetryAfterSeconds = retryAfterSeconds,
        };

    public static SoapFault Client(string code, string message) => new("soap:Client." + code, code, message);

    /// <summary>SOLICITUD_INVALIDA with field errors (element name → messages).</summary>
    public static SoapFault Invalid(IReadOnlyDictionary<string, string[]> errors) => Refusal(RefusalReason.InvalidRequest, errors: errors);

    /// <summary>A message that is not a SOAP 1.1 envelope at all (malformed XML, DTD, no body).</summary>
    public static SoapFault Malformed(string message) => Client(RefusalReason.InvalidRequest.ToCode(), message);

    public static SoapFault VersionMismatch() => new("soap:VersionMismatch", RefusalReason.InvalidRequest.ToCode(),
        "El servicio solo admite SOAP 1.1 (sobre con el espacio de nombres http://schemas.xmlsoap.org/soap/envelope/ y Content-Type text/xml).");

    public static SoapFault MustUnderstand(string header) => new("soap:MustUnderstand", RefusalReason.InvalidRequest.ToCode(),
        $"El servicio no procesa la cabecera obligatoria (mustUnderstand) {header}.");

    /// <summary>The database is unavailable: the caller retries after <paramref name="retryAfterSeconds"/> (the server's side, hence Server.*).</summary>
    public static SoapFault Unavailable(int retryAfterSeconds) => new("soap:Server." + ApiProblems.UnavailableCode, ApiProblems.UnavailableCode,
        DatabaseUnavailable.Message) { RetryAfterSeconds = retryAfterSeconds };

    public static SoapFault Internal() => new("soap:Server." + ApiProblems.InternalErrorCode, ApiProblems.InternalErrorCode, InternalMessage);

    /// <summary>Writes the fault envelope, with <c>Retry-After</c> when the refusal says when to retry.</summary>
    public static Task WriteAsync(HttpContext http, SoapFault fault)
    {
        http.Response.StatusCode = fault.Status;
        if (fault.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var body = new XElement(Env + "Fault",
            new XElement("faultcode", fault.FaultCode),
            new XElement("faultstring", new XAttribute(XNamespace.Xml + "lang", "es"), fault.Message),
            new XElement("detail", Detail(http, fault)));
        return SoapEnvelope.WriteAsync(http, body);
    }

    private static XElement Detail(HttpContext http, SoapFault fault) => new(Svc + "error",
        new XElement(Svc + "codigo", fault.Code),
        new XElement(Svc + "mensaje", fault.Message),
        fault.QueryId is { } id ? new XElement(Svc + "consultaId", id.ToString()) : null,
        new XElement(Svc + "correlationId", CorrelationId.Get(http)),
        fault.RetryAfterSeconds is { } s ? new XElement(Svc + "reintentarEnSegundos", s) : null,
        fault.Errors is { Count: > 0 } errors
            ? new XElement(Svc + "errores", errors.SelectMany(e => e.Value.Select(m =>
                new XElement(Svc + "errorCampo", new XElement(Svc + "campo", e.Key), new XElement(Svc + "mensaje", m)))))
            : null);
}
