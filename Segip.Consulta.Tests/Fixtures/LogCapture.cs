using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>One captured log entry: everything any formatter could print (message, exception, scope values).</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> Scope)
{
    public object? ScopeValue(string key) => Scope.LastOrDefault(p => p.Key == key).Value;

    public string AllText => $"{Category} {Message} {Exception} {string.Join(' ', Scope.Select(p => $"{p.Key}={p.Value}"))}";
}

/// <summary>A logger provider that keeps every entry the app writes, scopes included.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
    public void Dispose() { }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<KeyValuePair<string, object?>>();
            owner.scopes.ForEachScope((s, list) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs);
                else list.Add(new("Scope", s?.ToString()));
            }, scope);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                scope.AddRange(values.Select(v => new KeyValuePair<string, object?>("state." + v.Key, v.Value)));
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception?.ToString(), scope));
        }
    }
}

/// <summary>The app with every log entry captured, at Information and up for every category (ASP.NET Core's too).</summary>
public sealed class LogCaptureAppFactory : AppFactory
{
    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }
}
