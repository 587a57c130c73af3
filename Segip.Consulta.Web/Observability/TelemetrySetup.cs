using Microsoft.AspNetCore.Http.Features;
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
        var section = builder.Configuration.GetSection(OperatorAccess.SectionName);
        var prometheus = section.GetValue("Prometheus:Enabled", false);
        var otlp = section["Otlp:Endpoint"];
        var otlpProtocol = string.Equals(section["Otlp:Protocol"], "http", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        void ConfigureOtlp(OtlpExporterOptions o)
        {
            o.Endpoint = new Uri(otlp!);
            o.Protocol = otlpProtocol;
        }

        builder.Services.AddSingleton<OperatorAccess>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(section["ServiceName"] ?? "segip-consulta"));
        telemetry.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ConsultaMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql");
            if (prometheus) m.AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(otlp)) m.AddOtlpExporter(ConfigureOtlp);
        });
        // Traces only have somewhere to go through OTLP; without it no span is even created.
        if (!string.IsNullOrWhiteSpace(otlp))
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
        if (!app.Configuration.GetValue($"{OperatorAccess.SectionName}:Prometheus:Enabled", false)) return;
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
