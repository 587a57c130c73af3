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
        QueryResult.Found => "Persona encontrada",
        QueryResult.NotFound => "No encontrada",
        QueryResult.Refused => "Denegada",
        QueryResult.Matched => "Datos coinciden",
        QueryResult.NotMatched => "Datos no coinciden",
        QueryResult.Issued => "Certificado emitido",
        _ => result.ToString(),
    };

    public static string Channel(Channel channel) => channel == Core.Domain.Channel.Web ? "Aplicación web" : "Servicio web";

    public static string QueryType(QueryType type) => type switch
    {
        Core.Domain.QueryType.Document => "Por documento",
        Core.Domain.QueryType.Verification => "Contrastación",
        Core.Domain.QueryType.Name => "Por nombre",
        Core.Domain.QueryType.Certificate => "Emisión de certificado",
        _ => type.ToCode(),
    };

    public static string Refusal(RefusalReason reason) => reason switch
    {
        RefusalReason.InvalidCredential => "Credencial no válida",
        RefusalReason.AgreementNotInForce => "Sin convenio vigente",
        RefusalReason.ChannelNotAllowed => "Canal no permitido",
        RefusalReason.EndUserNotEnabled => "Usuario final no habilitado",
        RefusalReason.IpNotAllowed => "Dirección IP no permitida",
        RefusalReason.QuotaExhausted => "Cuota mensual agotada",
        RefusalReason.InvalidRequest => "Solicitud no válida",
        RefusalReason.ConsentRequired => "Falta el consentimiento",
        RefusalReason.OperationNotAllowed => "Operación no permitida",
        RefusalReason.RateLimited => "Demasiadas consultas por minuto",
        _ => reason.ToCode(),
    };

    /// <summary>A web-service credential's state, wherever it is shown (list, home cards, history).</summary>
    public static string CredentialStatus(Core.Features.Credentials.CredentialStatus status) => status switch
    {
        Core.Features.Credentials.CredentialStatus.Requested => "Solicitada",
        Core.Features.Credentials.CredentialStatus.Active => "Activa",
        Core.Features.Credentials.CredentialStatus.Expired => "Vencida",
        Core.Features.Credentials.CredentialStatus.Revoked => "Revocada",
        _ => status.ToCode(),
    };

    public static string Document(DocumentType type) => type switch
    {
        DocumentType.IdentityCard => "CI",
        DocumentType.ForeignerIdentityCard => "CI de extranjero",
        DocumentType.DrivingLicence => "Licencia de conducir",
        DocumentType.ForeignerDrivingLicence => "Licencia de extranjero",
        _ => type.ToCode(),
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
