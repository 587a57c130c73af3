using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Web.Auth;
using Segip.Consulta.Web.Observability;
using Segip.Consulta.Web.Security;

namespace Segip.Consulta.Tests.Unit;

/// <summary>
/// The web sections that used to be read straight from IConfiguration (Telemetry, ForwardedHeaders,
/// ClientCertificates) refuse a bad value by name, in Spanish; Data Protection's certificate is loaded on first use.
/// </summary>
[Trait("Category", "Unit")]
public class SettingsValidatorTests
{
    [Fact]
    public void Telemetry_refuses_a_bad_network_port_collector_or_protocol()
    {
        var options = new TelemetryOptions
        {
            OperatorPort = 70000, OperatorNetworks = "10.0.0.0/8, red-interna",
            Otlp = new() { Endpoint = "otel-collector:4317", Protocol = "udp" },
        };

        var failures = new TelemetryOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Telemetry:OperatorPort «70000» no es un puerto válido (1 a 65535).", failures);
        Assert.Contains(failures, f => f.StartsWith("Telemetry:OperatorNetworks no es válido: «red-interna»", StringComparison.Ordinal));
        Assert.Contains("Telemetry:Otlp:Endpoint «otel-collector:4317» no es una dirección http(s) válida del colector.", failures);
        Assert.Contains("Telemetry:Otlp:Protocol «udp» no es válido: use grpc o http.", failures);
        Assert.True(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions
        {
            OperatorPort = 9464, Otlp = new() { Endpoint = "http://127.0.0.1:4318", Protocol = "HTTP" },
        }).Succeeded);
    }

    [Fact]
    public void Forwarded_headers_refuse_a_proxy_that_is_not_an_address()
    {
        var options = new TrustedProxyOptions { KnownProxies = ["10.0.0.1", "balanceador"], KnownNetworks = ["10.0.0.0/33"], ForwardLimit = 0 };

        var failures = new TrustedProxyOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains("ForwardedHeaders:KnownProxies: «balanceador» no es una dirección IP válida.", failures);
        Assert.Contains(failures, f => f.StartsWith("ForwardedHeaders:KnownNetworks: «10.0.0.0/33»", StringComparison.Ordinal));
        Assert.Contains("ForwardedHeaders:ForwardLimit debe ser al menos 1.", failures);
    }

    [Fact]
    public void Client_certificates_refuse_a_header_without_proxies_and_an_unparsable_proxy()
    {
        var validator = new ClientCertificateOptionsValidator();

        Assert.Contains("sin ClientCertificates:TrustedProxies", validator.Validate(null, new ClientCertificateOptions { ForwardedHeader = "X-Certificado-Cliente" }).FailureMessage);
        Assert.Contains("«proxy» no es una dirección IP", validator.Validate(null, new ClientCertificateOptions
        {
            ForwardedHeader = "X-Certificado-Cliente", TrustedProxies = ["10.1.0.0/16", "proxy"],
        }).FailureMessage);
        Assert.True(validator.Validate(null, new ClientCertificateOptions
        {
            ForwardedHeader = "X-Certificado-Cliente", TrustedProxies = ["10.1.0.0/16, 127.0.0.1"],
        }).Succeeded);
    }

    /// <summary>
    /// An environment variable holds one string: ClientCertificates__TrustedProxies=10.0.0.0/8, 127.0.0.1 must trust both
    /// proxies, as the indexed form does (the binder alone left the list empty, so the app refused to start).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Proxy_lists_are_read_from_one_comma_separated_value_and_from_indexed_entries(bool indexed)
    {
        var values = indexed
            ? new Dictionary<string, string?>
            {
                ["ClientCertificates:ForwardedHeader"] = "X-Certificado-Cliente",
                ["ClientCertificates:TrustedProxies:0"] = "10.0.0.0/8", ["ClientCertificates:TrustedProxies:1"] = "127.0.0.1",
                ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1", ["ForwardedHeaders:KnownNetworks:0"] = "192.168.0.0/24",
            }
            : new Dictionary<string, string?>
            {
                ["ClientCertificates:ForwardedHeader"] = "X-Certificado-Cliente",
                ["ClientCertificates:TrustedProxies"] = "10.0.0.0/8, 127.0.0.1",
                ["ForwardedHeaders:KnownProxies"] = "10.0.0.1", ["ForwardedHeaders:KnownNetworks"] = "192.168.0.0/24",
            };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddClientCertificates();
        services.AddTransportSecurity();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["10.0.0.0/8", "127.0.0.1"], provider.GetRequiredService<IOptions<ClientCertificateOptions>>().Value.TrustedProxies);
        var trusted = provider.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        Assert.Equal(["10.0.0.1"], trusted.Proxies());
        Assert.Equal(["192.168.0.0/24"], trusted.Networks());
    }

    [Fact]
    public void Single_sign_on_is_checked_only_when_an_authority_turns_it_on()
    {
        var validator = new OidcOptionsValidator();

        Assert.True(validator.Validate(null, new OidcOptions()).Succeeded);
        Assert.True(validator.Validate(null, new OidcOptions
        {
            Authority = "http://127.0.0.1:5100", ClientId = "consulta", RequireHttpsMetadata = false,
        }).Succeeded);
        var failures = validator.Validate(null, new OidcOptions { Authority = "sso.segip", ClientId = "consulta", Scopes = "profile email" }).Failures!.ToList();
        Assert.Contains("Authentication:Oidc:Authority «sso.segip» no es una dirección http(s) válida del proveedor.", failures);
        Assert.Contains("Authentication:Oidc:Scopes «profile email» debe incluir openid.", failures);
        Assert.Contains("Falta Authentication:Ciudadania:DocumentClaim: sin ella no se sabe qué persona del registro ingresa.",
            new CitizenOptionsValidator().Validate(null, new CitizenOptions
            {
                Authority = "https://ciudadania.example", ClientId = "consulta", DocumentClaim = " ",
            }).Failures!);
    }

    [Fact]
    public void Misuse_thresholds_in_the_settings_must_lie_in_the_ranges_the_thresholds_page_allows()
    {
        var options = new MisuseOptions { NameSearchesPerDay = 0, BatchSize = 0 };
        options.VolumeSpike.Factor = 1;

        var failures = new MisuseOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(
            ["Misuse:BatchSize «0» debe ser al menos 1.", "Misuse:VolumeSpike:Factor «1» debe estar entre 1.5 y 100.",
             "Misuse:NameSearchesPerDay «0» debe estar entre 1 y 100000."], failures);
        Assert.True(new MisuseOptionsValidator().Validate(null, new MisuseOptions()).Succeeded);
    }

    /// <summary>Keys protected by one instance are stored encrypted and read back (decrypted with the certificate) by another one.</summary>
    [Fact]
    public void Data_protection_keys_are_stored_encrypted_and_another_instance_decrypts_them()
    {
        var folder = Directory.CreateTempSubdirectory("segip-dp-lazy-").FullName;
        var path = Path.Combine(folder, "claves.pfx");
        var repository = new MemoryKeyRepository();
        ServiceProvider Container()
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "clave",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddConsultaCore(configuration, folder, HostingRules.Development);
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
            return services.BuildServiceProvider();
        }

        using (var certificate = SigningCertificate.CreateSelfSignedRsa())
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "clave"));
        using var writer = Container();
        using var reader = Container();

        var token = writer.GetRequiredService<IDataProtectionProvider>().CreateProtector("prueba").Protect("dato protegido");

        Assert.Contains(repository.GetAllElements(), key => key.ToString().Contains("EncryptedData", StringComparison.Ordinal));
        Assert.Equal("dato protegido", reader.GetRequiredService<IDataProtectionProvider>().CreateProtector("prueba").Unprotect(token));
        Directory.Delete(folder, recursive: true);
    }

    private sealed class MemoryKeyRepository : IXmlRepository
    {
        private readonly List<XElement> elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (elements) return elements.Select(e => new XElement(e)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (elements) elements.Add(new XElement(element));
        }
    }
}
