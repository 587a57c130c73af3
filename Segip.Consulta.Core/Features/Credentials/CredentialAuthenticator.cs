using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// Checks a client id and secret on every web-service call. The credential row is cached for
/// <see cref="CredentialOptions.CacheSeconds"/> (unknown ids too, so guessing ids does not reach the
/// database); the check itself is one HMAC-SHA256 and a constant-time comparison. A revoked, expired,
/// unknown or wrong credential gives the same answer: null. A cached row is dropped as soon as
/// <see cref="AccessChangeSignal"/> moves (a credential changed on this or, on PostgreSQL, another instance).
/// The cached row also keeps the SHA-256 of the current secret it last verified, so the next calls with it compare one
/// digest instead of computing two HMACs (each an OpenSSL call, a visible share of a query's CPU): it lives only as long as the row
/// (at most <see cref="CredentialOptions.CacheSeconds"/>, dropped with it on any change), and revocation, expiry and
/// the pinned certificate are still checked on every call.
/// </summary>
public sealed class CredentialAuthenticator(
    IDbContextFactory<ConsultaDbContext> contexts, CredentialHasher hasher, IMemoryCache cache,
    IOptions<CredentialOptions> options, TimeProvider time, AccessChangeSignal signal)
{
    private static readonly byte[] NoHash = new byte[32];

    private sealed record CachedCredential(int Id, string ClientId, int InstitutionId, byte[]? SecretHash,
        byte[]? PreviousSecretHash, DateTime? PreviousValidUntilUtc, DateTime? ExpiresUtc, DateTime? IssuedUtc,
        DateTime? RevokedUtc, string? IpAllowlist, string? ClientCertificatePin, string? ClientCertificateAuthority)
    {
        /// <summary>Parsed once per cached row, not per call.</summary>
        public Common.IpAllowlist AllowedIps { get; } = Common.IpAllowlist.Parse(IpAllowlist);
    }

    /// <summary>
    /// A cached row (null for an unknown id), the signal version it was read under, and the SHA-256 of the secret last
    /// verified against it (never the secret itself: memory dumps must not hold institutions' secrets).
    /// </summary>
    private sealed record CacheEntry(long Version, CachedCredential? Row)
    {
        public volatile byte[]? VerifiedSecretDigest;
    }

    public async Task<ApiClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || clientId.Length > 64 || secret.Length > 200)
            return null;
        var entry = await LoadAsync(clientId, ct);
        var row = entry.Row;
        var now = time.GetUtcNow().UtcDateTime;

        bool current, previous = false;
        if (entry.VerifiedSecretDigest is { } verified && SameSecret(verified, secret))
            current = true;
        else
        {
            // Both comparisons always run, against a dummy hash when there is none, so timing says nothing.
            current = hasher.Matches(secret, row?.SecretHash ?? NoHash);
            previous = hasher.Matches(secret, row?.PreviousSecretHash ?? NoHash);
            if (current && row is not null) entry.VerifiedSecretDigest = Digest(secret);
        }
        if (row is null || row.IssuedUtc is null || row.RevokedUtc is not null) return null;
        if (row.ExpiresUtc is { } expires && expires <= now) return null;
        var valid = current || (previous && row.PreviousValidUntilUtc is { } until && until > now);
        return valid ? new ApiClient(row.Id, row.ClientId, row.InstitutionId, row.AllowedIps, row.ClientCertificatePin, row.ClientCertificateAuthority) : null;
    }

    /// <summary>Forgets the cached row, so a change made on this instance applies to the next call.</summary>
    public void Invalidate(string clientId) => cache.Remove(Key(clientId));

    /// <summary>Compared in constant time: the time says nothing about how much of a guess was right.</summary>
    private static bool SameSecret(byte[] verifiedDigest, string presented)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(presented, digest);
        return CryptographicOperations.FixedTimeEquals(verifiedDigest, digest);
    }

    private static byte[] Digest(string secret)
    {
        var digest = new byte[SHA256.HashSizeInBytes];
        Digest(secret, digest);
        return digest;
    }

    private static void Digest(string secret, Span<byte> digest)
    {
        Span<byte> utf8 = stackalloc byte[200 * 3];   // secrets are at most 200 characters (checked above)
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], digest);
    }

    private async Task<CacheEntry> LoadAsync(string clientId, CancellationToken ct)
    {
        var version = signal.Version;
        if (cache.TryGetValue(Key(clientId), out CacheEntry? cached) && cached!.Version == version) return cached;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Credentials.AsNoTracking().Where(c => c.ClientId == clientId)
            .Select(c => new CachedCredential(c.Id, c.ClientId, c.InstitutionId, c.SecretHash, c.PreviousSecretHash,
                c.PreviousSecretValidUntilUtc, c.ExpiresUtc, c.IssuedUtc, c.RevokedUtc, c.IpAllowlist, c.ClientCertificatePin, c.ClientCertificateAuthority))
            .FirstOrDefaultAsync(ct);
        var entry = new CacheEntry(version, row);
        var seconds = options.Value.CacheSeconds;
        if (seconds > 0) cache.Set(Key(clientId), entry, TimeSpan.FromSeconds(seconds));
        return entry;
    }

    private static string Key(string clientId) => "credential:" + clientId;
}
