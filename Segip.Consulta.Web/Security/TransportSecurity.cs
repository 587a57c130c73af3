using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Web.Security;

/// <summary>
/// Production transport: HSTS for a year with sub-domains; HTTP redirected to HTTPS when the app itself
/// has an HTTPS endpoint; and, behind a load balancer, the client's address and scheme taken from
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> — only from the proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c>, so a client cannot claim another address.
/// The audit log, the IP allow-lists and the rate limits then see the real client.
/// </summary>
public static class TransportSecurity
{
    public static void AddTransportSecurity(this IServiceCollection services)
    {
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.KnownProxies = ListSetting.Read(configuration, $"{TrustedProxyOptions.SectionName}:KnownProxies");
                o.KnownNetworks = ListSetting.Read(configuration, $"{TrustedProxyOptions.SectionName}:KnownNetworks");
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, trusted) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = trusted.Value.ForwardLimit;
            // Nothing trusted by default (the framework would trust loopback): only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.Proxies()) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.Networks()) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>Whether a trusted proxy is configured at all; without one the forwarded headers are ignored.</summary>
    public static bool TrustsProxies(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value is var trusted
        && (trusted.Proxies().Any() || trusted.Networks().Any());

    /// <summary>An HTTPS endpoint of the app itself (urls, https_port or a Kestrel endpoint), so redirecting HTTP has a target.</summary>
    public static bool HasHttpsEndpoint(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(configuration["https_port"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
