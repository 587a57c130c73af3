using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>Settings of web-service credentials (section <c>Credentials</c>).</summary>
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

    /// <summary>
    /// Base64 key (at least 32 bytes) of the HMAC that stores secrets. Without it only Development and the sandbox
    /// run, on a fixed public key.
    /// </summary>
    public string? HashKey { get; set; }

    private static readonly byte[] DevelopmentKey = System.Text.Encoding.UTF8.GetBytes("segip-consulta-development-only-credential-key");

    /// <summary>The key of validated options (<see cref="CredentialOptionsValidator"/>).</summary>
    public byte[] HashKeyBytes() => string.IsNullOrWhiteSpace(HashKey) ? DevelopmentKey : Convert.FromBase64String(HashKey);
}

public sealed class CredentialOptionsValidator(HostingRules hosting) : IValidateOptions<CredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HashKey))
            return hosting.MayGenerateKeys ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Falta Credentials:HashKey (clave para verificar credenciales del servicio web).");
        var key = new byte[options.HashKey.Length];
        return Convert.TryFromBase64String(options.HashKey, key, out var length) && length >= 32 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Credentials:HashKey debe tener al menos 32 bytes (en base64).");
    }
}
