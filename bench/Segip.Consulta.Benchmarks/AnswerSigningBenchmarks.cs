using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Benchmarks;

/// <summary>
/// Cost of signing one REST answer (X-Firma-JWS, detached JWS over the body) with RSA 2048 (RS256) and
/// ECDSA P-256 (ES256), for a typical 1 KB query answer and a 64 KB one. Sets what signing adds per call
/// against the raw reference (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class AnswerSigningBenchmarks
{
    private DetachedJws rsa = default!;
    private DetachedJws ecdsa = default!;
    private byte[] small = default!;
    private byte[] large = default!;

    [GlobalSetup]
    public void Setup()
    {
        rsa = new DetachedJws(SigningCertificate.FromCertificate(SigningCertificate.CreateSelfSignedRsa()));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ec = new CertificateRequest("CN=SEGIP bench EC", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        ecdsa = new DetachedJws(SigningCertificate.FromCertificate(X509CertificateLoader.LoadPkcs12(ec.Export(X509ContentType.Pfx), null)));
        small = RandomNumberGenerator.GetBytes(1024);
        large = RandomNumberGenerator.GetBytes(64 * 1024);
    }

    [Benchmark(Baseline = true)]
    public string Rs256OneKilobyte() => rsa.Sign(small);

    [Benchmark]
    public string Rs256SixtyFourKilobytes() => rsa.Sign(large);

    [Benchmark]
    public string Es256OneKilobyte() => ecdsa.Sign(small);

    [Benchmark]
    public string Es256SixtyFourKilobytes() => ecdsa.Sign(large);
}
