using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Disputes;

public sealed record CaseFilter : PageRequest
{
    public CaseState? State { get; init; }
    /// <summary>Only open cases whose institution has not answered by the deadline.</summary>
    public bool OverdueOnly { get; init; }
}

/// <summary>A case as staff list it. <see cref="IsOverdue"/>: still open and the institution's answer is late.</summary>
public sealed record CaseRow(long Id, long AuditSequence, DateTime CreatedUtc, string? InstitutionName, CaseState State, CaseOutcome? Outcome,
    string? AssignedTo, DateOnly AnswerDueOn, bool Answered, bool IsOverdue);

/// <summary>
/// A case for staff: the citizen's reason, the disputed query, the institution's answer and the resolution.
/// The citizen's identity stays out; auditors reach the person through the audit record.
/// </summary>
/// <param name="AllowedActions">What the reading actor may do to the case now (<see cref="CaseActions"/>).</param>
public sealed record CaseDetail(long Id, long AuditSequence, DateTime QueryUtc, string? InstitutionName, QueryType QueryType, string? Purpose,
    CaseState State, CaseOutcome? Outcome, string Reason, string? AssignedTo, DateOnly AnswerDueOn, string? InstitutionAnswer,
    DateTime? InstitutionAnsweredUtc, string? Resolution, DateTime? ResolvedUtc, DateTime CreatedUtc, bool IsOverdue,
    IReadOnlySet<CaseAction> AllowedActions);

/// <summary>What the citizen sees of their own case: the state, and the final answer once resolved.</summary>
public sealed record CitizenCaseView(long Id, long AuditSequence, DateTime QueryUtc, string InstitutionName, CaseState State, CaseOutcome? Outcome,
    string Reason, string? Resolution, DateTime CreatedUtc, DateTime? ResolvedUtc);

public sealed record CaseCounts(int Open, int Overdue);
