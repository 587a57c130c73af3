using Microsoft.Extensions.Options;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Web.Auth;
using Segip.Consulta.Web.Health;
using Segip.Consulta.Web.Observability;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// Health checks the built-in way (docs/operacion/README.md): <c>/health/live</c> (the process answers) and
/// <c>/health/ready</c> (checks tagged <see cref="Ready"/>) are anonymous and cheap; <c>/health/checks</c> runs
/// every check and tells the operator the details (<see cref="OperatorPolicy"/>).
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";
    public const string Detail = "detalle";
    public const string OperatorPolicy = "OperatorHealth";
    private const string PlainText = "text/plain; charset=utf-8";

    public static IServiceCollection AddConsultaHealthChecks(this IServiceCollection services)
    {
        // Anyone on a developer's machine; elsewhere a SEGIP administrator's session, or the operator's
        // monitoring from its own network or port (OperatorAccess).
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, p => p.RequireAssertion(c =>
            c.Resource is HttpContext http && (http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
                || ActorFactory.From(c.User).CanAdminister() || http.RequestServices.GetRequiredService<OperatorAccess>().Allows(http))));
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddSingleton<IReplicationLagProbe, PostgresReplicationLagProbe>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("base-de-datos", tags: [Ready, Detail])
            .AddCheck<AuditWriterHealthCheck>("bitacora", tags: [Ready, Detail])
            .AddCheck<SigningCertificateHealthCheck>("certificado-de-firma", tags: [Detail])
            .AddCheck<CheckpointAgeHealthCheck>("punto-de-control", tags: [Detail])
            .AddCheck<DiskSpaceHealthCheck>("disco", tags: [Detail])
            .AddCheck<ReplicationLagHealthCheck>("replicacion", tags: [Detail]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) =>
            {
                http.Response.ContentType = PlainText;
                return http.Response.WriteAsync("Vivo");
            },
        }).AllowAnonymous();

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = WriteReadyAsync,
        }).AllowAnonymous();

        app.MapHealthChecks("/health/checks", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Detail),
            ResponseWriter = WriteDetailsAsync,
        }).RequireAuthorization(OperatorPolicy);
    }

    /// <summary>"Lista." while it can serve (degraded included), else what is wrong, in Spanish.</summary>
    private static Task WriteReadyAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = PlainText;
        var failing = report.Entries.Values.Where(e => e.Status == HealthStatus.Unhealthy).Select(Describe).ToList();
        return http.Response.WriteAsync(failing.Count == 0 ? "Lista." : string.Join(" ", failing));
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task WriteDetailsAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            estado = Spanish(report.Status),
            duracionMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            verificaciones = report.Entries.Select(e => new
            {
                nombre = e.Key,
                estado = Spanish(e.Value.Status),
                descripcion = Describe(e.Value),
                duracionMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                datos = e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    /// <summary>A check that threw has the exception's (English) message as description: say it in Spanish instead.</summary>
    public static string Describe(HealthReportEntry entry) =>
        entry.Exception is null ? entry.Description ?? "" : "La verificación falló; el detalle está en el registro del servicio.";

    /// <summary>The status as the operator reads it (also on the operations page).</summary>
    public static string Spanish(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Correcto",
        HealthStatus.Degraded => "Con advertencias",
        _ => "Con fallas",
    };
}
