using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Segip.Consulta.Bench.AuditSeed;

/// <summary>
/// <c>search --sql</c>: every SQL command EF Core sends, with its parameter values, to stderr — the real queries the
/// services generate, to run EXPLAIN QUERY PLAN / EXPLAIN on (docs/performance.md, audit indexes). The app's context
/// factory has no logger, so this listens to EF Core's DiagnosticListener, which reports commands regardless.
/// </summary>
internal sealed class SqlLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static void Start() => DiagnosticListener.AllListeners.Subscribe(new SqlLog());

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data) return;
        var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => $"{p.ParameterName}={Literal(p.Value)}");
        Console.Error.WriteLine($"-- [{string.Join(", ", parameters)}]{Environment.NewLine}{data.Command.CommandText};");
    }

    /// <summary>Dates as the SQLite columns store them (and PostgreSQL reads them), so bench/audit-explain.py can inline them.</summary>
    private static string? Literal(object? value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
