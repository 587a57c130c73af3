using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// What people read instead of the contract's codes (ENCONTRADO, WEB, CUOTA_AGOTADA…). Codes stay in the API,
/// the exports and, for auditors, in a greyed hint beside the label (<see cref="CodeHint"/>).
/// </summary>
public static class UiLabels
{
    /// <summary>What an institution select shows before a choice (instead of an empty box or "0").</summary>
    public const string ChooseInstitution = "Elija una institución";

    public static string Result(QueryResult result) => result switch
    {
        QueryResult.ENCONTRADO => "Persona encontrada",
        QueryResult.NO_ENCONTRADO => "No encontrada",
        QueryResult.DENEGADO => "Denegada",
        QueryResult.COINCIDE => "Datos coinciden",
        QueryResult.NO_COINCIDE => "Datos no coinciden",
        QueryResult.EMITIDO => "Certificado emitido",
        _ => result.ToString(),
    };

    public static string Channel(Channel channel) => channel == Core.Domain.Channel.WEB ? "Aplicación web" : "Servicio web";

    public static string QueryType(QueryType type) => type switch
    {
        Core.Domain.QueryType.DOCUMENTO => "Por documento",
        Core.Domain.QueryType.CONTRASTACION => "Contrastación",
        Core.Domain.QueryType.NOMBRE => "Por nombre",
        Core.Domain.QueryType.CERTIFICADO => "Emisión de certificado",
        _ => type.ToString(),
    };

    public static string Refusal(RefusalReason reason) => reason switch
    {
        RefusalReason.CREDENCIAL_INVALIDA => "Credencial no válida",
        RefusalReason.CONVENIO_NO_VIGENTE => "Sin convenio vigente",
        RefusalReason.CANAL_NO_PERMITIDO => "Canal no permitido",
        RefusalReason.USUARIO_FINAL_NO_HABILITADO => "Usuario final no habilitado",
        RefusalReason.IP_NO_PERMITIDA => "Dirección IP no permitida",
        RefusalReason.CUOTA_AGOTADA => "Cuota mensual agotada",
        RefusalReason.SOLICITUD_INVALIDA => "Solicitud no válida",
        RefusalReason.CONSENTIMIENTO_REQUERIDO => "Falta el consentimiento",
        RefusalReason.OPERACION_NO_PERMITIDA => "Operación no permitida",
        RefusalReason.LIMITE_DE_FRECUENCIA => "Demasiadas consultas por minuto",
        _ => reason.ToString(),
    };

    /// <summary>A web-service credential's state, wherever it is shown (list, home cards, history).</summary>
    public static string CredentialStatus(Core.Features.Credentials.CredentialStatus status) => status switch
    {
        Core.Features.Credentials.CredentialStatus.Requested => "Solicitada",
        Core.Features.Credentials.CredentialStatus.Active => "Activa",
        Core.Features.Credentials.CredentialStatus.Expired => "Vencida",
        Core.Features.Credentials.CredentialStatus.Revoked => "Revocada",
        _ => status.ToString(),
    };

    public static string Document(DocumentType type) => type switch
    {
        DocumentType.CI => "CI",
        DocumentType.CIE => "CI de extranjero",
        DocumentType.LIC => "Licencia de conducir",
        DocumentType.LICE => "Licencia de extranjero",
        _ => type.ToString(),
    };
}

/// <summary>The search keys an audit record stores, as a person reads them.</summary>
public static partial class SearchKeysText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([A-Za-z,]+)\]$")]
    private static partial System.Text.RegularExpressions.Regex ClaimedFields();

    /// <summary>"NOMBRE JUAN PEREZ 1990-05-01 [primerApellido]" → "Por nombre: JUAN PEREZ 01/05/1990 (Primer apellido)".</summary>
    public static string Readable(string keys)
    {
        var text = IsoDate().Replace(keys, m => $"{m.Groups[3].Value}/{m.Groups[2].Value}/{m.Groups[1].Value}");
        if (text.StartsWith("NOMBRE ", StringComparison.Ordinal)) text = "Por nombre: " + text["NOMBRE ".Length..];
        text = ClaimedFields().Replace(text, m =>
            "(compara: " + string.Join(", ", m.Groups[1].Value.Split(',').Select(FieldCatalog.Label)) + ")");
        return text;
    }
}
