using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Rotating SEGIP's signing certificate keeps checkpoints and answers signed before the rotation
/// verifiable, as long as the old certificate (public part only) is in Signing:PreviousCertificates.
/// </summary>
[Trait("Category", "Integration")]
public class SigningRotationTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;
    private CoreHost host = default!;

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(persons: 20, engine: Engine);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private X509Certificate2 OldCertificate => host.Get<SigningCertificate>().Certificate;

    /// <summary>The new certificate, with the old one loaded the way operators configure it: a public PEM file.</summary>
    private SigningCertificate Rotated(bool keepHistory)
    {
        var pemPath = Path.Combine(host.Folder, "anterior.pem");
        File.WriteAllText(pemPath, OldCertificate.ExportCertificatePem());
        var previous = X509CertificateLoader.LoadCertificateFromFile(pemPath);
        Assert.False(previous.HasPrivateKey);
        var current = SigningCertificate.CreateSelfSigned();
        return keepHistory ? SigningCertificate.FromCertificate(current, previous) : SigningCertificate.FromCertificate(current);
    }

    private AuditVerifier VerifierWith(SigningCertificate signing) =>
        new(host.Get<IDbContextFactory<ConsultaDbContext>>(), new AuditCheckpointSigner(signing));

    [Fact]
    public async Task Old_checkpoints_still_verify_after_rotation_with_the_key_history()
    {
        await host.Get<AuditLog>().AppendAsync(new AuditEntry
        {
            Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = "CI 1000", DocumentNumber = "1000",
            Purpose = "Verificación de identidad", Result = QueryResult.NotFound,
        });
        Assert.NotNull(await host.Get<AuditCheckpointService>().CreateAsync());
        Assert.True((await host.Get<AuditVerifier>().VerifyAsync()).IsIntact);

        var withHistory = await VerifierWith(Rotated(keepHistory: true)).VerifyAsync();
        var withoutHistory = await VerifierWith(Rotated(keepHistory: false)).VerifyAsync();

        Assert.True(withHistory.IsIntact, withHistory.Message);
        Assert.Equal(1, withHistory.CheckpointsVerified);
        // Without the old certificate the checkpoint cannot be proven (what every rotation did before).
        Assert.False(withoutHistory.IsIntact);
    }

    [Fact]
    public void An_answer_signed_before_rotation_verifies_with_the_key_history_only()
    {
        var body = Encoding.UTF8.GetBytes("{\"resultado\":\"ENCONTRADO\",\"nombres\":\"JUAN CARLOS\"}");
        var jws = new DetachedJws(host.Get<SigningCertificate>()).Sign(body);

        Assert.True(DetachedJws.Verify(jws, body, Rotated(keepHistory: true)));
        Assert.False(DetachedJws.Verify(jws, body, Rotated(keepHistory: false)));
    }

    [Fact]
    public async Task The_key_history_is_read_from_signing_previous_certificates()
    {
        using var old = SigningCertificate.CreateSelfSigned();
        var pemPath = Path.Combine(Path.GetTempPath(), "segip-tests", $"anterior-{Guid.NewGuid():N}.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(pemPath)!);
        await File.WriteAllTextAsync(pemPath, old.ExportCertificatePem());
        try
        {
            await using var rotated = await CoreHost.CreateAsync(demo: false, engine: Engine,
                settings: new Dictionary<string, string?> { ["Signing:PreviousCertificates:0"] = pemPath });
            var signing = rotated.Get<SigningCertificate>();

            Assert.Equal(old.Thumbprint, Assert.Single(signing.Previous).Thumbprint);
            Assert.NotNull(signing.FindByThumbprint(old.Thumbprint.ToLowerInvariant()));
            Assert.Null(signing.FindByThumbprint("00"));
        }
        finally
        {
            File.Delete(pemPath);
        }
    }

    [Fact]
    public void An_rsa_certificate_an_operator_configures_still_signs_answers_with_rs256()
    {
        using var certificate = SigningCertificate.CreateSelfSignedRsa();
        var signing = SigningCertificate.FromCertificate(certificate);
        var body = Encoding.UTF8.GetBytes("{\"resultado\":\"ENCONTRADO\"}");

        var jws = new DetachedJws(signing);
        var value = jws.Sign(body);

        Assert.Equal("RS256", jws.Algorithm);
        Assert.True(DetachedJws.Verify(value, body, signing));
        Assert.False(DetachedJws.Verify(value, Encoding.UTF8.GetBytes("{\"resultado\":\"NO_ENCONTRADO\"}"), signing));
    }

    [Fact]
    public void Checkpoints_signed_with_rsa_verify_after_switching_to_ecdsa_with_the_key_history()
    {
        using var rsa = SigningCertificate.CreateSelfSignedRsa();
        using var ecdsa = SigningCertificate.CreateSelfSigned();
        var hash = SHA256.HashData("registro"u8);
        var signedUtc = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var old = new AuditCheckpointSigner(SigningCertificate.FromCertificate(rsa)).Sign(41, hash, signedUtc);
        var publicRsa = X509CertificateLoader.LoadCertificate(rsa.RawData);
        var current = new AuditCheckpointSigner(SigningCertificate.FromCertificate(ecdsa, publicRsa));
        var fresh = current.Sign(42, hash, signedUtc);

        Assert.Equal("ES256", DetachedJws.AlgorithmFor(ecdsa));
        Assert.True(current.IsAuthentic(old));
        Assert.True(current.IsAuthentic(fresh));
        // Moved to another position of the chain, neither verifies any more.
        Assert.False(current.IsAuthentic(new AuditCheckpoint { Sequence = 43, Hash = hash, SignedUtc = signedUtc, Signature = old.Signature, CertificateThumbprint = old.CertificateThumbprint }));
        Assert.False(current.IsAuthentic(new AuditCheckpoint { Sequence = 43, Hash = hash, SignedUtc = signedUtc, Signature = fresh.Signature, CertificateThumbprint = fresh.CertificateThumbprint }));
    }

    [Fact]
    public void Development_generates_an_ecdsa_certificate_and_keeps_the_earlier_rsa_one_in_the_history()
    {
        var folder = Directory.CreateTempSubdirectory("segip-dev-signing-").FullName;
        try
        {
            // What earlier versions left beside the database.
            using var legacy = SigningCertificate.CreateSelfSignedRsa();
            File.WriteAllBytes(Path.Combine(folder, "dev-signing.pfx"), legacy.Export(X509ContentType.Pfx));
            var options = new SigningOptions();

            var signing = SigningCertificate.Load(options, folder, mayGenerate: true);
            var again = SigningCertificate.Load(options, folder, mayGenerate: true);

            Assert.True(signing.IsGenerated);
            Assert.Equal("ES256", DetachedJws.AlgorithmFor(signing.Certificate));
            Assert.Equal(legacy.Thumbprint, Assert.Single(signing.Previous).Thumbprint);
            Assert.False(signing.Previous[0].HasPrivateKey);
            // Generated once, then reused: the kid institutions saw stays the same across restarts.
            Assert.Equal(signing.Certificate.Thumbprint, again.Certificate.Thumbprint);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_ecdsa_certificate_signs_with_es256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SEGIP prueba EC", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var signing = SigningCertificate.FromCertificate(certificate);
        var body = Encoding.UTF8.GetBytes("{\"code\":\"CREDENCIAL_INVALIDA\"}");

        var jws = new DetachedJws(signing);
        var value = jws.Sign(body);

        Assert.Equal("ES256", jws.Algorithm);
        Assert.True(DetachedJws.Verify(value, body, signing));
        Assert.False(DetachedJws.Verify(value, Encoding.UTF8.GetBytes("{\"code\":\"OTRO\"}"), signing));
    }
}
