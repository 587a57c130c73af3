using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The OpenAPI document of the web service (<c>/openapi/v1.json</c>, in Spanish) and its interactive
/// reference page (<c>/api/referencia</c>), whose scripts are served by the app itself.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/referencia";
    private const string SchemeName = "basic";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                AddHeaders(operation, context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiQueryOperation>().Any());
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(PersonData)) DescribePerson(schema);
                else if (context.JsonTypeInfo.Type == typeof(DocumentData)) DescribeDocument(schema);
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("SEGIP Consulta — servicio web v1")
                .WithOpenApiRoutePattern(DocumentPath)
                .HideDarkModeToggle()
                .HideClientButton()
                // Nothing leaves the app: no web fonts, telemetry, AI agent or MCP calls to Scalar's servers.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous();
    }

    /// <summary>Declares the JSON body of an operation (read by the handler itself, so any content type is accepted) with an example.</summary>
    public static RouteHandlerBuilder JsonBody<T>(this RouteHandlerBuilder builder, string example) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct), Example = JsonNode.Parse(example) },
                },
            };
        });

    /// <summary>An example of the 200/201 answer.</summary>
    public static RouteHandlerBuilder AnswerExample(this RouteHandlerBuilder builder, string example, int status = 200) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(), out var response) == true
                && response.Content?.TryGetValue("application/json", out var media) == true)
                media.Example = JsonNode.Parse(example);
            return Task.CompletedTask;
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "SEGIP Consulta — servicio web para instituciones",
            Version = "v1",
            Description = """
                Consulta del registro de personas del SEGIP para sistemas de instituciones con convenio vigente.

                **Autenticación**: `Authorization: Basic base64(credencial:secreto)` con la credencial emitida por el SEGIP.
                **Usuario final**: cabecera `X-Usuario-Final` con el código del usuario final de la institución (obligatoria en las consultas).
                **Correlación**: cabecera opcional `X-Correlation-Id` (se devuelve; si falta, se genera).

                Cada respuesta a una consulta, y cada rechazo 403/429 de una consulta, queda en la bitácora encadenada antes de responder.
                Solo se devuelven los campos del nivel de acceso del convenio: un campo fuera del nivel no aparece; un campo del nivel sin valor aparece con null.

                **Errores** (`application/problem+json`, RFC 9457) con `code` estable y `correlationId`:
                400 `SOLICITUD_INVALIDA` (con `errors` por campo) · 401 `CREDENCIAL_INVALIDA` (sin indicar la causa) ·
                403 `CONVENIO_NO_VIGENTE`, `CANAL_NO_PERMITIDO`, `USUARIO_FINAL_NO_HABILITADO`, `IP_NO_PERMITIDA`, `CONSENTIMIENTO_REQUERIDO`, `OPERACION_NO_PERMITIDA` ·
                404 `RECURSO_NO_ENCONTRADO` y 409 `CONFLICTO` (usuarios finales) ·
                429 `CUOTA_AGOTADA` (cuota mensual; `Retry-After` hasta el próximo mes) y `LIMITE_DE_FRECUENCIA` (límite por credencial; `Retry-After` en segundos) ·
                500 `ERROR_INTERNO` (sin detalles internos; cite el `correlationId`) ·
                503 `SERVICIO_NO_DISPONIBLE` (base de datos inaccesible por un momento: no se consultó ni se registró nada; reintente tras `Retry-After` segundos).

                El límite de frecuencia se cuenta en cada instancia del servicio: con N instancias detrás del balanceador, una
                credencial puede llegar a N veces el límite por ventana (la cuota mensual, en cambio, es una sola para todas).
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "Credencial del servicio web (identificador y secreto) emitida por el SEGIP. El secreto se muestra una sola vez al emitirlo o rotarlo.",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
    }

    private static void AddHeaders(OpenApiOperation operation, bool isQuery)
    {
        operation.Parameters ??= [];
        if (isQuery)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ApiCaller.EndUserHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "Código del usuario final de la institución en cuyo nombre se consulta. Debe estar registrado y habilitado.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("BD-001"),
            });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CorrelationId.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Identificador de correlación de la institución (hasta 100 letras, dígitos, '.', '_', ':' o '-'); se devuelve en la respuesta y queda en la bitácora.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void DescribePerson(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "Campos de la persona según el nivel de acceso del convenio (solo esos). En la búsqueda por nombre cada persona incluye además `documento`.";
        schema.AdditionalProperties = null;
        schema.Properties = FieldCatalog.All.Where(f => !ApiAnswers.DocumentFields.ContainsKey(f.Code))
            .ToDictionary(f => f.Code, f => (IOpenApiSchema)Field(f.Code == FieldCatalog.Fallecido ? JsonSchemaType.Boolean : JsonSchemaType.String, Label(f)));
    }

    private static void DescribeDocument(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "El documento: tipo, número y complemento siempre; estado y fechas solo si el nivel los incluye.";
        schema.AdditionalProperties = null;
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["tipo"] = Field(JsonSchemaType.String, "CI, CIE, LIC o LICE."),
            ["numero"] = Field(JsonSchemaType.String, "Número del documento."),
            ["complemento"] = Field(JsonSchemaType.String | JsonSchemaType.Null, "Complemento, o null si no tiene."),
            ["estado"] = Field(JsonSchemaType.String, "VIGENTE, VENCIDO, ANULADO o BLOQUEADO (campo estadoDocumento del nivel)."),
            ["fechaEmision"] = Field(JsonSchemaType.String | JsonSchemaType.Null, "Fecha de emisión, aaaa-mm-dd (nivel 3 o superior)."),
            ["fechaVencimiento"] = Field(JsonSchemaType.String | JsonSchemaType.Null, "Fecha de vencimiento, aaaa-mm-dd (nivel 3 o superior)."),
        };
    }

    private static string Label(FieldDefinition f) => f.Code switch
    {
        FieldCatalog.FechaNacimiento => "Fecha de nacimiento, aaaa-mm-dd.",
        FieldCatalog.Fotografia or FieldCatalog.Firma => f.Label + " (PNG en base64).",
        _ => f.Label + ".",
    };

    private static OpenApiSchema Field(JsonSchemaType type, string description) =>
        new() { Type = type == JsonSchemaType.String || type == JsonSchemaType.Boolean ? type | JsonSchemaType.Null : type, Description = description };
}
