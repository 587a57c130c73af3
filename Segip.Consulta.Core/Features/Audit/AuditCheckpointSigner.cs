using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Signs and checks audit checkpoints with SEGIP's certificate (RSA, SHA-256, PKCS#1 v1.5). The signed
/// bytes name the purpose, the sequence, the chain hash at that sequence and the signing time, so a
/// signature cannot be moved to another position of the chain or reused for another purpose.
/// </summary>
public sealed class AuditCheckpointSigner(SigningCertificate signing)
{
    public string Thumbprint => signing.Certificate.Thumbprint;

    public static byte[] Payload(long sequence, ReadOnlySpan<byte> hash, DateTime signedUtc) =>
        Encoding.UTF8.GetBytes(string.Join('|', "SEGIP-BITACORA-PUNTO-DE-CONTROL", "v1",
            sequence.ToString(CultureInfo.InvariantCulture), Convert.ToHexString(hash),
            signedUtc.Ticks.ToString(CultureInfo.InvariantCulture)));

    public AuditCheckpoint Sign(long sequence, byte[] hash, DateTime signedUtc)
    {
        using var rsa = signing.Certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("El certificado de firma no tiene clave privada RSA.");
        return new AuditCheckpoint
        {
            Sequence = sequence,
            Hash = hash,
            SignedUtc = signedUtc,
            Signature = rsa.SignData(Payload(sequence, hash, signedUtc), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            CertificateThumbprint = Thumbprint,
        };
    }

    /// <summary>
    /// True when the checkpoint was signed by the current certificate or one of the key history
    /// (<c>Signing:PreviousCertificates</c>) and not altered since, so a rotation keeps old checkpoints valid.
    /// </summary>
    public bool IsAuthentic(AuditCheckpoint checkpoint)
    {
        var certificate = signing.FindByThumbprint(checkpoint.CertificateThumbprint);
        if (certificate is null) return false;
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(Payload(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedUtc),
            checkpoint.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
