using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A real OpenID Connect provider for tests and local trials: OpenIddict on Kestrel at 127.0.0.1
/// (random port), authorization code + PKCE, ephemeral keys, plain HTTP on loopback, one confidential
/// client and two staff users whose roles travel in the id_token's <c>roles</c> claim. Without a
/// database: requests are validated by the handlers below (OpenIddict's degraded mode).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "segip-consulta";
    public const string ClientSecret = "secreto-de-pruebas-2026";
    /// <summary>Cookies are not separated by port on 127.0.0.1: the provider's must not collide with the app's.</summary>
    public const string CookieName = "segip.test-idp";
    private const string SessionScheme = "idp-session";

    public sealed record TestUser(string UserName, string Password, string FullName, string Email, params string[] Roles)
    {
        public string Subject => "idp-" + UserName;
        /// <summary>A citizen's verified identity document (Ciudadanía Digital's claims); null for staff.</summary>
        public string? DocumentNumber { get; init; }
        public string? DocumentComplement { get; init; }
    }

    public static readonly TestUser Legal = new("legal.sso", "Clave-Sso-2026!", "Lucía Quispe (Jurídica SSO)", "legal.sso@segip.test", "segip-juridico");
    public static readonly TestUser Auditor = new("auditor.sso", "Clave-Sso-2026!", "Mario Choque (Auditor SSO)", "auditor.sso@segip.test", "segip-auditor");
    /// <summary>Citizens as Ciudadanía Digital knows them: Juan Carlos holds CI 1234567 in the demo registry.</summary>
    public static readonly TestUser CitizenJuanCarlos = new("juan.perez", "Clave-Ciudadano-2026!", "Juan Carlos Perez Mamani", "juan.perez@ciudadania.test")
    {
        DocumentNumber = "1234567",
    };
    public static readonly IReadOnlyList<TestUser> Users = [Legal, Auditor, CitizenJuanCarlos];

    private WebApplication app = default!;
    private readonly ConcurrentDictionary<string, int> endedSessions = new();

    public string Authority { get; private set; } = "";

    /// <summary>The client application's base URL; redirect URIs must be under it. Set once the app listens.</summary>
    public string? ClientBaseUrl { get; set; }

    /// <summary>How many times a user's provider session was ended through the end-session endpoint.</summary>
    public int EndedSessions(string userName) => endedSessions.GetValueOrDefault(userName);

    private TestIdentityProvider() { }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("OpenIddict", LogLevel.Warning);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        var self = new TestIdentityProvider();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            o.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Cliente desconocido.");
                else if (!self.IsClientUri(context.RedirectUri)) context.Reject(Errors.InvalidRequest, "redirect_uri no registrada.");
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Credenciales de cliente inválidas.");
                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !self.IsClientUri(uri))
                    context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri no registrada.");
                return default;
            }));
        });

        var app = self.app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        self.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self.Authority = address.TrimEnd('/') + "/";
        return self;
    }

    private bool IsClientUri(string? uri) =>
        ClientBaseUrl is not null && uri is not null && uri.StartsWith(ClientBaseUrl.TrimEnd('/') + "/", StringComparison.Ordinal);

    private void MapEndpoints()
    {
        app.MapGet("/login", (string? returnUrl, string? error) => LoginForm(returnUrl ?? "/", error));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            var user = Users.FirstOrDefault(u => u.UserName == form["username"] && u.Password == form["password"]);
            if (user is null) return LoginForm(returnUrl, "Usuario o contraseña incorrectos.");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], SessionScheme);
            await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/");
        }).DisableAntiforgery();

        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var session = await http.AuthenticateAsync(SessionScheme);
            var user = session.Succeeded ? Users.FirstOrDefault(u => u.UserName == session.Principal!.Identity!.Name) : null;
            if (user is null)
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            identity.AddClaim(new Claim(Claims.Name, user.FullName));
            identity.AddClaim(new Claim(Claims.PreferredUsername, user.UserName));
            identity.AddClaim(new Claim(Claims.Email, user.Email));
            foreach (var role in user.Roles) identity.AddClaim(new Claim("roles", role));
            if (user.DocumentNumber is not null)
            {
                identity.AddClaim(new Claim("tipo_documento", "CI"));
                identity.AddClaim(new Claim("numero_documento", user.DocumentNumber));
                if (user.DocumentComplement is not null) identity.AddClaim(new Claim("complemento", user.DocumentComplement));
            }
            identity.SetScopes(request.GetScopes());
            return SignIn(identity);
        });

        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            // The authorization code carries the identity built above; issue the tokens from it.
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return SignIn((ClaimsIdentity)code.Principal!.Identity!);
        });

        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            var session = await http.AuthenticateAsync(SessionScheme);
            if (session.Principal?.Identity?.Name is { } name) endedSessions.AddOrUpdate(name, 1, (_, n) => n + 1);
            await http.SignOutAsync(SessionScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    private static IResult SignIn(ClaimsIdentity identity)
    {
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult LoginForm(string returnUrl, string? error) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="es"><head><meta charset="utf-8"><title>Proveedor de identidad de pruebas</title></head>
        <body>
          <h1>Proveedor de identidad de pruebas</h1>
          {{(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
          <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
            <label for="username">Usuario</label> <input id="username" name="username" autocomplete="username">
            <label for="password">Clave</label> <input id="password" name="password" type="password">
            <button type="submit">Entrar al proveedor</button>
          </form>
        </body></html>
        """, "text/html; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
