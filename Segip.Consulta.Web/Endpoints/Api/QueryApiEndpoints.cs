using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>The three query operations of the REST API, all through the same <see cref="QueryGate"/> as the web application.</summary>
public static class QueryApiEndpoints
{
    public static void MapQueryApi(this RouteGroupBuilder api)
    {
        api.MapQuery<DocumentQueryBody>("/consultas/documento", QueryType.Document, b => new QueryRequest
            {
                DocumentType = b.DocumentType, DocumentNumber = b.DocumentNumber, Complement = b.Complement,
                Purpose = b.Purpose, ConsentReference = b.ConsentReference,
            }, o => ApiAnswers.Document(o))
            .WithName("ConsultarDocumento")
            .WithSummary("Consulta por documento de identidad")
            .WithDescription("Busca la persona por tipo, número y complemento del documento y devuelve solo los campos del nivel de acceso del convenio. Una persona no encontrada es una respuesta normal (200, NO_ENCONTRADO) y queda en la bitácora.")
            .JsonBody<DocumentQueryBody>("""{"tipoDocumento":"CI","numeroDocumento":"1234567","complemento":null,"finalidad":"Apertura de cuenta de ahorro","referenciaConsentimiento":null}""")
            .Produces<DocumentAnswer>()
            .AnswerExample("ENCONTRADO", "Persona encontrada (nivel BASICO)", """{"consultaId":"3f2b8c1e-6d7a-4e2b-9c1d-0a1b2c3d4e5f","resultado":"ENCONTRADO","persona":{"nombres":"JUAN CARLOS","primerApellido":"PEREZ","segundoApellido":"MAMANI","apellidoCasada":null,"fechaNacimiento":"1985-03-14"},"documento":{"tipo":"CI","numero":"1234567","complemento":null,"estado":"VIGENTE"},"camposDevueltos":["nombres","primerApellido","segundoApellido","apellidoCasada","estadoDocumento","fechaNacimiento"],"fechaHora":"2026-11-26T10:15:30.123-04:00"}""")
            .AnswerExample("NO_ENCONTRADO", "Documento inexistente (respuesta normal, registrada)", """{"consultaId":"5d0f8a3b-1c2e-4f6a-8b9c-0d1e2f3a4b5c","resultado":"NO_ENCONTRADO","camposDevueltos":[],"fechaHora":"2026-11-26T10:16:02.480-04:00"}""");

        api.MapQuery<VerificationQueryBody>("/consultas/contrastacion", QueryType.Verification, b => new QueryRequest
            {
                DocumentType = b.DocumentType, DocumentNumber = b.DocumentNumber, Complement = b.Complement, FirstNames = b.FirstNames,
                FirstSurname = b.FirstSurname, SecondSurname = b.SecondSurname, BirthDate = b.BirthDate, Purpose = b.Purpose,
            }, o => ApiAnswers.Verification(o))
            .WithName("Contrastar")
            .WithSummary("Contrastación de datos declarados")
            .WithDescription("Indica, para cada dato enviado (y solo esos), si coincide con el registro, y el estado del documento. No revela ningún otro dato; no exige consentimiento.")
            .JsonBody<VerificationQueryBody>("""{"tipoDocumento":"CI","numeroDocumento":"1234567","nombres":"Juan Carlos","primerApellido":"Pérez","fechaNacimiento":"1985-03-14","finalidad":"Verificación de identidad del cliente"}""")
            .Produces<VerificationAnswer>()
            .AnswerExample("ENCONTRADO", "Documento encontrado: coincidencia por dato enviado", """{"consultaId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","resultado":"ENCONTRADO","estadoDocumento":"VIGENTE","coincidencias":{"nombres":true,"primerApellido":false,"fechaNacimiento":true},"fechaHora":"2026-11-26T10:15:30.123-04:00"}""")
            .AnswerExample("NO_ENCONTRADO", "Documento inexistente", """{"consultaId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","resultado":"NO_ENCONTRADO","fechaHora":"2026-11-26T10:16:02.480-04:00"}""");

        api.MapQuery<NameQueryBody>("/consultas/nombre", QueryType.Name, b => new QueryRequest
            {
                FirstNames = b.FirstNames, FirstSurname = b.FirstSurname, SecondSurname = b.SecondSurname,
                BirthDate = b.BirthDate, Purpose = b.Purpose, ConsentReference = b.ConsentReference,
            }, o => ApiAnswers.Name(o))
            .WithName("ConsultarPorNombre")
            .WithSummary("Búsqueda por nombre y fecha de nacimiento")
            .WithDescription("Solo si el nivel de acceso del convenio permite la búsqueda por nombre (si no, 403 OPERACION_NO_PERMITIDA). Devuelve hasta 10 personas con los campos del nivel y su documento.")
            .JsonBody<NameQueryBody>("""{"nombres":"Juan Carlos","primerApellido":"Perez","segundoApellido":"Mamani","fechaNacimiento":"1985-03-14","finalidad":"Depuración del padrón electoral","referenciaConsentimiento":"CONS-2026-000123"}""")
            .Produces<NameAnswer>()
            .AnswerExample("ENCONTRADO", "Una persona (nivel COMPLETO, campos abreviados)", """{"consultaId":"0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e","resultado":"ENCONTRADO","personas":[{"nombres":"JUAN CARLOS","primerApellido":"PEREZ","segundoApellido":"MAMANI","apellidoCasada":null,"fechaNacimiento":"1985-03-14","fallecido":false,"documento":{"tipo":"CI","numero":"1234567","complemento":null,"estado":"VIGENTE","fechaEmision":"2019-05-02","fechaVencimiento":"2029-05-02"}}],"camposDevueltos":["nombres","primerApellido","segundoApellido","apellidoCasada","estadoDocumento","fechaEmision","fechaVencimiento","fallecido","fechaNacimiento"],"fechaHora":"2026-11-26T10:15:30.123-04:00"}""")
            .AnswerExample("NO_ENCONTRADO", "Nadie con ese nombre y fecha", """{"consultaId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","resultado":"NO_ENCONTRADO","personas":[],"camposDevueltos":[],"fechaHora":"2026-11-26T10:16:02.480-04:00"}""");
    }

    /// <summary>A query operation: read the body, make the gate's request, answer in the contract's shape.</summary>
    private static RouteHandlerBuilder MapQuery<TBody>(this RouteGroupBuilder api, string path, QueryType type,
        Func<TBody, QueryRequest> toRequest, Func<QueryOutcome, object> toAnswer) where TBody : class =>
        api.MapPost(path, async (HttpContext http, QueryGate gate, QuotaService quota, WebServiceAccess access) =>
            {
                var endUser = http.Request.Headers[ApiCaller.EndUserHeader].ToString();
                var (body, errors) = await ApiJson.ParseAsync<TBody>(http);
                if (errors is null && string.IsNullOrWhiteSpace(endUser))
                    errors = new Dictionary<string, string[]>
                    {
                        [ApiCaller.EndUserHeader] = ["Indique en la cabecera X-Usuario-Final el código del usuario final que realiza la consulta."],
                    };
                // Refused before the gate, still audited: the bitácora shows every call an institution made.
                if (errors is not null)
                    return ApiProblems.Invalid(http, errors, await access.RefuseInvalidAsync(http, http.Client(), type, endUser));
                return await RunAsync(http, gate, quota, toRequest(body!) with { Type = type }, endUser, toAnswer);
            })
            .WithMetadata(new ApiQueryOperation(type));

    private static async Task<IResult> RunAsync(HttpContext http, QueryGate gate, QuotaService quota, QueryRequest request, string endUser,
        Func<QueryOutcome, object> answer)
    {
        // An audit write failure throws: the filter answers 500 and nothing is disclosed.
        var outcome = await gate.ExecuteAsync(http.QueryCaller(endUser), request, http.RequestAborted);
        if (outcome.IsRefused)
            return ApiProblems.FromRefusal(http, outcome, outcome.Refusal == RefusalReason.QuotaExhausted ? quota.SecondsUntilRenewal() : null);
        return Results.Json(answer(outcome), ApiJson.Options);
    }
}
