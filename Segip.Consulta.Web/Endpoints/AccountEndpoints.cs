using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

public static class AccountEndpoints
{
    public const string LoginPath = "/cuenta/ingresar";
    public const string ExternalLoginPath = "/cuenta/ingresar-institucional";
    public const string ExternalCallbackPath = "/cuenta/ingresar-institucional/completar";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with antiforgery, so a link on another site cannot sign the user out.
        app.MapPost("/cuenta/salir", async (HttpContext http, SignInManager<ApplicationUser> signIn, SignInHistory history,
            IOptions<OidcOptions> oidc, IAntiforgery antiforgery) =>
        {
            // No form fields are bound here, so the framework would not reject a missing token by itself.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var fromProvider = oidc.Value.IsEnabled && http.User.FindFirst(ClaimTypes.AuthenticationMethod)?.Value == OidcOptions.Scheme;
            var idToken = fromProvider ? await http.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token") : null;
            var name = http.User.Identity?.Name;
            // A new security stamp ends this session on the server: a copy of the cookie is refused from now on.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            if (name is not null) await history.RecordAsync(name, signIn.UserManager.GetUserId(http.User), SignInActions.SignedOut);
            if (!fromProvider) return Results.LocalRedirect(LoginPath);

            // Ends the provider's session too; it sends the browser back to the login page afterwards.
            var properties = new AuthenticationProperties { RedirectUri = LoginPath };
            if (idToken is not null) properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
            return Results.SignOut(properties, [OidcOptions.Scheme]);
        }).RequireAuthorization(Policies.SignedIn);

        app.MapPost(ExternalLoginPath, (IOptions<OidcOptions> oidc, [FromForm] string? returnUrl) =>
        {
            if (!oidc.Value.IsEnabled) return Results.NotFound();
            var callback = $"{ExternalCallbackPath}?returnUrl={Uri.EscapeDataString(LocalUrl.OrHome(returnUrl))}";
            return Results.Challenge(new AuthenticationProperties { RedirectUri = callback }, [OidcOptions.Scheme]);
        }).AllowAnonymous();

        app.MapGet(ExternalCallbackPath, async (HttpContext http, OidcSignIn sso, string? returnUrl) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            var refusal = await sso.SignInAsync(external);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            return refusal is null
                ? Results.LocalRedirect(LocalUrl.OrHome(returnUrl))
                : Results.LocalRedirect($"{LoginPath}?error={refusal}");
        }).AllowAnonymous();
    }
}
