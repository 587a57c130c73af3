using Microsoft.Extensions.Logging;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Appends every error the test apps log (a failed circuit, a database refusal) to the file scripts/test.sh names in
/// SEGIP_TEST_SERVER_LOG, so a browser test that fails in CI shows what the server saw, not only "timeout".
/// </summary>
public sealed class ServerErrorLog(string path, string app) : ILoggerProvider
{
    private static readonly Lock FileLock = new();

    /// <summary>The provider for one app, or null when the run keeps no server log.</summary>
    public static ServerErrorLog? FromEnvironment(string app) =>
        Environment.GetEnvironmentVariable("SEGIP_TEST_SERVER_LOG") is { Length: > 0 } path ? new ServerErrorLog(path, app) : null;

    private volatile bool closing;

    /// <summary>Stops writing: a disposed app's circuits fail by the dozen while it shuts down, which says nothing about a test.</summary>
    public void Close() => closing = true;

    public ILogger CreateLogger(string categoryName) => new ErrorLogger(this, categoryName);
    public void Dispose() { }

    private void Write(string category, string message, Exception? exception) =>
        Append(path, $"{app} {category}: {message}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");

    /// <summary>
    /// Records what a test browser reported (a console error, an uncaught script error): Blazor's «Ocurrió un error
    /// inesperado» bar can come from the client alone, with nothing in the server's log.
    /// </summary>
    public static void BrowserError(string pageUrl, string message)
    {
        if (Environment.GetEnvironmentVariable("SEGIP_TEST_SERVER_LOG") is { Length: > 0 } path)
            Append(path, $"navegador {pageUrl}: {message}");
    }

    private static void Append(string path, string text)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {text}";
        lock (FileLock) File.AppendAllText(path, line.ReplaceLineEndings(" ") + Environment.NewLine);
    }

    private sealed class ErrorLogger(ServerErrorLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && !owner.closing;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Write(category, formatter(state, exception), exception);
        }
    }
}
