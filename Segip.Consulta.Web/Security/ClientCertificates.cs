using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Web.Security;

/// <summary>
/// Where a web-service call's TLS client certificate comes from, for credentials with a pinned certificate
/// (<see cref="Core.Features.Credentials.ClientCertificatePin"/>): Kestrel asks for it on its HTTPS endpoints
/// (<c>ClientCertificates:RequestOnHttps</c>), or the proxy that terminates TLS forwards it in a header
/// (<c>ClientCertificates:ForwardedHeader</c>), believed only from <c>ClientCertificates:TrustedProxies</c>.
/// Any certificate is accepted at the TLS level: whether it is the right one is the pin's decision, per credential.
/// </summary>
public static class ClientCertificates
{
    public static void AddClientCertificates(this IServiceCollection services)
    {
        services.AddOptions<ClientCertificateOptions>().BindConfiguration(ClientCertificateOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
                o.TrustedProxies = ListSetting.Read(configuration, $"{ClientCertificateOptions.SectionName}:TrustedProxies"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClientCertificateOptions>, ClientCertificateOptionsValidator>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            // Read when an HTTPS endpoint is bound, after the settings were validated (Kestrel's own options are built earlier).
            if (!kestrel.ApplicationServices.GetRequiredService<IOptions<ClientCertificateOptions>>().Value.RequestOnHttps) return;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (_, _, _) => true;
        }));
    }

    /// <summary>
    /// Runs first (before X-Forwarded-For is applied, so the address seen is the proxy's own): a request from a
    /// trusted proxy carries the client's certificate in the header, or none; anyone else's header is ignored.
    /// </summary>
    public static void UseForwardedClientCertificate(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ClientCertificateOptions>>().Value;
        var header = options.ForwardedHeader;
        if (string.IsNullOrWhiteSpace(header)) return;
        // Start-up refuses a header without trusted proxies; an empty list here must never mean "anyone".
        if (options.TrustedProxyList() is not { Length: > 0 } trusted) return;
        var proxies = IpAllowlist.Parse(trusted);
        app.Use((http, next) =>
        {
            if (proxies.Allows(http.Connection.RemoteIpAddress?.ToString()))
                http.Features.Set<ITlsConnectionFeature>(new TlsConnectionFeature { ClientCertificate = Parse(http.Request.Headers[header].ToString()) });
            return next(http);
        });
    }

    /// <summary>A forwarded certificate: URL-encoded PEM (nginx <c>$ssl_client_escaped_cert</c>), PEM, or base64 DER.</summary>
    public static X509Certificate2? Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            var text = value.Contains('%') ? Uri.UnescapeDataString(value) : value;
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text.Trim()));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or UriFormatException)
        {
            return null;
        }
    }
}
