using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Segip.Consulta.Web.Auth;

public static class OidcSetup
{
    /// <summary>
    /// Adds the provider's OpenID Connect handler (authorization code + PKCE) only when an authority is
    /// configured: a handler without one would fail every request. Its result lands in Identity's
    /// external cookie; <see cref="OidcSignIn"/> turns it into a local session.
    /// </summary>
    public static void AddConsultaOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var section = configuration.GetSection(OidcOptions.SectionName);
        authentication.Services.Configure<OidcOptions>(section);
        var oidc = section.Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.IsEnabled) return;

        authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SaveTokens = true;
            // Keep the provider's claim names as they are, so RoleClaim and UserIdClaim mean what they say.
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            if (!oidc.RequireHttpsMetadata)
            {
                // A provider on loopback over plain HTTP: the correlation cookies cannot be Secure there.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
            }
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                // The session lives in the application cookie, not the external one the handler would read.
                context.ProtocolMessage.IdTokenHint ??= context.Properties.GetTokenValue("id_token");
                return Task.CompletedTask;
            };
        });
    }
}
