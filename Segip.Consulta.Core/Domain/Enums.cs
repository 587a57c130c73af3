using System.Text.Json.Serialization;

namespace Segip.Consulta.Core.Domain;

/// <summary>Identity document types issued by SEGIP. Names are the codes of the contract.</summary>
public enum DocumentType { CI = 1, CIE = 2, LIC = 3, LICE = 4 }

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

/// <summary>Channels an agreement may allow; stored as flags.</summary>
[Flags]
public enum Channels { None = 0, WEB = 1, SERVICIO_WEB = 2 }

/// <summary>A single channel a query came through.</summary>
public enum Channel { WEB = 1, SERVICIO_WEB = 2 }

public enum QueryType { DOCUMENTO = 1, CONTRASTACION = 2, NOMBRE = 3, CERTIFICADO = 4 }

public enum QueryResult { ENCONTRADO = 1, NO_ENCONTRADO, DENEGADO, COINCIDE, NO_COINCIDE, EMITIDO }

/// <summary>Why the gate refused a query; names are the contract's error codes.</summary>
public enum RefusalReason
{
    CREDENCIAL_INVALIDA = 1,
    CONVENIO_NO_VIGENTE,
    CANAL_NO_PERMITIDO,
    USUARIO_FINAL_NO_HABILITADO,
    IP_NO_PERMITIDA,
    CUOTA_AGOTADA,
    SOLICITUD_INVALIDA,
    CONSENTIMIENTO_REQUERIDO,
    OPERACION_NO_PERMITIDA,
    /// <summary>The credential's per-minute rate limit (web service only; checked before the gate).</summary>
    LIMITE_DE_FRECUENCIA,
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
