namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>An authenticated web-service caller: the credential and the institution it acts for.</summary>
public sealed record ApiClient(int CredentialId, string ClientId, int InstitutionId, Common.IpAllowlist AllowedIps, string? ClientCertificatePin = null,
    string? ClientCertificateAuthority = null)
{
    /// <summary>The credential's own CIDR allowlist (the agreement's is checked by the query gate).</summary>
    public bool AllowsIp(string? clientIp) => AllowedIps.Allows(clientIp);
}
