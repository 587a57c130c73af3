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

    /// <summary>A cached row (null for an unknown id) and the signal version it was read under.</summary>
    private sealed record CacheEntry(long Version, CachedCredential? Row);

    public async Task<ApiClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || clientId.Length > 64 || secret.Length > 200)
            return null;
        var row = await LoadAsync(clientId, ct);
        var now = time.GetUtcNow().UtcDateTime;

        // Both comparisons always run, against a dummy hash when there is none, so timing says nothing.
        var current = hasher.Matches(secret, row?.SecretHash ?? NoHash);
        var previous = hasher.Matches(secret, row?.PreviousSecretHash ?? NoHash);
        if (row is null || row.IssuedUtc is null || row.RevokedUtc is not null) return null;
        if (row.ExpiresUtc is { } expires && expires <= now) return null;
        var valid = current || (previous && row.PreviousValidUntilUtc is { } until && until > now);
        return valid ? new ApiClient(row.Id, row.ClientId, row.InstitutionId, row.AllowedIps, row.ClientCertificatePin, row.ClientCertificateAuthority) : null;
    }

    /// <summary>Forgets the cached row, so a change made on this instance applies to the next call.</summary>
    public void Invalidate(string clientId) => cache.Remove(Key(clientId));

    private async Task<CachedCredential?> LoadAsync(string clientId, CancellationToken ct)
    {
        var version = signal.Version;
        if (cache.TryGetValue(Key(clientId), out CacheEntry? cached) && cached!.Version == version) return cached.Row;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Credentials.AsNoTracking().Where(c => c.ClientId == clientId)
            .Select(c => new CachedCredential(c.Id, c.ClientId, c.InstitutionId, c.SecretHash, c.PreviousSecretHash,
                c.PreviousSecretValidUntilUtc, c.ExpiresUtc, c.IssuedUtc, c.RevokedUtc, c.IpAllowlist, c.ClientCertificatePin, c.ClientCertificateAuthority))
            .FirstOrDefaultAsync(ct);
        var seconds = options.Value.CacheSeconds;
        if (seconds > 0) cache.Set(Key(clientId), new CacheEntry(version, row), TimeSpan.FromSeconds(seconds));
        return row;
    }

    private static string Key(string clientId) => "credential:" + clientId;
}
