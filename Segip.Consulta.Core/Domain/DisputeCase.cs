using System.Text.Json.Serialization;

namespace Segip.Consulta.Core.Domain;

/// <summary>A dispute's life: ABIERTO → EN_REVISION (an auditor took it) → RESUELTO (with an outcome).</summary>
public enum CaseState
{
    [JsonStringEnumMemberName("ABIERTO")] Open = 1,
    [JsonStringEnumMemberName("EN_REVISION")] InReview,
    [JsonStringEnumMemberName("RESUELTO")] Resolved,
}

/// <summary>An auditor's finding: the query was improper (FUNDADO) or it was not (INFUNDADO).</summary>
public enum CaseOutcome
{
    [JsonStringEnumMemberName("FUNDADO")] Founded = 1,
    [JsonStringEnumMemberName("INFUNDADO")] Unfounded,
}

/// <summary>
/// A citizen's complaint that a query about them was improper. It points at the audit record; auditors
/// assign, annotate and resolve it; the institution that queried must justify the query before
/// <see cref="AnswerDueOn"/>. Every step is in the change history.
/// </summary>
public class DisputeCase : IUpdateStamped
{
    public long Id { get; set; }
    /// <summary>The registry person who complained (only they see the case among citizens).</summary>
    public long PersonId { get; set; }
    /// <summary>The disputed query's audit record.</summary>
    public long AuditSequence { get; set; }
    /// <summary>The institution that made the query (copied from the record; its admin answers).</summary>
    public int? InstitutionId { get; set; }
    public CaseState State { get; set; } = CaseState.Open;
    public CaseOutcome? Outcome { get; set; }
    /// <summary>The citizen's reason, as typed.</summary>
    public required string Reason { get; set; }
    public string? AssignedTo { get; set; }
    /// <summary>The Bolivian day by which the institution must answer (working days from the opening).</summary>
    public DateOnly AnswerDueOn { get; set; }
    /// <summary>The institution's justification of the query.</summary>
    public string? InstitutionAnswer { get; set; }
    public DateTime? InstitutionAnsweredUtc { get; set; }
    /// <summary>The auditor's final answer, shown to the citizen.</summary>
    public string? Resolution { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
