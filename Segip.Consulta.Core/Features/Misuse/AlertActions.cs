using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>What can be done to a misuse alert; the alert page offers exactly the ones its read model allows.</summary>
public enum AlertAction { StartReview, Assign, Close }

/// <summary>
/// The alert lifecycle (NUEVA → EN_REVISION → CERRADA) as one rule: <see cref="MisuseAlertService"/> refuses
/// anything it refuses, and <see cref="AlertDetail.AllowedActions"/> carries it to the page.
/// </summary>
public static class AlertActions
{
    private static readonly IReadOnlySet<AlertAction> None = new HashSet<AlertAction>();

    /// <summary>Why the alert's state does not admit <paramref name="action"/>, whoever asks; null when it does.</summary>
    public static string? Refusal(AlertState state, AlertAction action) => (state, action) switch
    {
        (AlertState.Closed, _) => "La alerta ya está cerrada.",
        (not AlertState.New, AlertAction.StartReview) => "Solo una alerta NUEVA pasa a revisión.",
        _ => null,
    };

    /// <summary>The actions <paramref name="actor"/> may take on an alert in <paramref name="state"/>.</summary>
    public static IReadOnlySet<AlertAction> For(Actor actor, AlertState state) =>
        actor.CanReviewAlerts() ? Enum.GetValues<AlertAction>().Where(a => Refusal(state, a) is null).ToHashSet() : None;
}
