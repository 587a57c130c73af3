using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>
/// Who may do what with institutions, access levels and agreements (domain.md): the legal
/// directorate owns agreements and levels, SEGIP's administrators share institutions with it, and
/// auditors read everything. Services check these before touching data.
/// </summary>
public static class StaffPermissions
{
    public static bool CanReadAgreements(this Actor actor) =>
        actor.IsInAnyRole(Roles.Legal, Roles.SegipAdmin, Roles.Auditor);

    public static bool CanManageInstitutions(this Actor actor) => actor.IsInAnyRole(Roles.Legal, Roles.SegipAdmin);

    public static bool CanManageAgreements(this Actor actor) => actor.IsInRole(Roles.Legal);

    public static bool CanManageAccessLevels(this Actor actor) => actor.IsInRole(Roles.Legal);

    /// <summary>Staff see any institution; an institution admin only its own.</summary>
    public static bool CanReadInstitution(this Actor actor, int institutionId) =>
        actor.CanReadAgreements() || (actor.IsInRole(Roles.InstitutionAdmin) && actor.InstitutionId == institutionId);
}
