using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>A filter in the words of a report: "Documento consultado: 1234567", one line per filter set.</summary>
public static class AuditFilterDescription
{
    public static IReadOnlyList<string> Describe(AuditSearchFilter f, AuditFilterOptions names)
    {
        var lines = new List<string>();
        if (f.From is { } from) lines.Add($"Desde: {from:dd/MM/yyyy}");
        if (f.To is { } to) lines.Add($"Hasta: {to:dd/MM/yyyy}");
        if (f.InstitutionId is { } i) lines.Add($"Institución: {names.Institutions.FirstOrDefault(x => x.Id == i)?.Name ?? i.ToString()}");
        if (f.AgreementId is { } a) lines.Add($"Convenio: {names.Agreements.FirstOrDefault(x => x.Id == a)?.Name ?? a.ToString()}");
        if (f.EndUserCode is { } u) lines.Add($"Usuario final: {u}");
        if (f.Channel is { } c) lines.Add($"Canal: {UiLabels.Channel(c)}");
        if (f.QueryType is { } t) lines.Add($"Tipo de consulta: {UiLabels.QueryType(t)}");
        if (f.Result is { } r) lines.Add($"Resultado: {UiLabels.Result(r)}");
        if (f.DocumentNumber is { } d) lines.Add($"Documento consultado: {d}");
        if (f.PurposeText is { } p) lines.Add($"Finalidad contiene: «{p}»");
        if (lines.Count == 0) lines.Add("Ninguno: toda la bitácora");
        return lines;
    }

    private static readonly System.Globalization.CultureInfo Spanish = System.Globalization.CultureInfo.GetCultureInfo("es-BO");

    /// <summary>A count as Bolivians write it: 8.239.904.</summary>
    public static string Number(long value) => value.ToString("N0", Spanish);

    public static string Period(AuditSummary s) => s.FirstUtc is { } first && s.LastUtc is { } last
        ? $"{BoliviaClock.Format(first)} a {BoliviaClock.Format(last)}"
        : "sin registros";
}
