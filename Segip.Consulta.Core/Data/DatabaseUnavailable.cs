using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Tells a database that cannot be reached (down, restarting, failing over, or reached on a standby that cannot
/// write) from other failures, so callers answer "service unavailable, retry" instead of an internal error.
/// Nothing is ever answered without its audit record either way.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a caller is told to wait (<c>Retry-After</c>): about a failover.</summary>
    public const int RetryAfterSeconds = 5;

    public const string Code = "SERVICIO_NO_DISPONIBLE";

    public const string Message =
        "El servicio no está disponible en este momento (base de datos inaccesible). No se realizó la consulta; reintente en unos segundos.";

    public static bool Is(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when IsUnavailableState(pg.SqlState):
                    return true;
                case PostgresException:
                    break;
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                    return true;
                // Busy beyond the timeout, or the file cannot be opened.
                case SqliteException { SqliteErrorCode: 5 or 6 or 14 }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Connection exceptions (08…), server shutting down or starting (57P01–57P03), and a session that landed on a
    /// read-only standby during a failover (25006).
    /// </summary>
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "25006" or "53300";
}
