using System.Security.Claims;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Auth;

/// <summary>Turns the signed-in principal into the <see cref="Actor"/> Core services check scope with.</summary>
public static class ActorFactory
{
    public static Actor From(ClaimsPrincipal user)
    {
        // A citizen session carries the citizen role and its person, and never a staff role.
        if (CitizenSignIn.PersonOf(user) is { } personId) return Actor.ForCitizen(personId);
        var roles = Roles.All.Where(user.IsInRole).ToHashSet();
        int? institution = int.TryParse(user.FindFirstValue(ConsultaClaimsPrincipalFactory.InstitutionClaim), out var id) ? id : null;
        return new Actor(user.Identity?.Name ?? "anónimo", roles, institution);
    }
}
