namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>What can be done to a web-service credential; the credentials page offers exactly the ones its read model allows.</summary>
public enum CredentialAction { Issue, Rotate, Edit, Revoke, Withdraw }

/// <summary>
/// The credential lifecycle (SOLICITADA → ACTIVA/VENCIDA → REVOCADA) as one rule: <see cref="CredentialService"/>
/// refuses anything it refuses, and <see cref="CredentialView.AllowedActions"/> carries it to the page.
/// </summary>
public static class CredentialActions
{
    /// <summary>Why a credential in <paramref name="status"/> does not admit <paramref name="action"/>, whoever asks; null when it does.</summary>
    public static string? Refusal(CredentialStatus status, CredentialAction action) => (status, action) switch
    {
        (CredentialStatus.Revoked, CredentialAction.Revoke) => "La credencial ya está revocada.",
        (not CredentialStatus.Requested, CredentialAction.Withdraw) => "Solo se puede retirar una solicitud que aún no fue emitida.",
        (CredentialStatus.Revoked, _) => "La credencial está revocada.",
        (not CredentialStatus.Requested, CredentialAction.Issue) => "La credencial ya fue emitida.",
        (CredentialStatus.Requested, CredentialAction.Rotate) => "Solo se puede rotar una credencial emitida.",
        _ => null,
    };

    /// <summary>
    /// The actions open to whoever may issue this credential (<paramref name="issuer"/>) or only withdraw it: a
    /// request is withdrawn by the institution, while SEGIP revokes it instead.
    /// </summary>
    public static IReadOnlySet<CredentialAction> For(CredentialStatus status, bool issuer, bool mayWithdraw)
    {
        CredentialAction[] byRole = issuer ? [CredentialAction.Issue, CredentialAction.Rotate, CredentialAction.Edit, CredentialAction.Revoke]
            : mayWithdraw ? [CredentialAction.Withdraw]
            : [];
        return byRole.Where(a => Refusal(status, a) is null).ToHashSet();
    }
}
