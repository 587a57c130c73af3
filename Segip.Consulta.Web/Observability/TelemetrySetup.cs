using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Web.Observability;

/// <summary>
/// OpenTelemetry for the web app (docs/operacion/metricas.md): ASP.NET Core, HttpClient, .NET runtime, EF Core
/// (and Npgsql, when that provider is in use) and the domain meter. Nothing leaves the process unless a setting
/// says so: <c>Telemetry:Prometheus:Enabled</c> serves <c>/metrics</c> to <see cref="OperatorAccess"/>, and
/// <c>Telemetry:Otlp:Endpoint</c> exports metrics and traces to a collector.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static void AddConsultaTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        // OpenTelemetry adds each exporter as services, so which ones exist is decided now: the section is bound
        // into the same options class here, once; TelemetryOptionsValidator refuses a bad endpoint before any export.
        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        var otlp = settings.Otlp;
        void ConfigureOtlp(OtlpExporterOptions o)
        {
            o.Endpoint = new Uri(otlp.Endpoint);
            o.Protocol = otlp.UsesHttp ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        builder.Services.AddSingleton<OperatorAccess>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName));
        telemetry.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ConsultaMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql");
            if (settings.Prometheus.Enabled) m.AddPrometheusExporter();
            if (otlp.IsEnabled) m.AddOtlpExporter(ConfigureOtlp);
        });
        // Traces only have somewhere to go through OTLP; without it no span is even created.
        if (otlp.IsEnabled)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(ConfigureOtlp));
        }
    }

    /// <summary><c>/metrics</c>, ahead of sessions and pages, for the operator's network only; elsewhere it does not exist.</summary>
    public static void UseConsultaMetricsEndpoint(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus.Enabled) return;
        var access = app.Services.GetRequiredService<OperatorAccess>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == MetricsPath && access.Allows(http),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>
    /// SoapCore answers outside endpoint routing, so ASP.NET Core would record its requests without a route:
    /// give them the SOAP path as <c>http.route</c>, in the request metrics and on the request's span.
    /// </summary>
    public static IApplicationBuilder UseSoapRouteLabel(this IApplicationBuilder app, string route) => app.Use(async (http, next) =>
    {
        http.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("http.route", route));
        if (System.Diagnostics.Activity.Current is { } span)
        {
            span.SetTag("http.route", route);
            span.DisplayName = $"{http.Request.Method} {route}";
        }
        await next(http);
    });
}
