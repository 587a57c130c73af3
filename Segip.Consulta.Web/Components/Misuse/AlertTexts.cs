using MudBlazor;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Components.Misuse;

/// <summary>How alerts' codes read on the pages (Spanish; the codes themselves stay in the data).</summary>
public static class AlertTexts
{
    public static string Rule(MisuseRule rule) => rule switch
    {
        MisuseRule.VolumeSpike => "Volumen inusual",
        MisuseRule.OutsideWorkingHours => "Fuera de horario",
        MisuseRule.Enumeration => "Enumeración de documentos",
        MisuseRule.HeavilyQueriedPerson => "Persona muy consultada",
        MisuseRule.ProtectedPerson => "Persona protegida",
        MisuseRule.RepeatedRefusals => "Rechazos repetidos",
        MisuseRule.WeakPurpose => "Finalidad débil",
        MisuseRule.BroadNameSearch => "Búsquedas amplias por nombre",
        _ => rule.ToCode(),
    };

    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => "Alta",
        AlertSeverity.Medium => "Media",
        _ => "Baja",
    };

    public static Color SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => Color.Error,
        AlertSeverity.Medium => Color.Warning,
        _ => Color.Default,
    };

    public static string State(AlertState state) => state switch
    {
        AlertState.New => "Nueva",
        AlertState.InReview => "En revisión",
        _ => "Cerrada",
    };
}

/// <summary>The audit search that shows an alert's evidence: its day and subject, narrowed by what the rule counted.</summary>
public static class AlertEvidence
{
    public static Core.Features.Audit.AuditSearchFilter Filter(Core.Features.Misuse.AlertDetail a) => new()
    {
        From = a.Day,
        To = a.Day,
        InstitutionId = a.InstitutionId,
        EndUserCode = a.EndUserCode,
        DocumentNumber = a.DocumentNumber,
        Result = a.Rule == MisuseRule.RepeatedRefusals ? QueryResult.Refused : null,
        QueryType = a.Rule == MisuseRule.BroadNameSearch ? QueryType.Name : null,
    };

    public static string Href(Core.Features.Misuse.AlertDetail a) => "/bitacora" + Endpoints.AuditQueryString.ToQuery(Filter(a));
}
