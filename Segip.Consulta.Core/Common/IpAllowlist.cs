using System.Net;

namespace Segip.Consulta.Core.Common;

/// <summary>
/// A parsed comma-separated CIDR list ("200.87.0.0/16, 10.1.2.3"). Parsed once, where the agreement, credential or
/// setting is loaded (and cached), so a request only compares its address.
/// </summary>
public sealed class IpAllowlist
{
    /// <summary>An empty list: no restriction.</summary>
    public static readonly IpAllowlist Anyone = new([], allowsAll: true);
    /// <summary>An unparsable list: it allows nobody rather than everybody.</summary>
    public static readonly IpAllowlist Nobody = new([], allowsAll: false);

    private readonly IPNetwork[] networks;
    private readonly bool allowsAll;

    private IpAllowlist(IPNetwork[] networks, bool allowsAll)
    {
        this.networks = networks;
        this.allowsAll = allowsAll;
    }

    public static IpAllowlist Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Anyone
        : TryParse(text, out var networks, out _) ? new IpAllowlist(networks.ToArray(), allowsAll: false)
        : Nobody;

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

    /// <summary>True when the list is empty or contains the address.</summary>
    public bool Allows(string? clientIp)
    {
        if (allowsAll) return true;
        if (clientIp is null || !IPAddress.TryParse(clientIp, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(ip)) return true;
        return false;
    }
}
