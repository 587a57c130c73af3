using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Auth;

/// <summary>Adds the display name and institution to the sign-in cookie so the layout needs no query.</summary>
public sealed class ConsultaClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string FullNameClaim = "segip:nombre";
    public const string InstitutionClaim = "segip:institucion";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.InstitutionId is { } id) identity.AddClaim(new Claim(InstitutionClaim, id.ToString()));
        return identity;
    }
}
