using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>What can be done to an agreement; the detail page offers exactly the ones its read model allows.</summary>
public enum AgreementAction { Edit, AttachDocument, Activate, Suspend, Reactivate, Terminate, Amend }

/// <summary>
/// The agreement lifecycle (docs/domain.md, "Agreements") as one table: which actions each status
/// admits. <see cref="AgreementService"/> refuses anything outside it, and <see cref="AgreementDetail.AllowedActions"/>
/// carries it to the pages, so buttons never re-implement the state machine.
/// </summary>
public static class AgreementActions
{
    private static readonly IReadOnlySet<AgreementAction> None = new HashSet<AgreementAction>();

    private static readonly Dictionary<AgreementStatus, IReadOnlySet<AgreementAction>> ByStatus = new()
    {
        [AgreementStatus.Draft] = new HashSet<AgreementAction> { AgreementAction.Edit, AgreementAction.AttachDocument, AgreementAction.Activate, AgreementAction.Terminate },
        [AgreementStatus.InForce] = new HashSet<AgreementAction> { AgreementAction.Suspend, AgreementAction.Terminate, AgreementAction.Amend },
        [AgreementStatus.Suspended] = new HashSet<AgreementAction> { AgreementAction.Reactivate, AgreementAction.Terminate, AgreementAction.Amend },
    };

    /// <summary>Whether the lifecycle admits <paramref name="action"/> from <paramref name="status"/>, whoever asks.</summary>
    public static bool Admits(AgreementStatus status, AgreementAction action) =>
        ByStatus.TryGetValue(status, out var allowed) && allowed.Contains(action);

    /// <summary>The actions <paramref name="actor"/> may take on an agreement in <paramref name="status"/>.</summary>
    public static IReadOnlySet<AgreementAction> For(Actor actor, AgreementStatus status) =>
        actor.CanManageAgreements() ? ByStatus.GetValueOrDefault(status, None) : None;
}
