using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Web.Observability;

/// <summary>Settings of section <c>Telemetry</c> (appsettings.Example.json documents each): exporters and the operator's access.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary><c>service.name</c> of every metric and span exported.</summary>
    public string ServiceName { get; set; } = "segip-consulta";

    /// <summary>The local port reserved to the operator's endpoints (<see cref="OperatorAccess"/>); none by default.</summary>
    public int? OperatorPort { get; set; }

    /// <summary>CIDR list allowed to read the operator's endpoints without a session; empty: loopback (or anyone on <see cref="OperatorPort"/>).</summary>
    public string OperatorNetworks { get; set; } = "";

    public PrometheusExport Prometheus { get; set; } = new();
    public OtlpExport Otlp { get; set; } = new();

    public sealed class PrometheusExport
    {
        /// <summary>Serve <c>/metrics</c> to the operator.</summary>
        public bool Enabled { get; set; }
    }

    public sealed class OtlpExport
    {
        /// <summary>The collector metrics and traces are pushed to; empty: no OTLP export and no traces.</summary>
        public string Endpoint { get; set; } = "";

        /// <summary><c>grpc</c> (port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
        public string Protocol { get; set; } = "grpc";

        public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);
        public bool UsesHttp => string.Equals(Protocol, "http", StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OperatorPort is < 1 or > 65535)
            failures.Add($"Telemetry:OperatorPort «{options.OperatorPort}» no es un puerto válido (1 a 65535).");
        if (!IpAllowlist.TryParse(options.OperatorNetworks, out _, out var error))
            failures.Add($"Telemetry:OperatorNetworks no es válido: {error}");
        if (options.Otlp.IsEnabled && !(Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
            failures.Add($"Telemetry:Otlp:Endpoint «{options.Otlp.Endpoint}» no es una dirección http(s) válida del colector.");
        if (!options.Otlp.UsesHttp && !string.Equals(options.Otlp.Protocol, "grpc", StringComparison.OrdinalIgnoreCase))
            failures.Add($"Telemetry:Otlp:Protocol «{options.Otlp.Protocol}» no es válido: use grpc o http.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
