using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Auth;
using Segip.Consulta.Web.Components;
using Segip.Consulta.Web.Endpoints;
using Segip.Consulta.Web.Endpoints.Api;
using Segip.Consulta.Web.Endpoints.Soap;

namespace Segip.Consulta.Web;

/// <summary>The composition root: services, middleware and endpoints of the web application.</summary>
public static class WebSetup
{
    public static void AddConsultaWeb(this WebApplicationBuilder builder)
    {
        StartupChecks.Validate(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddConsultaCore(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "segip.consulta";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/cuenta/ingresar";
            o.LogoutPath = "/cuenta/salir";
            o.AccessDeniedPath = "/cuenta/acceso-denegado";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
        });
        services.AddIdentityCore<ApplicationUser>().AddSignInManager().AddClaimsPrincipalFactory<ConsultaClaimsPrincipalFactory>();
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<CurrentUser>();
        services.AddHostedService<DatabaseStartup>();
        // After DatabaseStartup, so its first pass finds the database migrated.
        services.AddHostedService(sp => sp.GetRequiredService<AgreementExpiryJob>());
        // After DatabaseStartup, so the first checkpoint finds a migrated database.
        services.AddHostedService<Core.Features.Audit.AuditCheckpointWorker>();
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddApiServices(builder.Configuration);
        services.AddSoapServices();
        services.AddVerificationRateLimit(builder.Configuration);
    }

    public static void UseConsultaPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseMiddleware<CorrelationId>();
        app.UseConsultaSoapEndpoint();
        app.UseStatusCodePagesWithReExecute("/no-encontrado", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
    }

    public static void MapConsultaEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapDocumentEndpoints();
        app.MapApiEndpoints();
        app.MapApiDocumentation();
        app.MapAuditEndpoints();
        app.MapCertificateEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
