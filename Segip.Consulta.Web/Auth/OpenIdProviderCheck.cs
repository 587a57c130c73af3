using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// What the staff and the citizens' OpenID Connect settings must hold once an Authority turns them on: a provider the
/// handler can reach (https unless RequireHttpsMetadata is false for a loopback provider), a client id and the
/// <c>openid</c> scope. Without them every sign-in would fail at the provider instead of at start.
/// </summary>
public static class OpenIdProviderCheck
{
    public static SettingsCheck OpenIdProvider(this SettingsCheck check, string authority, string clientId, string scopes, bool requireHttpsMetadata)
    {
        var reachable = Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        return check
            .Refuse(!reachable, $"{check.Key("Authority")} «{authority}» no es una dirección http(s) válida del proveedor.")
            .Refuse(reachable && requireHttpsMetadata && uri!.Scheme == "http",
                $"{check.Key("Authority")} «{authority}» debe usar https ({check.Key("RequireHttpsMetadata")} en false solo para un proveedor en loopback).")
            .Required("ClientId", clientId, "el proveedor está activado (Authority) y no sabría qué aplicación ingresa.")
            .Refuse(!scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"),
                $"{check.Key("Scopes")} «{scopes}» debe incluir openid.");
    }
}
