using Microsoft.AspNetCore.Authorization;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Auth;

/// <summary>Named authorisation policies; pages and endpoints use these names, never raw role lists.</summary>
public static class Policies
{
    /// <summary>Any signed-in account, whatever its role (home page, own account, sign-out).</summary>
    public const string SignedIn = nameof(SignedIn);
    public const string Query = nameof(Query);
    public const string ManageAgreements = nameof(ManageAgreements);
    public const string Audit = nameof(Audit);
    public const string ManageEndUsers = nameof(ManageEndUsers);
    public const string Administer = nameof(Administer);
    public const string Credentials = nameof(Credentials);

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Query, p => p.RequireRole(Roles.Officer));
        o.AddPolicy(ManageAgreements, p => p.RequireRole(Roles.Legal, Roles.SegipAdmin));
        o.AddPolicy(Audit, p => p.RequireRole(Roles.Auditor, Roles.SegipAdmin, Roles.InstitutionAdmin));
        o.AddPolicy(ManageEndUsers, p => p.RequireRole(Roles.InstitutionAdmin, Roles.Legal, Roles.SegipAdmin));
        o.AddPolicy(Administer, p => p.RequireRole(Roles.SegipAdmin));
        // SEGIP issues, rotates and revokes; an institution admin requests and sees its own.
        o.AddPolicy(Credentials, p => p.RequireRole(Roles.SegipAdmin, Roles.InstitutionAdmin));
    }
}
