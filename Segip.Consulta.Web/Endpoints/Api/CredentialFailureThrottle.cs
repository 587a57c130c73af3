using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>Settings of section <c>Api:FailedCredentials</c>.</summary>
public sealed class CredentialFailureOptions
{
    public const string SectionName = "Api:FailedCredentials";

    /// <summary>Failed authentications, per credential id and per source address, before calls are refused.</summary>
    public int MaxFailures { get; set; } = 20;

    /// <summary>The fixed window the failures are counted in; a block never outlasts it.</summary>
    public int WindowSeconds { get; set; } = 300;
}

public sealed class CredentialFailureOptionsValidator : IValidateOptions<CredentialFailureOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialFailureOptions options) =>
        new SettingsCheck(CredentialFailureOptions.SectionName)
            .AtLeast(nameof(options.MaxFailures), options.MaxFailures, 1)
            .AtLeast(nameof(options.WindowSeconds), options.WindowSeconds, 1)
            .Result();
}

/// <summary>
/// Slows down guessing of web-service secrets: after <see cref="CredentialFailureOptions.MaxFailures"/>
/// failed authentications of one credential id, or from one source address, in a window, further calls
/// for that id or from that address are refused with 429 and <c>Retry-After</c> before any secret is
/// checked — until the window ends, so the legitimate holder is never shut out for longer. Per instance.
/// </summary>
public sealed class CredentialFailureThrottle(IOptions<CredentialFailureOptions> options, TimeProvider time)
{
    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Failures;
    }

    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> windows = new();

    private TimeSpan Length => TimeSpan.FromSeconds(options.Value.WindowSeconds);

    /// <summary>Seconds to wait when the id or the address is blocked now; null when the call may try.</summary>
    public int? RetryAfter(string? clientId, string? ip)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Key("id", clientId), Key("ip", ip) }
            .Select(k => k is not null && windows.TryGetValue(k, out var w) ? Blocked(w, now) : null)
            .Max();
        return wait is { } seconds ? seconds : null;
    }

    /// <summary>Counts a failed authentication; true when this failure is the one that starts a block.</summary>
    public bool RecordFailure(string? clientId, string? ip)
    {
        var now = time.GetUtcNow();
        if (windows.Count > PruneAbove)
            foreach (var (key, old) in windows)
                if (now - old.Start >= Length) windows.TryRemove(key, out _);
        var startsBlock = false;
        foreach (var key in new[] { Key("id", clientId), Key("ip", ip) })
        {
            if (key is null) continue;
            var window = windows.GetOrAdd(key, _ => new Window(now));
            lock (window)
            {
                if (now - window.Start >= Length)
                {
                    window.Start = now;
                    window.Failures = 0;
                }
                if (++window.Failures == options.Value.MaxFailures) startsBlock = true;
            }
        }
        return startsBlock;
    }

    private int? Blocked(Window window, DateTimeOffset now)
    {
        lock (window)
        {
            var left = window.Start + Length - now;
            if (window.Failures < options.Value.MaxFailures || left <= TimeSpan.Zero) return null;
            return Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
        }
    }

    // Bounded keys: a client id is whatever the caller sent.
    private static string? Key(string kind, string? value) =>
        string.IsNullOrEmpty(value) ? null : $"{kind}:{(value.Length > 128 ? value[..128] : value)}";
}
