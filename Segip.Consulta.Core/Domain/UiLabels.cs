namespace Segip.Consulta.Core.Domain;

/// <summary>
/// What people read instead of the contract's codes (ENCONTRADO, WEB, CUOTA_AGOTADA…), on the pages and in the PDF
/// reports. Codes stay in the API, the exports and, for auditors, in a greyed hint beside the label (<c>CodeHint</c>).
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
        _ => result.ToCode(),
    };

    public static string Channel(Channel channel) => channel == Domain.Channel.Web ? "Aplicación web" : "Servicio web";

    public static string QueryType(QueryType type) => type switch
    {
        Domain.QueryType.Document => "Por documento",
        Domain.QueryType.Verification => "Contrastación",
        Domain.QueryType.Name => "Por nombre",
        Domain.QueryType.Certificate => "Emisión de certificado",
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
    public static string CredentialStatus(Features.Credentials.CredentialStatus status) => status switch
    {
        Features.Credentials.CredentialStatus.Requested => "Solicitada",
        Features.Credentials.CredentialStatus.Active => "Activa",
        Features.Credentials.CredentialStatus.Expired => "Vencida",
        Features.Credentials.CredentialStatus.Revoked => "Revocada",
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
