namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>Settings of web-service credentials (section <c>Credentials</c>; the hash key is read separately).</summary>
public sealed class CredentialOptions
{
    public const string SectionName = "Credentials";

    /// <summary>Days the previous secret keeps working after a rotation, so the institution can redeploy.</summary>
    public int RotationGraceDays { get; set; } = 7;

    /// <summary>
    /// Seconds a credential row is cached per instance. A revocation, rotation or expiry change takes
    /// effect at once on the instance that made it and within this many seconds on the others.
    /// </summary>
    public int CacheSeconds { get; set; } = 5;
}
