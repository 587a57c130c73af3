using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The answers of every operation in the OpenAPI document: Spanish descriptions, the problem+json errors
/// with one example per code, the response headers (X-Correlation-Id and X-Firma-JWS always; Retry-After on 429/503;
/// Location on 201) and the PDF of the certificate.
/// </summary>
public static class ApiResponses
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["200"] = "Respuesta correcta.",
        ["201"] = "Creado; la cabecera Location indica su dirección.",
        ["400"] = "SOLICITUD_INVALIDA: JSON mal formado o datos inválidos; errors indica los mensajes por campo.",
        ["401"] = "CREDENCIAL_INVALIDA: credencial ausente, incorrecta, revocada o vencida (sin indicar la causa), o sin el certificado de cliente que la credencial exige (TLS mutuo).",
        ["403"] = "Operación denegada (ver code). En las consultas el rechazo queda en la bitácora (consultaId).",
        ["404"] = "RECURSO_NO_ENCONTRADO.",
        ["408"] = "TIEMPO_DE_SOLICITUD_AGOTADO: el cuerpo llegó demasiado lento; reintente.",
        ["409"] = "CONFLICTO: la operación choca con el estado actual.",
        ["413"] = "SOLICITUD_DEMASIADO_GRANDE: el cuerpo supera el tamaño máximo; no se procesó.",
        ["429"] = "CUOTA_AGOTADA o LIMITE_DE_FRECUENCIA: reintente después de los segundos de Retry-After.",
        ["500"] = "ERROR_INTERNO: sin detalles internos; cite el correlationId al reportarlo.",
        ["503"] = "SERVICIO_NO_DISPONIBLE: la base de datos no está disponible; reintente después de Retry-After.",
    };

    public static void Describe(OpenApiOperation operation, OpenApiDocument document, bool isQuery, bool isPdf)
    {
        operation.Responses ??= [];
        foreach (var status in new[] { "408", "413", "503" })
            if (!operation.Responses.ContainsKey(status)) operation.Responses[status] = new OpenApiResponse();
        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (response is not OpenApiResponse r) continue;
            r.Description = (status, isQuery, isPdf) switch
            {
                ("200", true, _) => "Respuesta de la consulta (ENCONTRADO o NO_ENCONTRADO), ya registrada en la bitácora.",
                ("200", _, true) => "El certificado PDF firmado (application/pdf); la descarga queda en la bitácora.",
                _ => Descriptions.GetValueOrDefault(status, "Respuesta."),
            };
            r.Headers = new Dictionary<string, IOpenApiHeader> { [CorrelationId.Header] = Header("Identificador de correlación de la llamada (el enviado o uno generado).", JsonSchemaType.String) };
            r.Headers[SignedAnswers.Header] = Header("Firma del SEGIP sobre los bytes exactos del cuerpo: JWS separado (RFC 7515, carga sin codificar RFC 7797, «b64»:false), «kid» = huella del certificado publicado en /api/v1/claves. Presente también en los errores.", JsonSchemaType.String);
            if (status is "429" or "503") r.Headers["Retry-After"] = Header("Segundos a esperar antes de reintentar.", JsonSchemaType.Integer);
            if (status == "201") r.Headers["Location"] = Header("Dirección del recurso creado.", JsonSchemaType.String);
            if (status.StartsWith('4') || status.StartsWith('5'))
                r.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiProblems.ContentType] = new()
                    {
                        Schema = new OpenApiSchemaReference("Problema", document),
                        Examples = CodesFor(status, isQuery).ToDictionary(c => c, c => (IOpenApiExample)new OpenApiExample { Summary = c, Value = Example(status, c, isQuery) }),
                    },
                };
            else if (isPdf)
                r.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/pdf"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", ContentMediaType = "application/pdf" } },
                };
        }
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };

    private static IEnumerable<string> CodesFor(string status, bool isQuery) => status switch
    {
        "400" => [RefusalReason.InvalidRequest.ToCode()],
        "401" => [RefusalReason.InvalidCredential.ToCode()],
        "403" => isQuery
            ? [RefusalReason.AgreementNotInForce.ToCode(), RefusalReason.ChannelNotAllowed.ToCode(), RefusalReason.EndUserNotEnabled.ToCode(),
               RefusalReason.IpNotAllowed.ToCode(), RefusalReason.ConsentRequired.ToCode(), RefusalReason.OperationNotAllowed.ToCode()]
            : [RefusalReason.IpNotAllowed.ToCode(), RefusalReason.OperationNotAllowed.ToCode()],
        "404" => [ApiProblems.NotFoundCode],
        "408" => [ApiProblems.TooSlowCode],
        "409" => [ApiProblems.ConflictCode],
        "413" => [ApiProblems.TooLargeCode],
        "429" => isQuery ? [RefusalReason.QuotaExhausted.ToCode(), RefusalReason.RateLimited.ToCode()] : [RefusalReason.RateLimited.ToCode()],
        "503" => [ApiProblems.UnavailableCode],
        _ => [ApiProblems.InternalErrorCode],
    };

    /// <summary>A problem+json exactly as the server writes it for this code.</summary>
    private static JsonObject Example(string status, string code, bool isQuery)
    {
        var detail = ContractCodes.TryParseCode<RefusalReason>(code, out var reason) ? RefusalMessages.For(reason) : code switch
        {
            ApiProblems.NotFoundCode => "No existe un usuario final con ese código en la institución.",
            ApiProblems.ConflictCode => "Ya existe un usuario final con ese código en la institución.",
            ApiProblems.UnavailableCode => Core.Data.DatabaseUnavailable.Message,
            ApiProblems.TooLargeCode => "El cuerpo de la solicitud supera el máximo permitido de 1024 KB.",
            ApiProblems.TooSlowCode => "El cuerpo de la solicitud llegó demasiado lento y se agotó el tiempo de espera. Intente nuevamente.",
            _ => "Ocurrió un error interno. Si persiste, comuníquese con el SEGIP indicando el identificador de correlación.",
        };
        var problem = new JsonObject
        {
            ["type"] = "urn:segip:consulta:error:" + code,
            ["title"] = ApiProblems.TitleFor(int.Parse(status)),
            ["status"] = int.Parse(status),
            ["detail"] = detail,
            ["instance"] = isQuery ? "/api/v1/consultas/documento" : "/api/v1/usuarios-finales",
            ["code"] = code,
            ["correlationId"] = "banco-7f3a2c",
        };
        // Refusals of a query (403/429) are audited before answering, hence their consultaId.
        if (isQuery && status is "403" or "429") problem["consultaId"] = "3f2b8c1e-6d7a-4e2b-9c1d-0a1b2c3d4e5f";
        if (status == "400")
            problem["errors"] = new JsonObject
            {
                ["numeroDocumento"] = new JsonArray("El número de documento debe tener de 1 a 10 dígitos."),
                ["finalidad"] = new JsonArray("Indique la finalidad de la consulta."),
            };
        return problem;
    }
}
