using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Segip.Consulta.Web.Auth;

/// <summary>The signed-in user as components see it, read from the circuit's authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider state)
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await state.GetAuthenticationStateAsync()).User;

    public async Task<Core.Features.Accounts.Actor> GetActorAsync() => (await GetPrincipalAsync()).ToActor();

    public async Task<string?> GetUserIdAsync() => (await GetPrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);
}
