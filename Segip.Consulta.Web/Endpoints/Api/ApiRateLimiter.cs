using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>Settings of the per-credential rate limit (section <c>Api:RateLimit</c>).</summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    /// <summary>Calls one credential may make per window, per application instance.</summary>
    public int PermitLimit { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;
}

public sealed class ApiRateLimitOptionsValidator : IValidateOptions<ApiRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiRateLimitOptions options) =>
        new SettingsCheck(ApiRateLimitOptions.SectionName)
            .AtLeast(nameof(options.PermitLimit), options.PermitLimit, 1)
            .AtLeast(nameof(options.WindowSeconds), options.WindowSeconds, 1)
            .Result();
}

/// <summary>
/// A fixed-window limiter per credential, using ASP.NET Core's rate-limiting primitives. It is applied
/// after authentication and partitioned by the authenticated client id, so nobody can spend another
/// institution's budget by sending its id with a wrong secret.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public ApiRateLimiter(IOptions<ApiRateLimitOptions> options)
    {
        var o = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetFixedWindowLimiter(clientId,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.PermitLimit,
                Window = TimeSpan.FromSeconds(o.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the call may proceed; otherwise the seconds to wait (for <c>Retry-After</c>).</summary>
    public int? TryAcquire(string clientId)
    {
        using var lease = limiter.AttemptAcquire(clientId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
    }

    public void Dispose() => limiter.Dispose();
}
