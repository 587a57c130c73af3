using System.Text.Json.Serialization;

namespace Segip.Consulta.Core.Domain;

/// <summary>Identity document types issued by SEGIP; each member declares the contract's code (CI, CIE, LIC, LICE).</summary>
public enum DocumentType
{
    [JsonStringEnumMemberName("CI")] IdentityCard = 1,
    [JsonStringEnumMemberName("CIE")] ForeignerIdentityCard = 2,
    [JsonStringEnumMemberName("LIC")] DrivingLicence = 3,
    [JsonStringEnumMemberName("LICE")] ForeignerDrivingLicence = 4,
}

public enum DocumentStatus
{
    [JsonStringEnumMemberName("VIGENTE")] InForce = 1,
    [JsonStringEnumMemberName("VENCIDO")] Expired = 2,
    [JsonStringEnumMemberName("ANULADO")] Cancelled = 3,
    [JsonStringEnumMemberName("BLOQUEADO")] Blocked = 4,
}

/// <summary>Issuing department (codes LP, CB…); <see cref="Foreign"/> (EX) marks documents of foreigners.</summary>
public enum Department
{
    [JsonStringEnumMemberName("LP")] LaPaz = 1,
    [JsonStringEnumMemberName("CB")] Cochabamba,
    [JsonStringEnumMemberName("SC")] SantaCruz,
    [JsonStringEnumMemberName("OR")] Oruro,
    [JsonStringEnumMemberName("PT")] Potosi,
    [JsonStringEnumMemberName("CH")] Chuquisaca,
    [JsonStringEnumMemberName("TJ")] Tarija,
    [JsonStringEnumMemberName("BE")] Beni,
    [JsonStringEnumMemberName("PD")] Pando,
    [JsonStringEnumMemberName("EX")] Foreign,
}

public enum InstitutionType { Publica = 1, Privada, Financiera, Telecomunicaciones, Otra }

public enum AgreementStatus
{
    [JsonStringEnumMemberName("BORRADOR")] Draft = 1,
    [JsonStringEnumMemberName("VIGENTE")] InForce,
    [JsonStringEnumMemberName("SUSPENDIDO")] Suspended,
    [JsonStringEnumMemberName("VENCIDO")] Expired,
    [JsonStringEnumMemberName("RESCINDIDO")] Terminated,
}

/// <summary>
/// Channels an agreement may allow; stored as flags (the column holds the number, so the names are free).
/// Each flag has the value of its <see cref="Channel"/>.
/// </summary>
[Flags]
public enum Channels
{
    None = 0,
    [JsonStringEnumMemberName("WEB")] Web = 1,
    [JsonStringEnumMemberName("SERVICIO_WEB")] WebService = 2,
}

/// <summary>A single channel a query came through (codes WEB and SERVICIO_WEB).</summary>
public enum Channel
{
    [JsonStringEnumMemberName("WEB")] Web = 1,
    [JsonStringEnumMemberName("SERVICIO_WEB")] WebService = 2,
}

public enum QueryType
{
    [JsonStringEnumMemberName("DOCUMENTO")] Document = 1,
    [JsonStringEnumMemberName("CONTRASTACION")] Verification = 2,
    [JsonStringEnumMemberName("NOMBRE")] Name = 3,
    [JsonStringEnumMemberName("CERTIFICADO")] Certificate = 4,
}

public enum QueryResult
{
    [JsonStringEnumMemberName("ENCONTRADO")] Found = 1,
    [JsonStringEnumMemberName("NO_ENCONTRADO")] NotFound,
    [JsonStringEnumMemberName("DENEGADO")] Refused,
    [JsonStringEnumMemberName("COINCIDE")] Matched,
    [JsonStringEnumMemberName("NO_COINCIDE")] NotMatched,
    [JsonStringEnumMemberName("EMITIDO")] Issued,
}

/// <summary>Why the gate refused a query; each member declares the contract's error code.</summary>
public enum RefusalReason
{
    [JsonStringEnumMemberName("CREDENCIAL_INVALIDA")] InvalidCredential = 1,
    [JsonStringEnumMemberName("CONVENIO_NO_VIGENTE")] AgreementNotInForce,
    [JsonStringEnumMemberName("CANAL_NO_PERMITIDO")] ChannelNotAllowed,
    [JsonStringEnumMemberName("USUARIO_FINAL_NO_HABILITADO")] EndUserNotEnabled,
    [JsonStringEnumMemberName("IP_NO_PERMITIDA")] IpNotAllowed,
    [JsonStringEnumMemberName("CUOTA_AGOTADA")] QuotaExhausted,
    [JsonStringEnumMemberName("SOLICITUD_INVALIDA")] InvalidRequest,
    [JsonStringEnumMemberName("CONSENTIMIENTO_REQUERIDO")] ConsentRequired,
    [JsonStringEnumMemberName("OPERACION_NO_PERMITIDA")] OperationNotAllowed,
    /// <summary>The credential's per-minute rate limit (web service only; checked before the gate).</summary>
    [JsonStringEnumMemberName("LIMITE_DE_FRECUENCIA")] RateLimited,
}

public static class Roles
{
    public const string SegipAdmin = nameof(SegipAdmin);
    public const string Legal = nameof(Legal);
    public const string Auditor = nameof(Auditor);
    public const string InstitutionAdmin = nameof(InstitutionAdmin);
    public const string Officer = nameof(Officer);

    public static readonly IReadOnlyList<string> All = [SegipAdmin, Legal, Auditor, InstitutionAdmin, Officer];

    /// <summary>
    /// A person of the registry signed in through Ciudadanía Digital. Not in <see cref="All"/>: it is no
    /// staff role, no account holds it, and it is given only to a citizen session (never by a role table).
    /// </summary>
    public const string Citizen = nameof(Citizen);

    public static string DisplayName(string role) => role switch
    {
        SegipAdmin => "Administrador SEGIP",
        Legal => "Dirección Jurídica",
        Auditor => "Auditor",
        InstitutionAdmin => "Administrador de institución",
        Officer => "Funcionario consultor",
        Citizen => "Ciudadano",
        _ => role,
    };
}
