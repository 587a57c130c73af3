using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Web.Observability;

/// <summary>
/// Who may read the operator's endpoints without a session (<c>/metrics</c>, <c>/health/checks</c>): requests
/// that arrive on <c>Telemetry:OperatorPort</c> when one is set, and from <c>Telemetry:OperatorNetworks</c>
/// (CIDR list). With neither set only this machine (loopback) qualifies, so nothing is public by default.
/// </summary>
public sealed class OperatorAccess
{
    private const string Loopback = "127.0.0.1/32, ::1/128";

    private readonly int? port;
    private readonly IpAllowlist networks;

    /// <param name="options">Validated (<see cref="TelemetryOptionsValidator"/>): an unparsable list never gets here.</param>
    public OperatorAccess(IOptions<TelemetryOptions> options)
    {
        var telemetry = options.Value;
        port = telemetry.OperatorPort;
        // A dedicated port is already the operator's network boundary; otherwise only loopback unless told.
        var text = !string.IsNullOrWhiteSpace(telemetry.OperatorNetworks) ? telemetry.OperatorNetworks : port is null ? Loopback : "";
        networks = IpAllowlist.Parse(text);
    }

    public bool Allows(HttpContext http)
    {
        if (port is { } p && http.Connection.LocalPort != p) return false;
        return networks.Allows(http.Connection.RemoteIpAddress?.ToString());
    }
}
