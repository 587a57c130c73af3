using System.Security.Cryptography;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// ECDSA-SHA256 (<c>http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256</c>, RFC 4051) for <c>SignedXml</c>, which
/// registers RSA and DSA only. The signature value is r‖s of fixed width (IEEE P1363), as XML Signature 1.1 requires
/// and xmlsec1 reads it.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    public const string Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    private static readonly Lazy<bool> Registration = new(() =>
    {
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), Url);
        return true;
    });

    /// <summary>Makes the algorithm known to <c>SignedXml</c> (once per process; later calls do nothing).</summary>
    public static void Register() => _ = Registration.Value;

    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
    }

    public override HashAlgorithm CreateDigest() => SHA256.Create();

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter((ECDsa)key);

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter((ECDsa)key);

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        private ECDsa ecdsa = key;
        public override void SetKey(AsymmetricAlgorithm key) => ecdsa = (ECDsa)key;
        public override void SetHashAlgorithm(string strName) { /* always SHA-256 */ }
        public override byte[] CreateSignature(byte[] rgbHash) => ecdsa.SignHash(rgbHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        private ECDsa ecdsa = key;
        public override void SetKey(AsymmetricAlgorithm key) => ecdsa = (ECDsa)key;
        public override void SetHashAlgorithm(string strName) { /* always SHA-256 */ }
        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) =>
            ecdsa.VerifyHash(rgbHash, rgbSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
