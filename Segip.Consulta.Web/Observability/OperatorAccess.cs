using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Web.Observability;

/// <summary>
/// Who may read the operator's endpoints without a session (<c>/metrics</c>, <c>/health/checks</c>): requests
/// that arrive on <c>Telemetry:OperatorPort</c> when one is set, and from <c>Telemetry:OperatorNetworks</c>
/// (CIDR list). With neither set only this machine (loopback) qualifies, so nothing is public by default.
/// </summary>
public sealed class OperatorAccess
{
    public const string SectionName = "Telemetry";
    private const string Loopback = "127.0.0.1/32, ::1/128";

    private readonly int? port;
    private readonly IpAllowlist networks;

    public OperatorAccess(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        port = section.GetValue<int?>("OperatorPort");
        var configured = section["OperatorNetworks"];
        // A dedicated port is already the operator's network boundary; otherwise only loopback unless told.
        var text = !string.IsNullOrWhiteSpace(configured) ? configured : port is null ? Loopback : "";
        if (!IpAllowlist.TryParse(text, out _, out var error))
            throw new InvalidOperationException($"Telemetry:OperatorNetworks no es válido: {error}");
        networks = IpAllowlist.Parse(text);
    }

    public bool Allows(HttpContext http)
    {
        if (port is { } p && http.Connection.LocalPort != p) return false;
        return networks.Allows(http.Connection.RemoteIpAddress?.ToString());
    }
}
