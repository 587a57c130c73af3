using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Segip.Consulta.Web.Auth;

/// <summary>The signed-in user as components see it, read from the circuit's authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider state)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await state.GetAuthenticationStateAsync()).User;

    public async Task<string?> GetUserIdAsync() => (await GetPrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The signed-in user as the Core services' <see cref="Core.Features.Accounts.Actor"/> (name, roles, institution).</summary>
    public async Task<Core.Features.Accounts.Actor> GetActorAsync()
    {
        var user = await GetPrincipalAsync();
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        int? institution = int.TryParse(user.FindFirstValue(ConsultaClaimsPrincipalFactory.InstitutionClaim), out var id) ? id : null;
        return new Core.Features.Accounts.Actor(user.Identity?.Name ?? "desconocido", roles, institution);
    }
}
