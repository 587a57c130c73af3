using Microsoft.AspNetCore.Authorization;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// Named authorisation policies; pages and endpoints use these names, never raw role lists. Each one is
/// a capability of <see cref="StaffPermissions"/> in Core, evaluated on the signed-in user's
/// <see cref="Actor"/>, so a page admits exactly whom its service accepts.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in staff account, whatever its role (home page, own account, sign-out); never a citizen session.</summary>
    public const string SignedIn = nameof(SignedIn);
    /// <summary>A citizen signed in through Ciudadanía Digital, on their own data (/mis-datos).</summary>
    public const string Citizen = nameof(Citizen);
    /// <summary>Citizens' disputes: auditors, and institution admins for their institution's.</summary>
    public const string Cases = nameof(Cases);
    public const string Query = nameof(Query);
    /// <summary>The institutions, access levels and agreements pages (read; what each may change comes from Core).</summary>
    public const string AgreementsArea = nameof(AgreementsArea);
    /// <summary>One institution, agreement or the levels, read-only: also auditors, who reach them from the change history.</summary>
    public const string ReadAgreements = nameof(ReadAgreements);
    public const string ManageInstitutions = nameof(ManageInstitutions);
    public const string ManageAgreements = nameof(ManageAgreements);
    public const string ManageAccessLevels = nameof(ManageAccessLevels);
    public const string Audit = nameof(Audit);
    public const string ManageEndUsers = nameof(ManageEndUsers);
    public const string Administer = nameof(Administer);
    public const string Credentials = nameof(Credentials);
    /// <summary>An institution admin's own institution: its end users and web-service credentials (home page).</summary>
    public const string OwnInstitution = nameof(OwnInstitution);
    /// <summary>The misuse rules' thresholds page (auditors and SEGIP administrators).</summary>
    public const string MisuseThresholds = nameof(MisuseThresholds);

    /// <summary>Each policy and the Core capability it stands for.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Actor, bool>> Capabilities = new Dictionary<string, Func<Actor, bool>>
    {
        [Query] = StaffPermissions.CanQuery,
        [AgreementsArea] = StaffPermissions.CanOpenAgreementsArea,
        [ReadAgreements] = StaffPermissions.CanReadAgreements,
        [ManageInstitutions] = StaffPermissions.CanManageInstitutions,
        [ManageAgreements] = StaffPermissions.CanManageAgreements,
        [ManageAccessLevels] = StaffPermissions.CanManageAccessLevels,
        [Audit] = StaffPermissions.CanReadAudit,
        [ManageEndUsers] = StaffPermissions.CanManageEndUsers,
        [Administer] = StaffPermissions.CanAdminister,
        [Credentials] = StaffPermissions.CanUseCredentials,
        [MisuseThresholds] = StaffPermissions.CanEditMisuseThresholds,
        [Cases] = StaffPermissions.CanReadCases,
        [OwnInstitution] = StaffPermissions.CanAdministerOwnInstitution,
    };

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().RequireAssertion(context => !ActorFactory.From(context.User).IsCitizen));
        o.AddPolicy(Citizen, p => p.RequireAuthenticatedUser().RequireAssertion(context => ActorFactory.From(context.User).IsCitizen));
        foreach (var (name, capability) in Capabilities)
            o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireAssertion(context => capability(ActorFactory.From(context.User))));
    }
}
