using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Settings a real deployment must have (issue 14, items 5 and 13): the public base of verification
/// links, which a request's Host header must not replace, and the certificate that encrypts the Data
/// Protection keys stored in the database.
/// </summary>
[Trait("Category", "Integration")]
public class DeploymentSettingsTests(DeploymentSettingsTests.Factory app) : IClassFixture<DeploymentSettingsTests.Factory>
{
    public const string PublicBase = "https://consulta.segip.gob.bo";

    public sealed class Factory : AppFactory
    {
        public Factory()
        {
            // Data Protection encrypts its keys with XML encryption, whose key transport needs RSA.
            using var certificate = SigningCertificate.CreateSelfSignedRsa();
            File.WriteAllBytes(KeyCertificatePath, certificate.Export(X509ContentType.Pfx, "clave-dp"));
        }

        private string KeyCertificatePath => Path.Combine(Folder, "data-protection.pfx");

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = PublicBase,
            ["DataProtection:CertificatePath"] = KeyCertificatePath,
            ["DataProtection:CertificatePassword"] = "clave-dp",
        };
    }

    [Fact]
    public async Task A_forged_host_header_changes_neither_the_qr_code_nor_the_printed_link()
    {
        var query = await app.QueryDocumentAsync();
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/consultas/{(string)query.Json["consultaId"]!}/certificado");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("demo-banco:Demo-Banco-2026"u8.ToArray()));
        request.Headers.Add("X-Usuario-Final", "BD-001");
        request.Headers.Host = "atacante.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var qr = Assert.Single(PdfInspection.QrCodes(pdf));
        Assert.StartsWith(PublicBase + "/verificar/", qr);
        var text = PdfInspection.Text(pdf);
        Assert.Contains(PublicBase.Replace("https://", ""), text);
        Assert.DoesNotContain("atacante", text);
    }

    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_and_sessions_still_work()
    {
        using var client = await FormLogin.SignedInClientAsync(app, DemoAccounts.Auditor, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bitacora")).StatusCode);

        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("unencrypted form", xml);
        });
    }

    [Fact]
    public void An_ecdsa_data_protection_certificate_is_refused_at_start_with_a_spanish_reason()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("segip-dp-").FullName, "ecdsa.pfx");
        using (var ecdsa = SigningCertificate.CreateSelfSigned())
            File.WriteAllBytes(path, ecdsa.Export(X509ContentType.Pfx, "clave"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "clave",
        }).Build();

        var refusal = RefusalOf(configuration, HostingRules.Development);

        Assert.NotNull(refusal);
        Assert.Contains("debe tener clave RSA", refusal);
        File.Delete(path);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_the_app_refuses_to_start_without_a_public_base_or_a_key_certificate(string environment)
    {
        var signing = Path.Combine(app.Folder, "signing.pfx");
        using (var certificate = SigningCertificate.CreateSelfSigned()) File.WriteAllBytes(signing, certificate.Export(X509ContentType.Pfx));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Consulta"] = "Data Source=x.db", ["Signing:CertificatePath"] = signing,
            ["Credentials:HashKey"] = Convert.ToBase64String(new byte[32]), ["Seed:Demo"] = "false",
        }).Build();

        var refusal = RefusalOf(configuration, new HostingRules(environment));

        Assert.NotNull(refusal);
        Assert.StartsWith($"La configuración no es válida para {environment}:", refusal);
        Assert.Contains("Falta PublicBaseUrl", refusal);
        Assert.Contains("Falta DataProtection:CertificatePath", refusal);
        Assert.Null(RefusalOf(configuration, HostingRules.Development));
    }

    [Fact]
    public void A_short_credential_key_or_a_missing_certificate_file_is_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:CertificatePath"] = "/no-existe/firma.pfx", ["Credentials:HashKey"] = Convert.ToBase64String(new byte[16]),
            ["Database:Provider"] = "Oracle",
        }).Build();

        var refusal = RefusalOf(configuration, HostingRules.Development);

        Assert.NotNull(refusal);
        Assert.Contains("No existe el certificado de firma «/no-existe/firma.pfx» (Signing:CertificatePath).", refusal);
        Assert.Contains("Credentials:HashKey debe tener al menos 32 bytes (en base64).", refusal);
        Assert.Contains("Database:Provider «Oracle» no es válido", refusal);
    }

    /// <summary>Registers the Core services as the app does (nothing may be read or loaded yet) and runs the start-up validators.</summary>
    private string? RefusalOf(IConfiguration configuration, HostingRules hosting)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConsultaCore(configuration, app.Folder, hosting);
        using var provider = services.BuildServiceProvider();
        return SettingsRefusal.Find(provider, hosting.EnvironmentName);
    }
}
