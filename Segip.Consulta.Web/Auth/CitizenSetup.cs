using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Segip.Consulta.Web.Auth;

public static class CitizenSetup
{
    /// <summary>The default scheme: the staff session, or a citizen's when only a citizen cookie is present.</summary>
    public const string SessionSelector = "sesion";

    public const string CitizenCookie = "segip.consulta.ciudadano";
    public const string CitizenLoginPath = "/ciudadania/ingresar";

    /// <summary>
    /// The citizen session: its own cookie scheme, and a selector that serves it as the request's user only
    /// when no staff session is present, so staff pages see a citizen as signed in without any staff role
    /// (and refuse them) while Blazor's circuit reads the same user. Ciudadanía Digital's OpenID Connect
    /// handler is added only when an authority is configured.
    /// </summary>
    public static void AddConsultaCitizens(this AuthenticationBuilder authentication, IConfiguration configuration, CookieSecurePolicy secureCookies)
    {
        authentication.Services.AddOptions<CitizenOptions>().BindConfiguration(CitizenOptions.SectionName).ValidateOnStart();
        authentication.Services.AddSingleton<IValidateOptions<CitizenOptions>, CitizenOptionsValidator>();
        // Whether the handler exists is decided while registering, from the same options class.
        var options = configuration.GetSection(CitizenOptions.SectionName).Get<CitizenOptions>() ?? new CitizenOptions();

        authentication.AddPolicyScheme(SessionSelector, null, o => o.ForwardDefaultSelector = http =>
            !http.Request.Cookies.ContainsKey("segip.consulta")
            && (http.Request.Cookies.ContainsKey(CitizenCookie) || IsCitizenPath(http.Request.Path))
                ? CitizenOptions.SessionScheme
                : IdentityConstants.ApplicationScheme);
        authentication.AddCookie(CitizenOptions.SessionScheme, o =>
        {
            o.Cookie.Name = CitizenCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secureCookies;
            o.LoginPath = CitizenLoginPath;
            o.LogoutPath = "/ciudadania/salir";
            o.AccessDeniedPath = "/cuenta/acceso-denegado";
            o.SlidingExpiration = true;
            o.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalUrl.OrHome(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        // The idle timeout of the staff session too (SessionLifetimeOptions).
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CitizenOptions.SessionScheme)
            .Configure<IOptions<SessionLifetimeOptions>>((o, lifetime) => o.ExpireTimeSpan = TimeSpan.FromMinutes(lifetime.Value.IdleTimeoutMinutes));
        authentication.AddCookie(CitizenOptions.ExternalScheme, o =>
        {
            o.Cookie.Name = "segip.consulta.ciudadania.externa";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secureCookies;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        if (!options.IsEnabled) return;

        authentication.AddOpenIdConnect(CitizenOptions.Scheme, options.DisplayName, o =>
        {
            OidcSetup.UseCodeFlow(o, options.Authority, options.ClientId, options.ClientSecret, options.Scopes, options.RequireHttpsMetadata,
                CitizenOptions.ExternalScheme);
            // Its own callback paths, so its answers never reach the staff handler (and the other way round).
            o.CallbackPath = "/signin-ciudadania";
            o.SignedOutCallbackPath = "/signout-callback-ciudadania";
        });
    }

    /// <summary>The citizen's own area: an anonymous visitor there is sent to the Ciudadanía Digital sign-in, not the staff one.</summary>
    public static bool IsCitizenPath(PathString path) =>
        path.StartsWithSegments("/mis-datos") || path.StartsWithSegments("/ciudadania");
}
