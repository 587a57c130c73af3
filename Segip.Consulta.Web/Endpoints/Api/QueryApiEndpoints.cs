using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>The three query operations of the REST API, all through the same <see cref="QueryGate"/> as the web application.</summary>
public static class QueryApiEndpoints
{
    public static void MapQueryApi(this RouteGroupBuilder api)
    {
        api.MapPost("/consultas/documento", async (HttpContext http, QueryGate gate, QuotaService quota) =>
            {
                var (body, error) = await ApiJson.ReadAsync<DocumentQueryBody>(http);
                if (error is not null) return error;
                var request = new QueryRequest
                {
                    Type = QueryType.DOCUMENTO, DocumentType = body!.DocumentType, DocumentNumber = body.DocumentNumber,
                    Complement = body.Complement, Purpose = body.Purpose, ConsentReference = body.ConsentReference,
                };
                return await RunAsync(http, gate, quota, request, o => ApiAnswers.Document(o));
            })
            .WithMetadata(new ApiQueryOperation(QueryType.DOCUMENTO))
            .WithName("ConsultarDocumento")
            .WithSummary("Consulta por documento de identidad")
            .WithDescription("Busca la persona por tipo, número y complemento del documento y devuelve solo los campos del nivel de acceso del convenio. Una persona no encontrada es una respuesta normal (200, NO_ENCONTRADO) y queda en la bitácora.")
            .JsonBody<DocumentQueryBody>("""{"tipoDocumento":"CI","numeroDocumento":"1234567","complemento":null,"finalidad":"Apertura de cuenta de ahorro","referenciaConsentimiento":null}""")
            .Produces<DocumentAnswer>()
            .AnswerExample("""{"consultaId":"3f2b8c1e-6d7a-4e2b-9c1d-0a1b2c3d4e5f","resultado":"ENCONTRADO","persona":{"nombres":"JUAN CARLOS","primerApellido":"PEREZ","segundoApellido":"MAMANI","apellidoCasada":null,"fechaNacimiento":"1985-03-14"},"documento":{"tipo":"CI","numero":"1234567","complemento":null,"estado":"VIGENTE"},"camposDevueltos":["nombres","primerApellido","segundoApellido","apellidoCasada","estadoDocumento","fechaNacimiento"],"fechaHora":"2026-11-26T10:15:30.123-04:00"}""");

        api.MapPost("/consultas/contrastacion", async (HttpContext http, QueryGate gate, QuotaService quota) =>
            {
                var (body, error) = await ApiJson.ReadAsync<VerificationQueryBody>(http);
                if (error is not null) return error;
                var request = new QueryRequest
                {
                    Type = QueryType.CONTRASTACION, DocumentType = body!.DocumentType, DocumentNumber = body.DocumentNumber,
                    Complement = body.Complement, FirstNames = body.FirstNames, FirstSurname = body.FirstSurname,
                    SecondSurname = body.SecondSurname, BirthDate = body.BirthDate, Purpose = body.Purpose,
                };
                return await RunAsync(http, gate, quota, request, o => ApiAnswers.Verification(o));
            })
            .WithMetadata(new ApiQueryOperation(QueryType.CONTRASTACION))
            .WithName("Contrastar")
            .WithSummary("Contrastación de datos declarados")
            .WithDescription("Indica, para cada dato enviado (y solo esos), si coincide con el registro, y el estado del documento. No revela ningún otro dato; no exige consentimiento.")
            .JsonBody<VerificationQueryBody>("""{"tipoDocumento":"CI","numeroDocumento":"1234567","nombres":"Juan Carlos","primerApellido":"Pérez","fechaNacimiento":"1985-03-14","finalidad":"Verificación de identidad del cliente"}""")
            .Produces<VerificationAnswer>()
            .AnswerExample("""{"consultaId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","resultado":"ENCONTRADO","estadoDocumento":"VIGENTE","coincidencias":{"nombres":true,"primerApellido":true,"fechaNacimiento":true},"fechaHora":"2026-11-26T10:15:30.123-04:00"}""");

        api.MapPost("/consultas/nombre", async (HttpContext http, QueryGate gate, QuotaService quota) =>
            {
                var (body, error) = await ApiJson.ReadAsync<NameQueryBody>(http);
                if (error is not null) return error;
                var request = new QueryRequest
                {
                    Type = QueryType.NOMBRE, FirstNames = body!.FirstNames, FirstSurname = body.FirstSurname,
                    SecondSurname = body.SecondSurname, BirthDate = body.BirthDate, Purpose = body.Purpose,
                    ConsentReference = body.ConsentReference,
                };
                return await RunAsync(http, gate, quota, request, o => ApiAnswers.Name(o));
            })
            .WithMetadata(new ApiQueryOperation(QueryType.NOMBRE))
            .WithName("ConsultarPorNombre")
            .WithSummary("Búsqueda por nombre y fecha de nacimiento")
            .WithDescription("Solo si el nivel de acceso del convenio permite la búsqueda por nombre (si no, 403 OPERACION_NO_PERMITIDA). Devuelve hasta 10 personas con los campos del nivel y su documento.")
            .JsonBody<NameQueryBody>("""{"nombres":"Juan Carlos","primerApellido":"Perez","segundoApellido":"Mamani","fechaNacimiento":"1985-03-14","finalidad":"Depuración del padrón electoral","referenciaConsentimiento":"CONS-2026-000123"}""")
            .Produces<NameAnswer>();
    }

    private static async Task<IResult> RunAsync<T>(HttpContext http, QueryGate gate, QuotaService quota, QueryRequest request, Func<QueryOutcome, T> answer)
    {
        var endUser = http.Request.Headers[ApiCaller.EndUserHeader].ToString();
        if (string.IsNullOrWhiteSpace(endUser))
            return ApiProblems.Invalid(http, new Dictionary<string, string[]>
            {
                [ApiCaller.EndUserHeader] = ["Indique en la cabecera X-Usuario-Final el código del usuario final que realiza la consulta."],
            });

        // An audit write failure throws: the filter answers 500 and nothing is disclosed.
        var outcome = await gate.ExecuteAsync(http.QueryCaller(endUser), request, http.RequestAborted);
        if (outcome.IsRefused)
            return ApiProblems.FromRefusal(http, outcome, outcome.Refusal == RefusalReason.CUOTA_AGOTADA ? quota.SecondsUntilRenewal() : null);
        return Results.Json(answer(outcome), ApiJson.Options);
    }
}
