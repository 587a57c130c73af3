using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Auth;

/// <summary>Why a provider sign-in was refused; the login page shows the Spanish text for the code.</summary>
public static class OidcRefusals
{
    public const string Failed = "sso-fallido";
    public const string NoRole = "sso-sin-rol";
    public const string Conflict = "sso-conflicto";
    public const string Locked = "sso-bloqueado";

    public static string? Message(string? code) => code switch
    {
        Failed => "No se pudo completar el ingreso con la cuenta institucional. Intente de nuevo.",
        NoRole => "Su cuenta institucional no tiene un rol habilitado para este sistema. Solicítelo a su área de sistemas.",
        Conflict => "Ya existe una cuenta local con ese correo. Comuníquese con el administrador del SEGIP.",
        Locked => "La cuenta está bloqueada. Comuníquese con el administrador del SEGIP.",
        _ => null,
    };
}

/// <summary>
/// Turns the provider's identity (held in Identity's external cookie) into a local account: provisions
/// it on first sign-in, makes its staff roles follow the provider at every sign-in, then signs in with
/// the application cookie, keeping the id_token so sign-out can also end the provider's session.
/// </summary>
public sealed class OidcSignIn(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IOptions<OidcOptions> options,
    SignInHistory history, ILogger<OidcSignIn> logger)
{
    /// <returns>Null when signed in; otherwise an <see cref="OidcRefusals"/> code.</returns>
    public async Task<string?> SignInAsync(AuthenticateResult external)
    {
        var oidc = options.Value;
        var principal = external.Principal;
        var providerKey = principal?.FindFirstValue(oidc.UserIdClaim);
        if (!external.Succeeded || principal is null || string.IsNullOrEmpty(providerKey))
        {
            logger.LogWarning("Ingreso institucional sin identidad válida (claim {Claim}).", oidc.UserIdClaim);
            return OidcRefusals.Failed;
        }

        var email = principal.FindFirstValue("email");
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? email ?? providerKey;
        var roles = oidc.MapRoles(principal.FindAll(oidc.RoleClaim).Select(c => c.Value));

        var user = await users.FindByLoginAsync(OidcOptions.Scheme, providerKey);
        if (user is null)
        {
            if (roles.Count == 0)
            {
                await history.RecordAsync(email ?? name, null, SignInActions.SsoRefused, new { Motivo = "sin rol" });
                return OidcRefusals.NoRole;
            }
            (user, var refusal) = await ProvisionAsync(providerKey, email, name);
            if (user is null) return refusal;
        }

        await SynchroniseRolesAsync(user, roles);
        if (roles.Count == 0)
        {
            await history.RecordAsync(user.UserName!, user.Id, SignInActions.SsoRefused, new { Motivo = "sin rol" });
            return OidcRefusals.NoRole;
        }
        if (await users.IsLockedOutAsync(user))
        {
            await history.RecordAsync(user.UserName!, user.Id, SignInActions.SsoRefused, new { Motivo = "cuenta bloqueada" });
            return OidcRefusals.Locked;
        }

        var properties = new AuthenticationProperties();
        if (external.Properties?.GetTokenValue("id_token") is { } idToken)
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        // The authentication method claim marks the session as the provider's, so sign-out ends it there too.
        await signIn.SignInAsync(user, properties, OidcOptions.Scheme);
        await history.RecordAsync(user.UserName!, user.Id, SignInActions.SsoSucceeded, new { Roles = roles.Order().ToArray() });
        return null;
    }

    private async Task<(ApplicationUser? User, string? Refusal)> ProvisionAsync(string providerKey, string? email, string name)
    {
        if (email is not null && await users.FindByEmailAsync(email) is not null)
        {
            // Never link to an existing local account by e-mail: the provider would take it over.
            await history.RecordAsync(email, null, SignInActions.SsoRefused, new { Motivo = "correo de una cuenta local" });
            return (null, OidcRefusals.Conflict);
        }
        var user = new ApplicationUser
        {
            UserName = email ?? $"sso-{providerKey}",
            Email = email,
            EmailConfirmed = email is not null,
            FullName = name,
            IsExternal = true,
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded) created = await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, providerKey, options.Value.DisplayName));
        if (!created.Succeeded)
        {
            logger.LogWarning("No se pudo dar de alta la cuenta institucional: {Errors}", string.Join(" ", created.Errors.Select(e => e.Code)));
            return (null, OidcRefusals.Failed);
        }
        await history.RecordAsync(user.UserName, user.Id, SignInActions.SsoProvisioned, new { user.FullName, user.Email });
        return (user, null);
    }

    /// <summary>Staff roles follow the provider; other roles are never granted or removed by it.</summary>
    private async Task SynchroniseRolesAsync(ApplicationUser user, IReadOnlySet<string> granted)
    {
        var current = (await users.GetRolesAsync(user)).Where(OidcOptions.SsoRoles.Contains).ToHashSet();
        var add = granted.Except(current).ToArray();
        var remove = current.Except(granted).ToArray();
        if (add.Length == 0 && remove.Length == 0) return;
        if (add.Length > 0) await users.AddToRolesAsync(user, add);
        if (remove.Length > 0) await users.RemoveFromRolesAsync(user, remove);
        await history.RecordAsync(user.UserName!, user.Id, SignInActions.RolesSynchronised,
            new { Antes = current.Order().ToArray(), Despues = granted.Order().ToArray() });
    }
}
