using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Signing;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Signs and checks audit checkpoints with SEGIP's certificate (SHA-256; ECDSA P-256 with a DER-encoded signature,
/// as <c>openssl dgst -verify</c> reads it, or RSA PKCS#1 v1.5 — the key of each certificate decides). The signed
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
        var payload = Payload(sequence, hash, signedUtc);
        return new AuditCheckpoint
        {
            Sequence = sequence,
            Hash = hash,
            SignedUtc = signedUtc,
            Signature = SignPayload(signing.Certificate, payload),
            CertificateThumbprint = Thumbprint,
        };
    }

    private static byte[] SignPayload(X509Certificate2 certificate, byte[] payload)
    {
        if (certificate.GetECDsaPrivateKey() is { } ecdsa)
            using (ecdsa) return ecdsa.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("El certificado de firma no tiene clave privada RSA ni ECDSA.");
        return rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>
    /// True when the checkpoint was signed by the current certificate or one of the key history
    /// (<c>Signing:PreviousCertificates</c>) and not altered since, so a rotation keeps old checkpoints valid.
    /// </summary>
    public bool IsAuthentic(AuditCheckpoint checkpoint)
    {
        var certificate = signing.FindByThumbprint(checkpoint.CertificateThumbprint);
        if (certificate is null) return false;
        var payload = Payload(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedUtc);
        if (certificate.GetECDsaPublicKey() is { } ecdsa)
            using (ecdsa) return ecdsa.VerifyData(payload, checkpoint.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(payload, checkpoint.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
