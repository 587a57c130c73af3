using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Core.Features.Operations;

/// <summary>The rolling windows of the operations page.</summary>
public enum OperationsWindow { Hour, Day, Month }

public static class OperationsWindows
{
    public static TimeSpan Length(this OperationsWindow w) => w switch
    {
        OperationsWindow.Hour => TimeSpan.FromHours(1),
        OperationsWindow.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(30),
    };

    public static string Label(this OperationsWindow w) => w switch
    {
        OperationsWindow.Hour => "Última hora",
        OperationsWindow.Day => "Últimas 24 horas",
        _ => "Últimos 30 días",
    };

    /// <summary>A refusal reason as an operator reads it.</summary>
    public static string Label(this RefusalReason reason) => reason switch
    {
        RefusalReason.InvalidCredential => "Credencial inválida",
        RefusalReason.AgreementNotInForce => "Convenio no vigente",
        RefusalReason.ChannelNotAllowed => "Canal no permitido",
        RefusalReason.EndUserNotEnabled => "Usuario final no habilitado",
        RefusalReason.IpNotAllowed => "Dirección IP no permitida",
        RefusalReason.QuotaExhausted => "Cuota agotada",
        RefusalReason.InvalidRequest => "Solicitud inválida",
        RefusalReason.ConsentRequired => "Falta el consentimiento",
        RefusalReason.OperationNotAllowed => "Operación no permitida",
        RefusalReason.RateLimited => "Límite de frecuencia",
        _ => "Otro motivo",
    };
}

/// <summary>One institution over a window: what it asked, what was refused and why, how fast it was answered.</summary>
public sealed record InstitutionOperations(
    int? InstitutionId,
    string Name,
    long Volume,
    long Web,
    long WebService,
    IReadOnlyList<CountBy<RefusalReason>> Refusals,
    AnswerTimeSummary? AnswerTimes,
    QuotaUse? Quota)
{
    public long Refused => Refusals.Sum(r => (long)r.Count);
    public double? RefusedPercent => Volume == 0 ? null : Math.Round(100.0 * Refused / Volume, 1);
    public double? WebServicePercent => Volume == 0 ? null : Math.Round(100.0 * WebService / Volume, 1);
}

/// <summary>Every institution with activity in the window (or an agreement in force), busiest first.</summary>
public sealed record OperationsReport(
    OperationsWindow Window, DateTime FromUtc, DateTime ToUtc, IReadOnlyList<InstitutionOperations> Institutions,
    IReadOnlyList<CountBy<RefusalReason>> Refusals)
{
    public long Volume => Institutions.Sum(i => i.Volume);
    public long Refused => Refusals.Sum(r => (long)r.Count);
}
