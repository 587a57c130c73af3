using System.Net;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Web.Security;

/// <summary>
/// Settings of section <c>ForwardedHeaders</c>: the load balancers whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>
/// are believed (<see cref="TransportSecurity"/>). Empty lists: the headers are ignored.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the trusted proxies.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The same as CIDR networks (e.g. 10.0.0.0/24).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops to unwind.</summary>
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<string> Proxies() => Listed(KnownProxies);
    public IEnumerable<string> Networks() => Listed(KnownNetworks);

    private static IEnumerable<string> Listed(string[] values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim());
}

public sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.Proxies().Where(p => !IPAddress.TryParse(p, out _)))
            failures.Add($"ForwardedHeaders:KnownProxies: «{proxy}» no es una dirección IP válida.");
        foreach (var network in options.Networks().Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            failures.Add($"ForwardedHeaders:KnownNetworks: «{network}» no es un bloque CIDR válido (p. ej. 10.0.0.0/24).");
        if (options.ForwardLimit < 1)
            failures.Add("ForwardedHeaders:ForwardLimit debe ser al menos 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
