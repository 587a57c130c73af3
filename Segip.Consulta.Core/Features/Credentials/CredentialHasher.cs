using System.Security.Cryptography;
using System.Text;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// Hashes web-service secrets with HMAC-SHA256 under a server key (<c>Credentials:HashKey</c>).
/// Secrets are ≥128-bit random values, so a slow password hash would add cost per call and no
/// security; the key means a stolen database alone cannot be used to test guesses offline.
/// </summary>
public sealed class CredentialHasher(byte[] key)
{
    public byte[] Hash(string secret) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    public bool Matches(string secret, byte[]? storedHash) =>
        storedHash is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    /// <summary>A new secret: 160 random bits, base64url, shown to the institution once.</summary>
    public static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(20));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
