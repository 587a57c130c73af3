using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>What happened at a sign-in, as the change history names it.</summary>
public static class SignInActions
{
    public const string Succeeded = "Ingreso";
    public const string Failed = "IngresoFallido";
    public const string LockedOut = "Bloqueo";
    public const string TwoFactorRequired = "SegundoFactorRequerido";
    public const string TwoFactorFailed = "SegundoFactorFallido";
    public const string SsoSucceeded = "IngresoInstitucional";
    public const string SsoRefused = "IngresoInstitucionalRechazado";
    public const string SsoProvisioned = "AltaInstitucional";
    public const string RolesSynchronised = "RolesSincronizados";
    public const string TwoFactorEnabled = "DobleFactorActivado";
    public const string TwoFactorDisabled = "DobleFactorDesactivado";
    public const string SignedOut = "Salida";
}

/// <summary>
/// Records sign-in attempts, lockouts and account security changes in the change history (entity type
/// "Cuenta"), so auditors see failed attempts next to the staff changes.
/// </summary>
public sealed class SignInHistory(IDbContextFactory<ConsultaDbContext> contexts, ChangeLog changes)
{
    public const string EntityType = "Cuenta";

    /// <param name="userName">The name typed or asserted (e-mail), also the actor of the record.</param>
    /// <param name="accountId">The account's id when it exists; otherwise the name typed.</param>
    public async Task RecordAsync(string userName, string? accountId, string action, object? detail = null,
        int? institutionId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = new Actor(Truncate(userName, 256), new HashSet<string>(), institutionId);
        changes.Add(db, actor, EntityType, Truncate(accountId ?? userName, 60), action, institutionId, null, detail);
        await db.SaveChangesAsync(ct);
    }

    // Whatever a visitor types lands here: keep it within the columns.
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
