using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>The columns of an audit record the rules look at (no hash, no disclosed fields).</summary>
public sealed record AuditFact(
    long Sequence, DateTime TimestampUtc, int? InstitutionId, string? EndUserCode, string? ClientIp, QueryType QueryType,
    string? DocumentNumber, string? Purpose, QueryResult Result, RefusalReason? RefusalReason)
{
    public DateTime LocalTime => BoliviaClock.ToLocal(TimestampUtc);
    public DateOnly Day => DateOnly.FromDateTime(LocalTime);
    /// <summary>A question about a person (not a certificate issue, which repeats an earlier query).</summary>
    public bool IsQuery => QueryType != QueryType.Certificate;
    public bool IsAnswered => IsQuery && Result != QueryResult.Refused;
}

/// <summary>An alert the rules want raised; the detector stores it unless its fingerprint already exists.</summary>
public sealed record AlertCandidate(
    string Fingerprint, MisuseRule Rule, AlertSeverity Severity, DateOnly Day, string Explanation,
    IReadOnlyList<AuditFact> Evidence, int? InstitutionId = null, string? EndUserCode = null,
    string? DocumentNumber = null, string? ClientIp = null);

/// <summary>
/// What the rules know besides the day's records: thresholds, the protected persons, institution acronyms
/// (for the explanations), their declared working hours and each end user's baseline (median queries per working day).
/// </summary>
public sealed record DetectionContext(
    MisuseOptions Options,
    IReadOnlySet<string> ProtectedDocuments,
    IReadOnlyDictionary<int, string> InstitutionAcronyms,
    IReadOnlyDictionary<(int? InstitutionId, string EndUserCode), double> Medians,
    IReadOnlyDictionary<int, WorkingSchedule>? Schedules = null)
{
    /// <summary>Purpose texts already reduced (the detector keeps one across passes).</summary>
    public PurposeCache Purposes { get; init; } = new();

    /// <summary>The institution's declared working hours; the default schedule when it is unknown.</summary>
    public WorkingSchedule ScheduleOf(int? institutionId) =>
        institutionId is { } id && Schedules is not null && Schedules.TryGetValue(id, out var own) ? own : WorkingSchedule.Default;

    public string InstitutionLabel(int? institutionId) =>
        institutionId is { } id && InstitutionAcronyms.TryGetValue(id, out var acronym) ? acronym : "institución desconocida";

    /// <summary>"BD-014 (BDEMO)": how the explanations name an end user.</summary>
    public string EndUserLabel(int? institutionId, string? endUserCode) => $"{endUserCode ?? "sin usuario final"} ({InstitutionLabel(institutionId)})";
}
