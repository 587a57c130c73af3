using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Web.Security;

/// <summary>Settings of section <c>ClientCertificates</c>: where a call's TLS client certificate comes from (<see cref="ClientCertificates"/>).</summary>
public sealed class ClientCertificateOptions
{
    public const string SectionName = "ClientCertificates";

    /// <summary>Kestrel asks for a client certificate on its HTTPS endpoints.</summary>
    public bool RequestOnHttps { get; set; }

    /// <summary>The header where a TLS-terminating proxy forwards the client certificate; empty: not used.</summary>
    public string ForwardedHeader { get; set; } = "";

    /// <summary>CIDR list of the proxies whose <see cref="ForwardedHeader"/> is believed (required with it).</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The proxies as one comma-separated list (an entry may itself list several), or "" for none.</summary>
    public string TrustedProxyList() => string.Join(", ", TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)));
}

public sealed class ClientCertificateOptionsValidator : IValidateOptions<ClientCertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientCertificateOptions options)
    {
        var proxies = options.TrustedProxyList();
        if (!string.IsNullOrWhiteSpace(options.ForwardedHeader) && proxies.Length == 0)
            return ValidateOptionsResult.Fail($"{ClientCertificateOptions.SectionName}:ForwardedHeader está configurado sin {ClientCertificateOptions.SectionName}:TrustedProxies: cualquiera podría enviar un certificado ajeno.");
        return IpAllowlist.TryParse(proxies, out _, out var error) ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ClientCertificateOptions.SectionName}:TrustedProxies no es válido: {error}");
    }
}
