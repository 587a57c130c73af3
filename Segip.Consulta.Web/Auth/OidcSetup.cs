using Microsoft.Extensions.Options;
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
        authentication.Services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName).ValidateOnStart();
        authentication.Services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        // Whether the handler exists is decided while registering, from the same options class.
        var oidc = configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.IsEnabled) return;

        authentication.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            UseCodeFlow(o, oidc.Authority, oidc.ClientId, oidc.ClientSecret, oidc.Scopes, oidc.RequireHttpsMetadata, IdentityConstants.ExternalScheme);
            // Keep the provider's claim names as they are, so RoleClaim and UserIdClaim mean what they say.
            o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                // The session lives in the application cookie, not the external one the handler would read.
                context.ProtocolMessage.IdTokenHint ??= context.Properties.GetTokenValue("id_token");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// What the staff and the citizens' providers share: authorization code + PKCE, the configured scopes, tokens
    /// kept, the provider's claim names unmapped, and correlation cookies that work on a loopback provider over HTTP.
    /// </summary>
    internal static void UseCodeFlow(OpenIdConnectOptions o, string authority, string clientId, string? clientSecret, string scopes,
        bool requireHttpsMetadata, string signInScheme)
    {
        o.Authority = authority;
        o.ClientId = clientId;
        o.ClientSecret = string.IsNullOrEmpty(clientSecret) ? null : clientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
        o.RequireHttpsMetadata = requireHttpsMetadata;
        o.SignInScheme = signInScheme;
        o.SaveTokens = true;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        if (!requireHttpsMetadata)
        {
            // A provider on loopback over plain HTTP: the correlation cookies cannot be Secure there.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
        }
    }
}
