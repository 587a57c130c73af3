using System.Globalization;
using System.Xml.Linq;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Endpoints.Api;
using static Segip.Consulta.Web.Endpoints.Soap.SoapNames;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The SOAP operations: the same access checks (<see cref="WebServiceAccess"/>), the same gate and the same
/// answers as REST. Every refusal is a <see cref="SoapFaultException"/> carrying the contract's code.
/// </summary>
public sealed class ConsultaSoapService(WebServiceAccess access, QueryGate gate, QuotaService quota)
{
    /// <summary>One operation of the WSDL: its body elements and how they become a gate request and an answer.</summary>
    private sealed record Operation(QueryType Type, string[] Elements, Func<Parameters, QueryRequest> Request, Func<QueryOutcome, XElement> Answer);

    private static readonly Dictionary<string, Operation> Operations = new()
    {
        ["ConsultarDocumento"] = new(QueryType.Document,
            ["codigoUsuarioFinal", "tipoDocumento", "numeroDocumento", "complemento", "finalidad", "referenciaConsentimiento"],
            p => new QueryRequest
            {
                DocumentType = p["tipoDocumento"], DocumentNumber = p["numeroDocumento"], Complement = p["complemento"],
                Purpose = p["finalidad"], ConsentReference = p["referenciaConsentimiento"],
            },
            o => SoapAnswers.Document(ApiAnswers.Document(o))),
        ["Contrastar"] = new(QueryType.Verification,
            ["codigoUsuarioFinal", "tipoDocumento", "numeroDocumento", "complemento", "nombres", "primerApellido", "segundoApellido", "fechaNacimiento", "finalidad"],
            p => new QueryRequest
            {
                DocumentType = p["tipoDocumento"], DocumentNumber = p["numeroDocumento"], Complement = p["complemento"],
                FirstNames = p["nombres"], FirstSurname = p["primerApellido"], SecondSurname = p["segundoApellido"],
                BirthDate = p.Date("fechaNacimiento"), Purpose = p["finalidad"],
            },
            o => SoapAnswers.Verification(ApiAnswers.Verification(o))),
        ["ConsultarPorNombre"] = new(QueryType.Name,
            ["codigoUsuarioFinal", "nombres", "primerApellido", "segundoApellido", "fechaNacimiento", "finalidad", "referenciaConsentimiento"],
            p => new QueryRequest
            {
                FirstNames = p["nombres"], FirstSurname = p["primerApellido"], SecondSurname = p["segundoApellido"],
                BirthDate = p.Date("fechaNacimiento"), Purpose = p["finalidad"], ConsentReference = p["referenciaConsentimiento"],
            },
            o => SoapAnswers.Name(ApiAnswers.Name(o))),
    };

    public async Task<XElement> InvokeAsync(HttpContext http, SoapCall call)
    {
        if (call.Operation.Name.Namespace != Svc || !Operations.TryGetValue(call.Operation.Name.LocalName, out var operation))
            throw new SoapFaultException(SoapFaults.Malformed(
                $"La operación {call.Operation.Name.LocalName} no existe en el servicio (ConsultarDocumento, Contrastar o ConsultarPorNombre)."));
        var parameters = new Parameters(call.Operation, operation.Elements);
        var endUser = parameters["codigoUsuarioFinal"];

        var (client, refusal) = await access.CheckAsync(http, call.ClientId, call.Secret, operation.Type, endUser);
        if (refusal is not null)
            throw new SoapFaultException(SoapFaults.Refusal(refusal.Reason, refusal.Message, refusal.QueryId, retryAfterSeconds: refusal.RetryAfterSeconds));
        if (string.IsNullOrWhiteSpace(endUser))
            parameters.Errors["codigoUsuarioFinal"] = ["Indique el código del usuario final que realiza la consulta."];
        var request = operation.Request(parameters) with { Type = operation.Type };
        if (parameters.Errors.Count > 0)
        {
            // Refused before the gate, but still in the bitácora: it shows every call an institution made.
            var queryId = await access.RefuseInvalidAsync(http, client!, operation.Type, endUser);
            throw new SoapFaultException(SoapFaults.Refusal(RefusalReason.InvalidRequest, queryId: queryId, errors: parameters.Errors));
        }

        http.SetClient(client!);
        // An audit write failure throws: the endpoint answers Server.ERROR_INTERNO and nothing is disclosed.
        var outcome = await gate.ExecuteAsync(http.QueryCaller(endUser), request, http.RequestAborted);
        if (outcome.IsRefused)
            throw new SoapFaultException(SoapFaults.Refusal(outcome.Refusal!.Value, outcome.RefusalMessage, outcome.QueryId, outcome.Errors,
                outcome.Refusal == RefusalReason.QuotaExhausted ? quota.SecondsUntilRenewal() : null));
        return operation.Answer(outcome);
    }

    /// <summary>
    /// The operation's child elements by name. An element the WSDL does not declare, a repeated one or a
    /// date that is not yyyy-MM-dd is a field error, never silently ignored.
    /// </summary>
    private sealed class Parameters
    {
        private readonly Dictionary<string, string?> values = [];
        public Dictionary<string, string[]> Errors { get; } = [];

        public Parameters(XElement operation, string[] declared)
        {
            foreach (var element in operation.Elements())
            {
                var name = element.Name.LocalName;
                if (element.Name.Namespace != Svc || !declared.Contains(name))
                    Errors[name] = ["Elemento no declarado en esta operación del WSDL."];
                else if (!values.TryAdd(name, (string?)element.Attribute(Xsi + "nil") is "true" or "1" ? null : element.Value))
                    Errors[name] = ["El elemento aparece más de una vez."];
            }
        }

        public string? this[string name] => values.GetValueOrDefault(name);

        public DateOnly? Date(string name)
        {
            var text = this[name]?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Errors[name] = ["La fecha debe tener el formato aaaa-mm-dd."];
            return null;
        }
    }
}
