using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>The Spanish text users and institutions read for each refusal.</summary>
public static class RefusalMessages
{
    public static string For(RefusalReason reason) => reason switch
    {
        RefusalReason.InvalidCredential => "Credencial inválida.",
        RefusalReason.AgreementNotInForce => "La institución no tiene un convenio vigente con el SEGIP; la consulta no está permitida.",
        RefusalReason.ChannelNotAllowed => "El convenio de la institución no permite consultas por este canal.",
        RefusalReason.EndUserNotEnabled => "El usuario final no está registrado o no está habilitado para consultar.",
        RefusalReason.IpNotAllowed => "La dirección IP de origen no está autorizada por el convenio.",
        RefusalReason.QuotaExhausted => "La institución agotó la cuota mensual de consultas de su convenio.",
        RefusalReason.InvalidRequest => "La solicitud tiene datos inválidos.",
        RefusalReason.ConsentRequired => "El nivel de acceso del convenio exige la referencia del consentimiento de la persona consultada.",
        RefusalReason.OperationNotAllowed => "El nivel de acceso del convenio no permite este tipo de consulta.",
        RefusalReason.RateLimited => "La credencial superó el límite de solicitudes por minuto; reintente después del tiempo indicado en Retry-After.",
        _ => "La consulta fue denegada.",
    };
}
