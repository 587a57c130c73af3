using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>The Spanish text users and institutions read for each refusal.</summary>
public static class RefusalMessages
{
    public static string For(RefusalReason reason) => reason switch
    {
        RefusalReason.CREDENCIAL_INVALIDA => "Credencial inválida.",
        RefusalReason.CONVENIO_NO_VIGENTE => "La institución no tiene un convenio vigente con el SEGIP; la consulta no está permitida.",
        RefusalReason.CANAL_NO_PERMITIDO => "El convenio de la institución no permite consultas por este canal.",
        RefusalReason.USUARIO_FINAL_NO_HABILITADO => "El usuario final no está registrado o no está habilitado para consultar.",
        RefusalReason.IP_NO_PERMITIDA => "La dirección IP de origen no está autorizada por el convenio.",
        RefusalReason.CUOTA_AGOTADA => "La institución agotó la cuota mensual de consultas de su convenio.",
        RefusalReason.SOLICITUD_INVALIDA => "La solicitud tiene datos inválidos.",
        RefusalReason.CONSENTIMIENTO_REQUERIDO => "El nivel de acceso del convenio exige la referencia del consentimiento de la persona consultada.",
        RefusalReason.OPERACION_NO_PERMITIDA => "El nivel de acceso del convenio no permite este tipo de consulta.",
        RefusalReason.LIMITE_DE_FRECUENCIA => "La credencial superó el límite de solicitudes por minuto; reintente después del tiempo indicado en Retry-After.",
        _ => "La consulta fue denegada.",
    };
}
