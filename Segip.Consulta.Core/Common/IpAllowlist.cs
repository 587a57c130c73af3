using System.Net;

namespace Segip.Consulta.Core.Common;

/// <summary>Parses and checks comma-separated CIDR lists ("200.87.0.0/16, 10.1.2.3").</summary>
public static class IpAllowlist
{
    public static bool TryParse(string? text, out IReadOnlyList<IPNetwork> networks, out string? error)
    {
        var list = new List<IPNetwork>();
        networks = list;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        foreach (var raw in text.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(raw, out var net)) { list.Add(net); continue; }
            if (IPAddress.TryParse(raw, out var ip))
            {
                list.Add(new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
                continue;
            }
            error = $"«{raw}» no es una dirección IP ni un bloque CIDR válido.";
            return false;
        }
        return true;
    }

    /// <summary>True when the list is empty or contains the address. An unparsable list allows nobody.</summary>
    public static bool Allows(string? allowlist, string? clientIp)
    {
        if (string.IsNullOrWhiteSpace(allowlist)) return true;
        if (!TryParse(allowlist, out var nets, out _) || clientIp is null || !IPAddress.TryParse(clientIp, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return nets.Any(n => n.Contains(ip));
    }
}
