using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Disputes;

/// <summary>What can be done to a dispute; the case page offers exactly the ones its read model allows.</summary>
public enum CaseAction { Answer, Assign, Note, Resolve }

/// <summary>
/// The dispute lifecycle (ABIERTO → EN_REVISION → RESUELTO) as one rule: <see cref="DisputeService"/> refuses
/// anything it refuses, and <see cref="CaseDetail.AllowedActions"/> carries it to the page.
/// </summary>
public static class CaseActions
{
    private static readonly IReadOnlySet<CaseAction> None = new HashSet<CaseAction>();

    /// <summary>Why the case's state does not admit <paramref name="action"/>, whoever asks; null when it does.</summary>
    public static string? Refusal(CaseState state, bool answered, CaseAction action) => (state, action) switch
    {
        (CaseState.Resolved, _) => "El caso ya está resuelto.",
        (_, CaseAction.Answer) when answered => "La institución ya respondió este caso.",
        (not CaseState.InReview, CaseAction.Resolve) => "Asigne el caso a un auditor (en revisión) antes de resolverlo.",
        _ => null,
    };

    /// <summary>The actions <paramref name="actor"/> may take on a case (within its scope) in this state.</summary>
    public static IReadOnlySet<CaseAction> For(Actor actor, CaseState state, bool answered)
    {
        CaseAction[] byRole = actor.CanReviewCases() ? [CaseAction.Assign, CaseAction.Note, CaseAction.Resolve]
            : actor.CanAnswerCases() ? [CaseAction.Answer]
            : [];
        return byRole.Length == 0 ? None : byRole.Where(a => Refusal(state, answered, a) is null).ToHashSet();
    }
}
