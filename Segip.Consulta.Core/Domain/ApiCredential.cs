namespace Segip.Consulta.Core.Domain;

/// <summary>
/// A web-service credential. The secret is never stored: only an HMAC-SHA256 of it under the
/// server's pepper, which is cheap to check per call and useless without the pepper.
/// </summary>
public class ApiCredential : ICreationStamped
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public required string ClientId { get; set; }
    public byte[]? SecretHash { get; set; }
    public byte[]? PreviousSecretHash { get; set; }
    public DateTime? PreviousSecretValidUntilUtc { get; set; }
    public string? Description { get; set; }
    public string? IpAllowlist { get; set; }
    /// <summary>
    /// Optional second factor (mutual TLS): "cert:", "spki:" or "ca:" and a SHA-256 in lower-case hex
    /// (<see cref="Features.Credentials.ClientCertificatePin"/>). When set, a call must present that certificate.
    /// </summary>
    public string? ClientCertificatePin { get; set; }
    /// <summary>For a "ca:" pin, the issuing CA's certificate (base64 DER), needed to build the client's chain.</summary>
    public string? ClientCertificateAuthority { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    public DateTime? IssuedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedReason { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
}
