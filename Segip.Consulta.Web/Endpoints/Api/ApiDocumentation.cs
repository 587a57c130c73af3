using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The OpenAPI document of the web service (<c>/openapi/v1.json</c>, in Spanish) and its interactive
/// reference page (<c>/api/referencia</c>), whose scripts are served by the app itself. Schemas are
/// <see cref="ApiSchemas"/>; answers, errors and headers are described by <see cref="ApiResponses"/>.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/referencia";
    private const string SchemeName = "basic";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddSingleton<ApiDocumentCache>();
        return services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.CreateSchemaReferenceId = t => ApiSchemas.Names.TryGetValue(t.Type, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
            o.AddOperationTransformer((operation, context, _) =>
            {
                var isQuery = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiQueryOperation>().Any();
                AddHeaders(operation, isQuery);
                var isPdf = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                    .Any(m => m.ContentTypes.Contains("application/pdf"));
                ApiResponses.Describe(operation, context.Document!, isQuery, isPdf);
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });
    }

    public static void MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        // Built once per process and served from memory (the generator would rebuild it on every request).
        app.MapGet(DocumentPath, async (HttpContext http, ApiDocumentCache cache) =>
                await (await cache.GetAsync(http.RequestServices)).WriteAsync(http))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("SEGIP Consulta — servicio web v1")
                .WithOpenApiRoutePattern(DocumentPath)
                .WithLocalization(new ScalarLocalizationOptions { Locale = "es" })
                .HideDarkModeToggle()
                .HideClientButton()
                // Nothing leaves the app: no web fonts, telemetry, AI agent or MCP calls to Scalar's servers.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous()
            .Add(endpoint =>
            {
                var next = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = http => IsReferenceIndex(http) ? SpanishIndexAsync(http, next) : next(http);
            });
    }

    private static bool IsReferenceIndex(HttpContext http) =>
        http.Request.Path.Equals(ReferencePath + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Scalar's page template has no lang attribute; the page is in Spanish (screen readers, spell-checkers).</summary>
    private static async Task SpanishIndexAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var html = Encoding.UTF8.GetString(buffer.ToArray()).Replace("<html>", "<html lang=\"es\">", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(html);
        http.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>Declares the JSON body of an operation (read by the handler itself) by its named schema, with an example.</summary>
    public static RouteHandlerBuilder JsonBody<T>(this RouteHandlerBuilder builder, string example, bool required = true) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Description = required ? null : "Opcional.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(ApiSchemas.Names[typeof(T)], context.Document),
                        Example = JsonNode.Parse(example),
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>A named example of the 200/201 answer (e.g. ENCONTRADO and NO_ENCONTRADO).</summary>
    public static RouteHandlerBuilder AnswerExample(this RouteHandlerBuilder builder, string name, string summary, string example, int status = 200) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(), out var response) == true
                && response.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(example) };
            }
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
                Una persona no encontrada es una respuesta normal (200, `NO_ENCONTRADO`).

                **Errores** (`application/problem+json`, RFC 9457) con `code` estable, `correlationId`, `consultaId` (si quedó en la bitácora) y `errors` por campo en los 400:
                400 `SOLICITUD_INVALIDA` · 401 `CREDENCIAL_INVALIDA` (sin indicar la causa) ·
                403 `CONVENIO_NO_VIGENTE`, `CANAL_NO_PERMITIDO`, `USUARIO_FINAL_NO_HABILITADO`, `IP_NO_PERMITIDA`, `CONSENTIMIENTO_REQUERIDO`, `OPERACION_NO_PERMITIDA` ·
                404 `RECURSO_NO_ENCONTRADO` y 409 `CONFLICTO` (usuarios finales) ·
                429 `CUOTA_AGOTADA` (cuota mensual; `Retry-After` hasta el próximo mes) y `LIMITE_DE_FRECUENCIA` (límite por credencial; `Retry-After` en segundos) ·
                500 `ERROR_INTERNO` (sin detalles internos; cite el `correlationId`) ·
                503 `SERVICIO_NO_DISPONIBLE` (base de datos inaccesible por un momento: no se consultó ni se registró nada; reintente tras `Retry-After` segundos).

                El límite de frecuencia se cuenta en cada instancia del servicio: con N instancias detrás del balanceador, una
                credencial puede llegar a N veces el límite por ventana (la cuota mensual se cuenta sobre la bitácora común).
                El catálogo de errores, la política de versiones y ejemplos de clientes están en `docs/integracion/` del repositorio.
                """,
        };
        // The document serves any host: clients use the address they called (no absolute server URL baked in).
        document.Servers = [];
        document.Tags = new HashSet<OpenApiTag> { new() { Name = "Servicio web v1", Description = "Consultas, usuarios finales, cuota y certificados." } };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas = ApiSchemas.All(document);
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
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
            parameter.Description ??= parameter.Name == "codigo" ? "Código del usuario final." : "Identificador de la consulta (consultaId).";
        if (isQuery)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ApiCaller.EndUserHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "Código del usuario final de la institución en cuyo nombre se consulta. Debe estar registrado y habilitado.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 40 },
                Example = JsonValue.Create("BD-001"),
            });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CorrelationId.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Identificador de correlación de la institución (hasta 100 letras, dígitos, '.', '_', ':' o '-'); se devuelve en la respuesta y queda en la bitácora.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9._:-]{1,100}$" },
        });
    }
}

/// <summary>
/// The OpenAPI document serialized once per process (OpenAPI 3.1 JSON) and kept in memory with its ETag:
/// the generator walks every endpoint and transformer, far too much work to repeat for each anonymous GET.
/// </summary>
public sealed class ApiDocumentCache
{
    private readonly Lock gate = new();
    private Task<CachedDocument>? document;
    private int builds;

    /// <summary>How many times this process has generated the document (1 once served; tests read it).</summary>
    public int Builds => Volatile.Read(ref builds);

    public Task<CachedDocument> GetAsync(IServiceProvider services)
    {
        var current = Volatile.Read(ref document);
        if (current is not null && !current.IsFaulted && !current.IsCanceled) return current;
        lock (gate)
        {
            // Concurrent first requests share one build; a failed build is retried by the next request.
            if (document is null || document.IsFaulted || document.IsCanceled) document = BuildAsync(services);
            return document;
        }
    }

    private async Task<CachedDocument> BuildAsync(IServiceProvider services)
    {
        Interlocked.Increment(ref builds);
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocumentation.DocumentName);
        var openApi = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        return new CachedDocument(Serialize(openApi), "application/json; charset=utf-8");
    }

    /// <summary>
    /// OpenAPI 3.1 JSON, compact: indented, the document was ≈ 230 KB, and copying it was most of what serving it
    /// cost (issue 20); browsers and API tools indent it for reading.
    /// </summary>
    public static byte[] Serialize(OpenApiDocument openApi)
    {
        using var text = new StringWriter();
        openApi.SerializeAsV31(new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true }));
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
