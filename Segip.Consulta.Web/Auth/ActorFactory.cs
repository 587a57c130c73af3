using System.Security.Claims;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Auth;

/// <summary>Turns the signed-in principal into the <see cref="Actor"/> Core services check scope with.</summary>
public static class ActorFactory
{
    public static Actor From(ClaimsPrincipal user)
    {
        var roles = Roles.All.Where(user.IsInRole).ToHashSet();
        int? institution = int.TryParse(user.FindFirstValue(ConsultaClaimsPrincipalFactory.InstitutionClaim), out var id) ? id : null;
        return new Actor(user.Identity?.Name ?? "anónimo", roles, institution);
    }
}
