using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The JSON schemas of the OpenAPI document, written out explicitly (Spanish names, enums, patterns,
/// optional vs nullable exactly as the server writes them) instead of inferred from the C# types, whose
/// dictionaries and nullable annotations cannot say "absent when not found" or "null when no value".
/// The REST tests validate every answer against these, so a drift fails.
/// </summary>
public static class ApiSchemas
{
    /// <summary>C# type → component name; the generator's references use these names.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(DocumentQueryBody)] = "SolicitudConsultaDocumento",
        [typeof(VerificationQueryBody)] = "SolicitudContrastacion",
        [typeof(NameQueryBody)] = "SolicitudBusquedaNombre",
        [typeof(EndUserBody)] = "DatosUsuarioFinal",
        [typeof(DisableBody)] = "MotivoInhabilitacion",
        [typeof(DocumentAnswer)] = "RespuestaConsultaDocumento",
        [typeof(VerificationAnswer)] = "RespuestaContrastacion",
        [typeof(NameAnswer)] = "RespuestaBusquedaNombre",
        [typeof(PersonData)] = "Persona",
        [typeof(DocumentData)] = "Documento",
        [typeof(EndUserData)] = "UsuarioFinal",
        [typeof(QuotaAnswer)] = "Cuota",
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = "Problema",
        [typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails)] = "Problema",
    };

    public const string DateFormat = "date";

    public static Dictionary<string, IOpenApiSchema> All(OpenApiDocument document) => new()
    {
        ["SolicitudConsultaDocumento"] = Object("Consulta por documento de identidad.", ["tipoDocumento", "numeroDocumento", "finalidad"], new()
        {
            ["tipoDocumento"] = Ref(document, "TipoDocumento", "Tipo de documento."),
            ["numeroDocumento"] = DocumentNumber(),
            ["complemento"] = Complement(),
            ["finalidad"] = Purpose(),
            ["referenciaConsentimiento"] = Text("Referencia del consentimiento de la persona; obligatoria si el nivel de acceso la exige.", nullable: true),
        }),
        ["SolicitudContrastacion"] = Object("Contrastación: verifica si los datos declarados coinciden con el registro, sin revelar datos. Envíe al menos un dato.",
            ["tipoDocumento", "numeroDocumento", "finalidad"], new()
        {
            ["tipoDocumento"] = Ref(document, "TipoDocumento", "Tipo de documento."),
            ["numeroDocumento"] = DocumentNumber(),
            ["complemento"] = Complement(),
            ["nombres"] = Text("Nombres declarados.", nullable: true),
            ["primerApellido"] = Text("Primer apellido declarado.", nullable: true),
            ["segundoApellido"] = Text("Segundo apellido declarado.", nullable: true),
            ["fechaNacimiento"] = Date("Fecha de nacimiento declarada, aaaa-mm-dd.", nullable: true),
            ["finalidad"] = Purpose(),
        }),
        ["SolicitudBusquedaNombre"] = Object("Búsqueda por nombre completo y fecha de nacimiento (solo si el nivel de acceso la permite).",
            ["nombres", "primerApellido", "fechaNacimiento", "finalidad"], new()
        {
            ["nombres"] = Text("Nombres."),
            ["primerApellido"] = Text("Primer apellido."),
            ["segundoApellido"] = Text("Segundo apellido (opcional; si se envía, filtra).", nullable: true),
            ["fechaNacimiento"] = Date("Fecha de nacimiento, aaaa-mm-dd."),
            ["finalidad"] = Purpose(),
            ["referenciaConsentimiento"] = Text("Referencia del consentimiento, si el nivel la exige.", nullable: true),
        }),
        ["DatosUsuarioFinal"] = Object("Datos para registrar o editar un usuario final.", ["numeroDocumento", "nombreCompleto"], new()
        {
            ["codigo"] = Text("Código (obligatorio al registrar, hasta 40 caracteres; en la edición lo fija la ruta).", nullable: true),
            ["numeroDocumento"] = DocumentNumber(),
            ["nombreCompleto"] = Text("Nombre completo, de 3 a 200 caracteres."),
            ["cargo"] = Text("Cargo (opcional).", nullable: true),
            ["correo"] = Text("Correo electrónico (opcional).", nullable: true),
        }),
        ["MotivoInhabilitacion"] = Object("Motivo de la inhabilitación (opcional).", [], new()
        {
            ["motivo"] = Text("Hasta 500 caracteres.", nullable: true),
        }),
        ["RespuestaConsultaDocumento"] = Object("Respuesta de una consulta por documento. Si no se encontró (NO_ENCONTRADO), no hay persona ni documento y camposDevueltos está vacío.",
            ["consultaId", "resultado", "camposDevueltos", "fechaHora"], new()
        {
            ["consultaId"] = QueryId(),
            ["resultado"] = Ref(document, "Resultado", "Resultado de la consulta."),
            ["persona"] = Ref(document, "Persona", "Solo los campos del nivel de acceso del convenio; ausente si no se encontró."),
            ["documento"] = Ref(document, "Documento", "El documento encontrado; ausente si no se encontró."),
            ["camposDevueltos"] = DisclosedFields(),
            ["fechaHora"] = Timestamp(),
        }),
        ["RespuestaContrastacion"] = Object("Respuesta de una contrastación. Si no se encontró (NO_ENCONTRADO), no hay estadoDocumento ni coincidencias.",
            ["consultaId", "resultado", "fechaHora"], new()
        {
            ["consultaId"] = QueryId(),
            ["resultado"] = Ref(document, "Resultado", "Resultado de la consulta."),
            ["estadoDocumento"] = Ref(document, "EstadoDocumento", "Estado del documento; ausente si no se encontró."),
            ["coincidencias"] = Object("Por cada dato enviado (y solo esos), si coincide con el registro; ausente si no se encontró.", [], new()
            {
                ["nombres"] = Flag("Si los nombres coinciden."),
                ["primerApellido"] = Flag("Si el primer apellido coincide."),
                ["segundoApellido"] = Flag("Si el segundo apellido coincide."),
                ["fechaNacimiento"] = Flag("Si la fecha de nacimiento coincide."),
            }),
            ["fechaHora"] = Timestamp(),
        }),
        ["RespuestaBusquedaNombre"] = Object("Respuesta de una búsqueda por nombre.", ["consultaId", "resultado", "personas", "camposDevueltos", "fechaHora"], new()
        {
            ["consultaId"] = QueryId(),
            ["resultado"] = Ref(document, "Resultado", "Resultado de la consulta."),
            ["personas"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MaxItems = 10, Items = new OpenApiSchemaReference("Persona", document),
                Description = "Hasta 10 personas, cada una con los campos del nivel y su documento; vacía si no se encontró.",
            },
            ["camposDevueltos"] = DisclosedFields(),
            ["fechaHora"] = Timestamp(),
        }),
        ["Persona"] = Person(document),
        ["TipoDocumento"] = Enumeration("Tipo de documento: CI, CIE (extranjero), LIC (licencia de conducir) o LICE.", ContractCodes.All<DocumentType>()),
        ["EstadoDocumento"] = Enumeration("Estado del documento.", ContractCodes.All<DocumentStatus>()),
        ["Resultado"] = Enumeration("ENCONTRADO, o NO_ENCONTRADO (respuesta normal, registrada en la bitácora).",
            [QueryResult.Found.ToCode(), QueryResult.NotFound.ToCode()]),
        ["CodigoError"] = Enumeration("Código estable del error (ver el catálogo de errores en docs/integracion/errores.md).", ApiProblems.Codes),
        ["Documento"] = Object("El documento: tipo, número y complemento siempre; estado y fechas solo si el nivel los incluye.", ["tipo", "numero", "complemento"], new()
        {
            ["tipo"] = Ref(document, "TipoDocumento", "Tipo de documento."),
            ["numero"] = DocumentNumber(),
            ["complemento"] = Complement(),
            ["estado"] = Ref(document, "EstadoDocumento", "Estado del documento (campo estadoDocumento del nivel)."),
            ["fechaEmision"] = Date("Fecha de emisión, aaaa-mm-dd (nivel 3 o superior).", nullable: true),
            ["fechaVencimiento"] = Date("Fecha de vencimiento, aaaa-mm-dd (nivel 3 o superior); null si no vence.", nullable: true),
        }),
        ["UsuarioFinal"] = Object("Usuario final de la institución.", ["codigo", "numeroDocumento", "nombreCompleto", "cargo", "correo", "habilitado"], new()
        {
            ["codigo"] = Text("Código único dentro de la institución."),
            ["numeroDocumento"] = Text("Número de documento del usuario final."),
            ["nombreCompleto"] = Text("Nombre completo."),
            ["cargo"] = Text("Cargo; null si no se indicó.", nullable: true),
            ["correo"] = Text("Correo electrónico; null si no se indicó.", nullable: true),
            ["habilitado"] = Flag("Si puede consultar."),
        }),
        ["Cuota"] = Object("Cuota mensual de consultas del convenio.", ["limiteMensual", "usadas", "restantes", "periodo"], new()
        {
            ["limiteMensual"] = Integer("Límite mensual del convenio; null si no tiene límite.", nullable: true),
            ["usadas"] = Integer("Consultas respondidas en el mes (las denegadas no cuentan)."),
            ["restantes"] = Integer("Consultas restantes; null si no hay límite.", nullable: true),
            ["periodo"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-[0-9]{2}$", Description = "Mes en curso, aaaa-mm (hora de Bolivia)." },
        }),
        ["Problema"] = Object("Error (RFC 9457, application/problem+json) con el código estable del contrato.",
            ["type", "title", "status", "detail", "instance", "code", "correlationId"], new()
        {
            ["type"] = Text("urn:segip:consulta:error:CODIGO."),
            ["title"] = Text("Título en español según el estado HTTP."),
            ["status"] = Integer("Estado HTTP."),
            ["detail"] = Text("Explicación en español, apta para mostrar al operador."),
            ["instance"] = Text("Ruta de la solicitud."),
            ["code"] = Ref(document, "CodigoError", "Código estable del error."),
            ["correlationId"] = Text("Identificador de correlación (X-Correlation-Id); cítelo al reportar un problema."),
            ["consultaId"] = QueryId("Identificador en la bitácora, si el rechazo quedó registrado."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Description = "Solo en 400 (y en 409 si aplica): mensajes en español por campo (nombres del contrato).",
            },
        }),
    };

    private static OpenApiSchema Person(OpenApiDocument document)
    {
        var properties = FieldCatalog.All.Where(f => !ApiAnswers.DocumentFields.ContainsKey(f.Code)).ToDictionary(f => f.Code, f => (IOpenApiSchema)(f.Code switch
        {
            FieldCatalog.Fallecido => Flag("Fallecido.", nullable: true),
            FieldCatalog.FechaNacimiento => Date("Fecha de nacimiento, aaaa-mm-dd.", nullable: true),
            FieldCatalog.Fotografia or FieldCatalog.Firma => new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null, ContentEncoding = "base64", ContentMediaType = "image/png",
                Description = f.Label + " (PNG en base64).",
            },
            _ => Text(f.Label + ".", nullable: true),
        }));
        properties["documento"] = Ref(document, "Documento", "Solo en la búsqueda por nombre: el documento de la persona.");
        return Object("Campos de la persona según el nivel de acceso del convenio: un campo fuera del nivel no aparece; un campo del nivel sin valor aparece con null.",
            [], properties);
    }

    private static OpenApiSchema Object(string description, string[] required, Dictionary<string, IOpenApiSchema> properties) => new()
    {
        Type = JsonSchemaType.Object, Description = description, Properties = properties,
        Required = new HashSet<string>(required), AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchemaReference Ref(OpenApiDocument document, string name, string description) =>
        new(name, document) { Description = description };

    private static OpenApiSchema Text(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };

    private static OpenApiSchema Flag(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Boolean | JsonSchemaType.Null : JsonSchemaType.Boolean, Description = description };

    private static OpenApiSchema Integer(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Format = "int32", Description = description };

    private static OpenApiSchema Date(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Format = DateFormat, Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", Description = description };

    private static OpenApiSchema Enumeration(string description, IEnumerable<string> values) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))], Description = description };

    private static OpenApiSchema DocumentNumber() =>
        new() { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,10}$", Description = "Número del documento: de 1 a 10 dígitos." };

    private static OpenApiSchema Complement() => new()
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null, Pattern = "^[0-9][A-Z]$",
        Description = "Complemento: un dígito y una letra mayúscula, p. ej. 1A; null (u omitido en las solicitudes) si el documento no tiene.",
    };

    private static OpenApiSchema Purpose() =>
        new() { Type = JsonSchemaType.String, MinLength = 5, MaxLength = 500, Description = "Finalidad de la consulta (5 a 500 caracteres); queda en la bitácora." };

    private static OpenApiSchema QueryId(string description = "Identificador de la consulta en la bitácora.") =>
        new() { Type = JsonSchemaType.String, Format = "uuid", Description = description };

    private static OpenApiSchema DisclosedFields() => new()
    {
        // Plain strings, not an enum: the codes are camelCase and several generators (NSwag with System.Text.Json)
        // cannot map such enum values; the list is in the description.
        Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String },
        Description = "Códigos de los campos revelados (los que quedan en la bitácora): " + string.Join(", ", FieldCatalog.All.Select(f => f.Code)) + ".",
    };

    private static OpenApiSchema Timestamp() =>
        new() { Type = JsonSchemaType.String, Format = "date-time", Description = "Fecha y hora del registro en la bitácora (ISO 8601, hora de Bolivia)." };
}
