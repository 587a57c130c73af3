using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file from a background connection, a few
/// times a second. Left to SQLite, the copy runs inside whichever commit crosses the WAL size
/// threshold: under load that is the audit writer, and every query waiting on it would pay for it.
/// A PASSIVE checkpoint never blocks readers or the writer.
/// </summary>
public sealed class WalCheckpointWorker(DatabaseSettings database, ILogger<WalCheckpointWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The writer's own fallback threshold (pages): large, so this worker normally does the copying.</summary>
    public const int WriterAutoCheckpointPages = 20_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.IsSqlite) return;
        using var timer = new PeriodicTimer(Interval);
        SqliteConnection? conn = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (conn is null)
                    {
                        conn = new SqliteConnection(database.ConnectionString);
                        conn.Open();
                        SqliteBusyWait.Apply(conn);
                    }
                    using var cmd = conn.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    cmd.ExecuteNonQuery();
                }
                catch (SqliteException ex)
                {
                    // The next tick retries; until then SQLite's own threshold still bounds the log.
                    logger.LogWarning(ex, "No se pudo volcar el registro WAL de SQLite");
                    conn?.Dispose();
                    conn = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            conn?.Dispose();
        }
    }
}
