using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Auth;
using Segip.Consulta.Web.Components;
using Segip.Consulta.Web.Endpoints;
using Segip.Consulta.Web.Endpoints.Api;
using Segip.Consulta.Web.Endpoints.Soap;
using Segip.Consulta.Web.Observability;
using Segip.Consulta.Web.Security;

namespace Segip.Consulta.Web;

/// <summary>The composition root: services, middleware and endpoints of the web application.</summary>
public static class WebSetup
{
    public static void AddConsultaWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var sandbox = builder.AddSandbox();
        // What each environment refuses (Production: demo data, no database, no keys) is the options validators' job.
        services.AddConsultaCore(builder.Configuration, builder.Environment.ContentRootPath,
            new HostingRules(builder.Environment.EnvironmentName, sandbox.IsSandbox));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
        });
        services.AddTransient<MudLocalizer, Localization.SpanishMudLocalizer>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        var authentication = services.AddAuthentication(o =>
            {
                // The staff session, or a citizen's when only that is present (CitizenSetup).
                o.DefaultScheme = CitizenSetup.SessionSelector;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            });
        authentication.AddIdentityCookies();
        authentication.AddConsultaOidc(builder.Configuration);
        // Secure everywhere but a developer's machine (Production and any staging environment). The sandbox follows
        // the request: its one-command local start is plain HTTP; a hosted sandbox is HTTPS (then Secure).
        var secureCookies = builder.Environment.IsDevelopment() || sandbox.IsSandbox ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        authentication.AddConsultaCitizens(builder.Configuration, secureCookies);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "segip.consulta";
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: the return from the sign-on provider is a cross-site redirect chain that
            // must carry the new session cookie. Posts are protected by antiforgery tokens.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secureCookies;
            o.LoginPath = AccountEndpoints.LoginPath;
            o.LogoutPath = "/cuenta/salir";
            o.AccessDeniedPath = "/cuenta/acceso-denegado";
            // Idle timeout (SessionLifetime): the session ends after a while without a request; each request slides it.
            o.SlidingExpiration = true;
            // Signing in on the login page follows its ReturnUrl: only to a representable local path.
            o.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalUrl.OrHome(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        SessionLifetime.Configure(services);
        services.ConfigureExternalCookie(o =>
        {
            o.Cookie.Name = "segip.consulta.externa";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secureCookies;
        });
        // Secure outside Development like the session cookie: production is served over HTTPS (directly, or
        // behind a proxy whose X-Forwarded-Proto is trusted, see TransportSecurity).
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "segip.consulta.af";
            o.Cookie.SecurePolicy = secureCookies;
        });
        services.AddTransportSecurity();
        services.AddClientCertificates();
        services.AddIdentityCore<ApplicationUser>().AddSignInManager().AddClaimsPrincipalFactory<ConsultaClaimsPrincipalFactory>();
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<CurrentUser>();
        services.AddScoped<OidcSignIn>();
        services.AddScoped<CitizenSignIn>();
        services.AddHostedService<DatabaseStartup>();
        // After DatabaseStartup, so its first pass finds the database migrated.
        services.AddHostedService(sp => sp.GetRequiredService<AgreementExpiryJob>());
        // After DatabaseStartup, so the first checkpoint finds a migrated database.
        services.AddHostedService<Core.Features.Audit.AuditCheckpointWorker>();
        services.AddHostedService<Core.Data.WalCheckpointWorker>();
        services.AddHostedService<Core.Features.Misuse.MisuseDetectorWorker>();
        services.AddHostedService<Core.Features.Audit.AuditStatisticsWarmup>();
        // After DatabaseStartup: marks failed the exports a stopped instance left running.
        services.AddHostedService(sp => sp.GetRequiredService<Core.Features.Audit.AuditExportJobs>());
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddApiServices();
        services.AddSoapServices();
        services.AddVerificationRateLimit();
        builder.AddConsultaTelemetry();
        services.AddConsultaHealthChecks();
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();
    }

    // The keys UseAuthentication/UseAuthorization set and WebApplicationBuilder looks for (internal in ASP.NET Core).
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    public static void UseConsultaPipeline(this WebApplication app)
    {
        app.UseSandboxMark();
        // Before the forwarded addresses are applied: a forwarded certificate is believed only from the proxy itself.
        app.UseForwardedClientCertificate();
        // First: everything after it (logs, audit, allow-lists, limits, HTTPS checks) sees the real client.
        if (TransportSecurity.TrustsProxies(app.Services))
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (app.Environment.IsProduction())
            app.UseHsts();
        if (TransportSecurity.HasHttpsEndpoint(app.Configuration))
            app.UseHttpsRedirection();
        app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<OidcOptions>>().Value.Authority,
            app.Services.GetRequiredService<IOptions<CitizenOptions>>().Value.Authority);
        app.UseConsultaMetricsEndpoint();
        app.UseMiddleware<CorrelationId>();
        app.UseWhen(SignedAnswers.Applies, api => api.UseMiddleware<SignedAnswers>());
        app.UseMiddleware<RequestLimits>();
        app.UseWhen(WebServiceRequests.IsSoap, soap => soap.UseSoapRouteLabel(SoapNames.Path).UseConsultaSoapEndpoint());
        app.UseStatusCodePagesWithReExecute("/no-encontrado", createScopeForStatusCodePages: true);
        // Cookie sessions and antiforgery serve the pages. Web-service operations authenticate each call
        // with the institution's credential (ApiClientFilter) and carry no cookies.
        // WebApplication adds UseAuthentication/UseAuthorization at the head of the WHOLE pipeline unless these
        // keys are set on the application itself (a UseWhen branch only sets them on its copy), so every REST and
        // SOAP call ran the cookie handlers and the authorization policy evaluation for nothing.
        var properties = ((IApplicationBuilder)app).Properties;
        properties[AuthenticationMiddlewareSetKey] = true;
        properties[AuthorizationMiddlewareSetKey] = true;
        app.UseWhen(http => !WebServiceRequests.IsOperation(http), pages =>
        {
            pages.UseAuthentication();
            pages.UseAuthorization();
            pages.UseRateLimiter();
            pages.UseAntiforgery();
        });
    }

    public static void MapConsultaEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapDocumentEndpoints();
        app.MapApiEndpoints();
        app.MapSigningKeys();
        app.MapApiDocumentation();
        app.MapAuditEndpoints();
        app.MapCertificateEndpoints();
        app.MapCitizenEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
