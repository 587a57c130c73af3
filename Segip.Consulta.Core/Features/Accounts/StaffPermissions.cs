using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>
/// Who may do what (docs/domain.md, "Roles"): the one place the role → capability table lives. Core
/// services check these before touching data; the web application builds its authorisation policies
/// from the same methods, so a page never admits someone its service would refuse.
/// </summary>
public static class StaffPermissions
{
    /// <summary>Institutions, levels and agreements are read by the legal directorate, SEGIP's administrators and auditors.</summary>
    public static bool CanReadAgreements(this Actor actor) =>
        actor.IsInAnyRole(Roles.Legal, Roles.SegipAdmin, Roles.Auditor);

    /// <summary>
    /// The staff application's institutions, levels and agreements pages: the legal directorate, which
    /// keeps them, and SEGIP's administrators, who register institutions and follow the rest read-only.
    /// </summary>
    public static bool CanOpenAgreementsArea(this Actor actor) => actor.IsInAnyRole(Roles.Legal, Roles.SegipAdmin);

    public static bool CanManageInstitutions(this Actor actor) => actor.IsInAnyRole(Roles.Legal, Roles.SegipAdmin);

    /// <summary>Agreements belong to the legal directorate alone: drafting, documents, lifecycle and amendments.</summary>
    public static bool CanManageAgreements(this Actor actor) => actor.IsInRole(Roles.Legal);

    public static bool CanManageAccessLevels(this Actor actor) => actor.IsInRole(Roles.Legal);

    /// <summary>Staff see any institution; an institution admin only its own.</summary>
    public static bool CanReadInstitution(this Actor actor, int institutionId) =>
        actor.CanReadAgreements() || (actor.IsInRole(Roles.InstitutionAdmin) && actor.InstitutionId == institutionId);

    /// <summary>Some institution's end users: SEGIP staff any, an institution admin its own (see <see cref="Actor.CanManageEndUsersOf"/>).</summary>
    public static bool CanManageEndUsers(this Actor actor) => actor.IsInAnyRole(Roles.SegipAdmin, Roles.Legal, Roles.InstitutionAdmin);

    /// <summary>Querying persons from the web application is for officers (an institution's end users with a login).</summary>
    public static bool CanQuery(this Actor actor) => actor.IsInRole(Roles.Officer);

    /// <summary>The audit log: auditors and SEGIP administrators all of it, an institution admin its own institution's.</summary>
    public static bool CanReadAudit(this Actor actor) => actor.CanReadAllAudit() || actor.IsInRole(Roles.InstitutionAdmin);

    public static bool CanReadAllAudit(this Actor actor) => actor.IsInAnyRole(Roles.Auditor, Roles.SegipAdmin);

    /// <summary>Recomputing the whole chain is internal control's check: auditors and SEGIP administrators.</summary>
    public static bool CanVerifyAudit(this Actor actor) => actor.CanReadAllAudit();

    /// <summary>Signing a checkpoint uses SEGIP's key: SEGIP administrators (and the system's own worker).</summary>
    public static bool CanSignAuditCheckpoints(this Actor actor) => actor.IsInRole(Roles.SegipAdmin);

    /// <summary>Misuse alerts are worked (assigned, reviewed, closed) by internal control: auditors and SEGIP administrators.</summary>
    public static bool CanReviewAlerts(this Actor actor) => actor.CanReadAllAudit();

    /// <summary>The misuse rules' thresholds are internal control's to tune: auditors and SEGIP administrators.</summary>
    public static bool CanEditMisuseThresholds(this Actor actor) => actor.IsInAnyRole(Roles.Auditor, Roles.SegipAdmin);

    /// <summary>Citizens' disputes of queries are worked (assigned, annotated, resolved) by auditors.</summary>
    public static bool CanReviewCases(this Actor actor) => actor.IsInRole(Roles.Auditor);

    /// <summary>An institution's administrator, acting for its own institution: its end users, credentials and disputes.</summary>
    public static bool CanAdministerOwnInstitution(this Actor actor) => actor.IsInRole(Roles.InstitutionAdmin) && actor.InstitutionId is not null;

    /// <summary>A dispute about an institution's query is answered (justified) by that institution's administrator.</summary>
    public static bool CanAnswerCases(this Actor actor) => actor.CanAdministerOwnInstitution();

    /// <summary>Disputes: auditors all of them, an institution admin those about its institution's queries (to answer them).</summary>
    public static bool CanReadCases(this Actor actor) => actor.CanReviewCases() || actor.CanAnswerCases();

    /// <summary>The protected persons list (whose every query raises an alert) is itself sensitive: SEGIP administrators only.</summary>
    public static bool CanManageProtectedPersons(this Actor actor) => actor.IsInRole(Roles.SegipAdmin);

    /// <summary>Web-service credentials: SEGIP issues, rotates and revokes; an institution admin requests and sees its own.</summary>
    public static bool CanUseCredentials(this Actor actor) => actor.IsInAnyRole(Roles.SegipAdmin, Roles.InstitutionAdmin);

    public static bool CanIssueCredentials(this Actor actor) => actor.IsInRole(Roles.SegipAdmin);

    /// <summary>SEGIP's administration: staff accounts, settings, certificate revocation.</summary>
    public static bool CanAdminister(this Actor actor) => actor.IsInRole(Roles.SegipAdmin);
}
