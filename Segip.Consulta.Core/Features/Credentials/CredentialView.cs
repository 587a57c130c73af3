using System.Text.Json.Serialization;
namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>A credential as staff see it (never its hashes).</summary>
public sealed record CredentialView(
    int Id, int InstitutionId, string InstitutionName, string ClientId, string? Description, string? IpAllowlist,
    DateTime? ExpiresUtc, DateTime? IssuedUtc, DateTime? RevokedUtc, string? RevokedReason, string? RequestedBy,
    DateTime CreatedUtc, DateTime? PreviousSecretValidUntilUtc, CredentialStatus Status, string? ClientCertificatePin = null,
    string? ClientCertificateAuthority = null)
{
    /// <summary>What the reading actor may do to the credential now (<see cref="CredentialActions"/>).</summary>
    public required IReadOnlySet<CredentialAction> AllowedActions { get; init; }

    /// <summary>The pinned client certificate as staff read it, or null when calls need none.</summary>
    public string? ClientCertificateText => ClientCertificatePin is { } pin ? Credentials.ClientCertificatePin.Describe(pin) : null;

    /// <summary>What the edit form shows: the CA certificate (PEM) for a CA pin, else the stored pin.</summary>
    public string? ClientCertificateInput => Credentials.ClientCertificatePin.AuthorityPem(ClientCertificateAuthority) ?? ClientCertificatePin;

    /// <summary>The last Bolivian day the credential works (it is stored as the UTC instant that day ends).</summary>
    public DateOnly? ExpiresOn => ExpiresUtc is { } e ? DateOnly.FromDateTime(Common.BoliviaClock.ToLocal(e).AddTicks(-1)) : null;
}

public enum CredentialStatus
{
    [JsonStringEnumMemberName("SOLICITADA")] Requested = 1,
    [JsonStringEnumMemberName("ACTIVA")] Active,
    [JsonStringEnumMemberName("VENCIDA")] Expired,
    [JsonStringEnumMemberName("REVOCADA")] Revoked,
}

/// <summary>A freshly generated secret: returned once to be shown once, never stored in clear.</summary>
public sealed record IssuedSecret(CredentialView Credential, string Secret);
