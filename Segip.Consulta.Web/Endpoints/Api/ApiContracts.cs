using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Segip.Consulta.Web.Endpoints.Api;

// The JSON shapes of docs/contract.md (v1). Names on the wire are the contract's Spanish camelCase ones.

[Description("Consulta por documento de identidad.")]
public sealed record DocumentQueryBody(
    [property: Required, JsonPropertyName("tipoDocumento"), Description("CI, CIE, LIC o LICE.")] string? DocumentType = null,
    [property: Required, JsonPropertyName("numeroDocumento"), Description("De 1 a 10 dígitos.")] string? DocumentNumber = null,
    [property: JsonPropertyName("complemento"), Description("Dos caracteres: un dígito y una letra, p. ej. 1A. Omitir si el documento no tiene.")] string? Complement = null,
    [property: Required, JsonPropertyName("finalidad"), Description("Finalidad de la consulta (5 a 500 caracteres).")] string? Purpose = null,
    [property: JsonPropertyName("referenciaConsentimiento"), Description("Referencia del consentimiento de la persona; obligatoria si el nivel de acceso la exige.")] string? ConsentReference = null);

[Description("Contrastación: verifica si los datos declarados coinciden con el registro, sin revelar datos.")]
public sealed record VerificationQueryBody(
    [property: Required, JsonPropertyName("tipoDocumento"), Description("CI, CIE, LIC o LICE.")] string? DocumentType = null,
    [property: Required, JsonPropertyName("numeroDocumento"), Description("De 1 a 10 dígitos.")] string? DocumentNumber = null,
    [property: JsonPropertyName("complemento"), Description("Dígito y letra, p. ej. 1A.")] string? Complement = null,
    [property: JsonPropertyName("nombres"), Description("Nombres declarados.")] string? FirstNames = null,
    [property: JsonPropertyName("primerApellido"), Description("Primer apellido declarado.")] string? FirstSurname = null,
    [property: JsonPropertyName("segundoApellido"), Description("Segundo apellido declarado.")] string? SecondSurname = null,
    [property: JsonPropertyName("fechaNacimiento"), Description("Fecha de nacimiento declarada, aaaa-mm-dd.")] DateOnly? BirthDate = null,
    [property: Required, JsonPropertyName("finalidad"), Description("Finalidad de la consulta (5 a 500 caracteres).")] string? Purpose = null);

[Description("Búsqueda por nombre completo y fecha de nacimiento (solo si el nivel de acceso la permite).")]
public sealed record NameQueryBody(
    [property: Required, JsonPropertyName("nombres"), Description("Nombres.")] string? FirstNames = null,
    [property: Required, JsonPropertyName("primerApellido"), Description("Primer apellido.")] string? FirstSurname = null,
    [property: JsonPropertyName("segundoApellido"), Description("Segundo apellido (opcional; si se envía, filtra).")] string? SecondSurname = null,
    [property: Required, JsonPropertyName("fechaNacimiento"), Description("Fecha de nacimiento, aaaa-mm-dd.")] DateOnly? BirthDate = null,
    [property: Required, JsonPropertyName("finalidad"), Description("Finalidad de la consulta (5 a 500 caracteres).")] string? Purpose = null,
    [property: JsonPropertyName("referenciaConsentimiento"), Description("Referencia del consentimiento, si el nivel la exige.")] string? ConsentReference = null);

/// <summary>
/// The person's fields of the agreement's level, keyed by field code; a field outside the level is
/// absent, a field of the level without a value is null. Document fields go to <see cref="DocumentData"/>.
/// </summary>
public sealed class PersonData : Dictionary<string, object?>;

/// <summary>The document found: type, number, complement, and the level's document fields (estado, fechaEmision, fechaVencimiento).</summary>
public sealed class DocumentData : Dictionary<string, object?>;

[Description("Respuesta de una consulta por documento.")]
public sealed record DocumentAnswer(
    [property: JsonPropertyName("consultaId"), Description("Identificador de la consulta en la bitácora.")] Guid QueryId,
    [property: JsonPropertyName("resultado"), Description("ENCONTRADO o NO_ENCONTRADO.")] string Result,
    [property: JsonPropertyName("persona"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Solo los campos del nivel de acceso del convenio; ausente si no se encontró.")] PersonData? Person,
    [property: JsonPropertyName("documento"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("El documento encontrado; estado y fechas solo si el nivel los incluye.")] DocumentData? Document,
    [property: JsonPropertyName("camposDevueltos"), Description("Códigos de los campos revelados (los que quedan en la bitácora).")] IReadOnlyList<string> DisclosedFields,
    [property: JsonPropertyName("fechaHora"), Description("Fecha y hora del registro en la bitácora (ISO 8601, hora de Bolivia).")] DateTimeOffset Timestamp);

[Description("Respuesta de una contrastación.")]
public sealed record VerificationAnswer(
    [property: JsonPropertyName("consultaId"), Description("Identificador de la consulta en la bitácora.")] Guid QueryId,
    [property: JsonPropertyName("resultado"), Description("ENCONTRADO (el documento existe; ver coincidencias) o NO_ENCONTRADO.")] string Result,
    [property: JsonPropertyName("estadoDocumento"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("VIGENTE, VENCIDO, ANULADO o BLOQUEADO; ausente si no se encontró.")] string? DocumentStatus,
    [property: JsonPropertyName("coincidencias"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Por cada dato enviado (y solo esos), si coincide con el registro.")] IReadOnlyDictionary<string, bool>? Matches,
    [property: JsonPropertyName("fechaHora"), Description("Fecha y hora del registro en la bitácora (ISO 8601).")] DateTimeOffset Timestamp);

[Description("Respuesta de una búsqueda por nombre.")]
public sealed record NameAnswer(
    [property: JsonPropertyName("consultaId"), Description("Identificador de la consulta en la bitácora.")] Guid QueryId,
    [property: JsonPropertyName("resultado"), Description("ENCONTRADO o NO_ENCONTRADO.")] string Result,
    [property: JsonPropertyName("personas"), Description("Hasta 10 personas; cada una con los campos del nivel y su documento.")] IReadOnlyList<PersonData> Persons,
    [property: JsonPropertyName("camposDevueltos"), Description("Códigos de los campos revelados.")] IReadOnlyList<string> DisclosedFields,
    [property: JsonPropertyName("fechaHora"), Description("Fecha y hora del registro en la bitácora (ISO 8601).")] DateTimeOffset Timestamp);

[Description("Usuario final de la institución.")]
public sealed record EndUserData(
    [property: JsonPropertyName("codigo"), Description("Código único dentro de la institución.")] string Code,
    [property: JsonPropertyName("numeroDocumento"), Description("Número de documento del usuario final.")] string DocumentNumber,
    [property: JsonPropertyName("nombreCompleto"), Description("Nombre completo.")] string FullName,
    [property: JsonPropertyName("cargo"), Description("Cargo.")] string? Position,
    [property: JsonPropertyName("correo"), Description("Correo electrónico.")] string? Email,
    [property: JsonPropertyName("habilitado"), Description("Si puede consultar.")] bool Enabled);

[Description("Datos para registrar o editar un usuario final.")]
public sealed record EndUserBody(
    [property: JsonPropertyName("codigo"), Description("Código (obligatorio al registrar; en la edición lo fija la ruta).")] string? Code = null,
    [property: Required, JsonPropertyName("numeroDocumento"), Description("De 1 a 10 dígitos.")] string? DocumentNumber = null,
    [property: Required, JsonPropertyName("nombreCompleto"), Description("De 3 a 200 caracteres.")] string? FullName = null,
    [property: JsonPropertyName("cargo"), Description("Opcional.")] string? Position = null,
    [property: JsonPropertyName("correo"), Description("Opcional.")] string? Email = null);

[Description("Motivo de la inhabilitación (opcional).")]
public sealed record DisableBody([property: JsonPropertyName("motivo"), Description("Hasta 500 caracteres.")] string? Reason = null);

[Description("Cuota mensual de consultas del convenio.")]
public sealed record QuotaAnswer(
    [property: JsonPropertyName("limiteMensual"), Description("Límite mensual del convenio; null si no tiene límite.")] int? MonthlyLimit,
    [property: JsonPropertyName("usadas"), Description("Consultas respondidas en el mes (las denegadas no cuentan).")] int Used,
    [property: JsonPropertyName("restantes"), Description("Consultas restantes; null si no hay límite.")] int? Remaining,
    [property: JsonPropertyName("periodo"), Description("Mes en curso, aaaa-mm (hora de Bolivia).")] string Period);
