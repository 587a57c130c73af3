using System.Security.Claims;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Auth;

/// <summary>The <see cref="Actor"/> a Core service needs, taken from the signed-in user's cookie claims.</summary>
public static class PrincipalActor
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var institution = int.TryParse(user.FindFirstValue(ConsultaClaimsPrincipalFactory.InstitutionClaim), out var id) ? id : (int?)null;
        return new Actor(user.Identity?.Name ?? "anónimo", roles, institution);
    }
}
