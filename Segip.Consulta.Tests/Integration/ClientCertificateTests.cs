using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Certificates made on the fly for the mutual-TLS tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 Create(string subject, ECDsa? key = null, bool server = false)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12, "x"), "x");
    }

    /// <summary>A root CA (Basic Constraints CA, keyCertSign) with its private key, to issue client certificates.</summary>
    public static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(365));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12, "x"), "x");
    }

    /// <summary>A client certificate the CA issues; by default valid now and for TLS client authentication.</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string subject, DateTimeOffset? notAfter = null, string usageOid = "1.3.6.1.5.5.7.3.2")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        var from = until < DateTimeOffset.UtcNow ? until.AddDays(-20) : DateTimeOffset.UtcNow.AddDays(-1);
        using var cert = request.Create(authority, from, until, RandomNumberGenerator.GetBytes(16));
        using var withKey = cert.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, "x"), "x");
    }

    public static string Pin(X509Certificate2 cert) => "cert:" + Convert.ToHexStringLower(cert.GetCertHash(HashAlgorithmName.SHA256));
}

/// <summary>The app on HTTPS (certificate made in the test) asking for client certificates; a forwarded header from an untrusted address.</summary>
public class MutualTlsAppFactory : AppFactory
{
    public const string Header = "X-Certificado-Cliente";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var pfx = Path.Combine(Folder, "servidor.pfx");
            if (!File.Exists(pfx)) File.WriteAllBytes(pfx, TestCertificates.Create("127.0.0.1", server: true).Export(X509ContentType.Pkcs12, "servidor"));
            return new Dictionary<string, string?>
            {
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "servidor",
                ["ClientCertificates:RequestOnHttps"] = "true",
                // Configured, but the tests' address is not a trusted proxy: the header must be ignored.
                ["ClientCertificates:ForwardedHeader"] = Header,
                ["ClientCertificates:TrustedProxies:0"] = "10.99.0.0/16",
                ["Credentials:CacheSeconds"] = "0",
            };
        }
    }

    /// <summary>The factory would bind plain HTTP; this app listens on HTTPS only (Kestrel's default certificate above).</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        addresses.Addresses.Clear();
        addresses.Addresses.Add("https://127.0.0.1:0");
        addresses.PreferHostingUrls = true;
        host.Start();
        return host;
    }
}

/// <summary>The app on HTTP behind a TLS-terminating proxy at 127.0.0.1 that forwards the client certificate.</summary>
public class ForwardedCertificateAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ClientCertificates:ForwardedHeader"] = MutualTlsAppFactory.Header,
        ["ClientCertificates:TrustedProxies:0"] = "127.0.0.1",
        ["Credentials:CacheSeconds"] = "0",
    };
}

/// <summary>
/// A credential with a pinned client certificate: REST and SOAP calls with the right secret but without that
/// certificate (none, another one) are refused as CREDENCIAL_INVALIDA and audited; with it they pass.
/// </summary>
[Trait("Category", "Integration")]
public class ClientCertificateTests(MutualTlsAppFactory app) : IClassFixture<MutualTlsAppFactory>
{
    internal const string DocumentBody = SoapCalls.DocumentBody;

    internal static HttpClient Client(string baseUrl, X509Certificate2? clientCertificate)
    {
        var handler = new HttpClientHandler
        {
            // The server's certificate is the one the test made; the subject here is the client's.
            ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
            ClientCertificateOptions = ClientCertificateOption.Manual,
        };
        if (clientCertificate is not null) handler.ClientCertificates.Add(clientCertificate);
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    internal static async Task<(int Status, JsonNode Json)> RestAsync(HttpClient http, string clientId, string secret, string? forwarded = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/consultas/documento")
        {
            Content = new StringContent("""{"tipoDocumento":"CI","numeroDocumento":"1234567","finalidad":"Apertura de cuenta"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        request.Headers.Add("X-Usuario-Final", "U-1");
        if (forwarded is not null) request.Headers.Add(MutualTlsAppFactory.Header, forwarded);
        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    internal static async Task<(int Status, XDocument Envelope)> SoapAsync(HttpClient http, string clientId, string secret)
    {
        var message = SoapCalls.Envelope("ConsultarDocumento", string.Format(DocumentBody, "U-1"), clientId, secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, SoapCalls.SoapPath) { Content = new StringContent(message, Encoding.UTF8, "text/xml") };
        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    internal static async Task PinAsync(AppFactory app, int credentialId, string pin)
    {
        var pinned = await app.Get<CredentialService>().UpdateAsync(Actor.System, credentialId, new CredentialInput { ClientCertificate = pin });
        Assert.True(pinned.IsOk, pinned.Message);
    }

    [Fact]
    public async Task Rest_call_without_the_pinned_certificate_is_refused_and_audited_and_with_it_passes()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        using var right = TestCertificates.Create("sistema-banco");
        using var other = TestCertificates.Create("sistema-ajeno");
        using var anonymous = Client(app.Start(), null);
        // Before pinning the secret alone is enough: this is the call the pin must stop.
        Assert.Equal(200, (await RestAsync(anonymous, clientId, secret)).Status);
        await PinAsync(app, id, TestCertificates.Pin(right));

        var (status, json) = await RestAsync(anonymous, clientId, secret);
        Assert.Equal((401, "CREDENCIAL_INVALIDA"), (status, (string?)json["code"]));
        Assert.Contains("certificado de cliente", (string)json["detail"]!);
        var record = await app.AuditRecordAsync((string)json["consultaId"]!);
        Assert.Equal((QueryResult.Refused, RefusalReason.InvalidCredential, Channel.WebService), (record.Result, record.RefusalReason, record.Channel));

        using var wrong = Client(app.Start(), other);
        Assert.Equal(401, (await RestAsync(wrong, clientId, secret)).Status);
        // The right certificate in a header from an address that is not a trusted proxy counts for nothing.
        Assert.Equal(401, (await RestAsync(anonymous, clientId, secret, Convert.ToBase64String(right.RawData))).Status);

        using var pinned = Client(app.Start(), right);
        var ok = await RestAsync(pinned, clientId, secret);
        Assert.Equal(200, ok.Status);
        Assert.Equal("JUAN CARLOS", (string?)ok.Json["persona"]!["nombres"]);
    }

    [Fact]
    public async Task Soap_call_without_the_pinned_certificate_gets_a_credencial_invalida_fault_and_with_it_passes()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        using var right = TestCertificates.Create("sistema-soap");
        await PinAsync(app, id, right.ExportCertificatePem());

        using var anonymous = Client(app.Start(), null);
        var (status, envelope) = await SoapAsync(anonymous, clientId, secret);
        Assert.Equal(500, status);
        Assert.Equal("CREDENCIAL_INVALIDA", envelope.Descendants(SoapCalls.Svc + "codigo").Single().Value);
        Assert.Contains("certificado de cliente", envelope.Descendants("faultstring").Single().Value);

        using var pinned = Client(app.Start(), right);
        var (okStatus, okEnvelope) = await SoapAsync(pinned, clientId, secret);
        Assert.Equal(200, okStatus);
        Assert.Empty(okEnvelope.Descendants(SoapCalls.Env + "Fault"));
    }

    [Fact]
    public async Task A_public_key_pin_accepts_a_renewed_certificate_with_the_same_key()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var first = TestCertificates.Create("sistema-renovado", key);
        using var renewed = TestCertificates.Create("sistema-renovado", key);
        await PinAsync(app, id, "spki:" + Convert.ToHexString(SHA256.HashData(first.PublicKey.ExportSubjectPublicKeyInfo())));
        using var http = Client(app.Start(), renewed);
        Assert.Equal(200, (await RestAsync(http, clientId, secret)).Status);
    }

    [Fact]
    public async Task A_ca_pin_accepts_what_the_ca_issued_and_refuses_an_impostor_ca_with_the_same_name_over_rest_and_soap()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        using var ca = TestCertificates.CreateAuthority("CA Sistemas Banco " + id);
        using var impostor = TestCertificates.CreateAuthority("CA Sistemas Banco " + id);
        using var issued = TestCertificates.Issue(ca, "sistema-banco");
        using var forged = TestCertificates.Issue(impostor, "sistema-banco");
        // Before the CA pin existed, this PEM pinned the CA certificate itself, so the certificate it issued was refused.
        await PinAsync(app, id, ca.ExportCertificatePem());

        using var anonymous = Client(app.Start(), null);
        Assert.Equal(401, (await RestAsync(anonymous, clientId, secret)).Status);
        using var impostorClient = Client(app.Start(), forged);
        var (status, json) = await RestAsync(impostorClient, clientId, secret);
        Assert.Equal((401, "CREDENCIAL_INVALIDA"), (status, (string?)json["code"]));
        Assert.Contains("no emitió la CA registrada", (string)json["detail"]!);
        var record = await app.AuditRecordAsync((string)json["consultaId"]!);
        Assert.Equal((QueryResult.Refused, RefusalReason.InvalidCredential), (record.Result, record.RefusalReason));
        var (soapStatus, fault) = await SoapAsync(impostorClient, clientId, secret);
        Assert.Equal((500, "CREDENCIAL_INVALIDA"), (soapStatus, fault.Descendants(SoapCalls.Svc + "codigo").Single().Value));

        using var pinned = Client(app.Start(), issued);
        Assert.Equal(200, (await RestAsync(pinned, clientId, secret)).Status);
        var (okStatus, okEnvelope) = await SoapAsync(pinned, clientId, secret);
        Assert.Equal(200, okStatus);
        Assert.Empty(okEnvelope.Descendants(SoapCalls.Env + "Fault"));
    }

    [Fact]
    public async Task Setting_and_clearing_a_ca_pin_goes_to_the_change_history_and_the_form_shows_the_ca_again()
    {
        var (_, _, id) = await app.NewInstitutionAsync();
        using var ca = TestCertificates.CreateAuthority("CA Historial " + id);
        var caPin = "ca:" + Convert.ToHexStringLower(ca.GetCertHash(HashAlgorithmName.SHA256));
        var credentials = app.Get<CredentialService>();
        var noPem = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = caPin });
        Assert.Contains("pegue el certificado de la CA", noPem.Errors[nameof(CredentialInput.ClientCertificate)].Single());

        var set = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = ca.ExportCertificatePem() });
        Assert.Equal(caPin, set.Value!.ClientCertificatePin);
        Assert.StartsWith("CA emisora SHA-256", set.Value.ClientCertificateText);
        // Editing again starts from the CA's PEM, which saves to the same pin.
        Assert.Contains("-----BEGIN CERTIFICATE-----", set.Value.ClientCertificateInput);
        var again = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = set.Value.ClientCertificateInput });
        Assert.Equal(caPin, again.Value!.ClientCertificatePin);

        var cleared = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = "" });
        Assert.Null(cleared.Value!.ClientCertificatePin);
        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Null(await db.Credentials.Where(c => c.Id == id).Select(c => c.ClientCertificateAuthority).SingleAsync());
        var clientId = cleared.Value.ClientId;
        var history = await db.ChangeRecords.AsNoTracking().Where(c => c.EntityId == clientId && c.Action == "Editada").OrderBy(c => c.Id).ToListAsync();
        Assert.Contains(caPin, history[0].After);
        Assert.Contains(caPin, history[^1].Before);
        Assert.DoesNotContain(caPin, history[^1].After);
    }

    [Fact]
    public async Task Setting_and_clearing_the_pin_goes_to_the_change_history_and_only_segip_may_do_it()
    {
        var (_, _, id) = await app.NewInstitutionAsync();
        using var cert = TestCertificates.Create("sistema-historial");
        var credentials = app.Get<CredentialService>();
        int institutionId;
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            institutionId = await db.Credentials.Where(c => c.Id == id).Select(c => c.InstitutionId).SingleAsync();
        var institutionAdmin = new Actor("admin@inst.demo", new HashSet<string> { Roles.InstitutionAdmin }, institutionId);
        Assert.False((await credentials.UpdateAsync(institutionAdmin, id, new CredentialInput { ClientCertificate = TestCertificates.Pin(cert) })).IsOk);

        var bad = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = "no-es-una-huella" });
        Assert.Contains("huella SHA-256", bad.Errors[nameof(CredentialInput.ClientCertificate)].Single());

        await PinAsync(app, id, TestCertificates.Pin(cert));
        var cleared = await credentials.UpdateAsync(Actor.System, id, new CredentialInput { ClientCertificate = "" });
        Assert.Null(cleared.Value!.ClientCertificatePin);
        await using var check = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var clientId = cleared.Value.ClientId;
        var history = await check.ChangeRecords.AsNoTracking().Where(c => c.EntityId == clientId && c.Action == "Editada").OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.Contains(TestCertificates.Pin(cert), history[0].After);
        Assert.Contains(TestCertificates.Pin(cert), history[1].Before);
    }
}

/// <summary>TLS ends at a proxy at 127.0.0.1 (trusted) that forwards the client certificate in a header.</summary>
[Trait("Category", "Integration")]
public class ForwardedClientCertificateTests(ForwardedCertificateAppFactory app) : IClassFixture<ForwardedCertificateAppFactory>
{
    [Fact]
    public async Task The_trusted_proxys_header_carries_the_pinned_certificate()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        using var right = TestCertificates.Create("sistema-proxy");
        using var other = TestCertificates.Create("sistema-otro");
        await ClientCertificateTests.PinAsync(app, id, TestCertificates.Pin(right));
        using var http = app.Client();
        Assert.Equal(401, (await ClientCertificateTests.RestAsync(http, clientId, secret)).Status);
        Assert.Equal(401, (await ClientCertificateTests.RestAsync(http, clientId, secret, Uri.EscapeDataString(other.ExportCertificatePem()))).Status);
        // nginx's $ssl_client_escaped_cert (URL-encoded PEM) and a plain base64 DER both work.
        Assert.Equal(200, (await ClientCertificateTests.RestAsync(http, clientId, secret, Uri.EscapeDataString(right.ExportCertificatePem()))).Status);
        Assert.Equal(200, (await ClientCertificateTests.RestAsync(http, clientId, secret, Convert.ToBase64String(right.RawData))).Status);
    }

    [Fact]
    public async Task A_ca_pin_refuses_expired_forged_and_non_client_certificates_from_the_proxy()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        var caName = "CA Proxy " + id;
        using var ca = TestCertificates.CreateAuthority(caName);
        using var impostor = TestCertificates.CreateAuthority(caName);
        using var issued = TestCertificates.Issue(ca, "sistema-proxy");
        using var expired = TestCertificates.Issue(ca, "sistema-proxy", DateTimeOffset.UtcNow.AddDays(-1));
        using var serverOnly = TestCertificates.Issue(ca, "sistema-proxy", usageOid: "1.3.6.1.5.5.7.3.1");
        using var otherCa = TestCertificates.Issue(impostor, "sistema-proxy");
        // Self-signed with the CA's name as subject and issuer: what a subject/issuer-name check would let through.
        using var selfSigned = TestCertificates.Create(caName);
        Assert.Equal(ca.SubjectName.Name, selfSigned.IssuerName.Name);
        Assert.Equal(ca.SubjectName.Name, otherCa.IssuerName.Name);
        await ClientCertificateTests.PinAsync(app, id, ca.ExportCertificatePem());
        using var http = app.Client();
        static string Header(X509Certificate2 c) => Uri.EscapeDataString(c.ExportCertificatePem());

        foreach (var refused in new[] { expired, serverOnly, otherCa, selfSigned, ca })
        {
            var (status, json) = await ClientCertificateTests.RestAsync(http, clientId, secret, Header(refused));
            Assert.Equal((401, "CREDENCIAL_INVALIDA"), (status, (string?)json["code"]));
            var record = await app.AuditRecordAsync((string)json["consultaId"]!);
            Assert.Equal((QueryResult.Refused, RefusalReason.InvalidCredential), (record.Result, record.RefusalReason));
        }
        Assert.Equal(200, (await ClientCertificateTests.RestAsync(http, clientId, secret, Header(issued))).Status);
    }
}
