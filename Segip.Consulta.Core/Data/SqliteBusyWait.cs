using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Lets SQLite itself wait for a write lock another connection holds (its busy handler polls in steps of 1–100 ms)
/// instead of Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per attempt: one detector or checkpoint write
/// meeting the audit writer's group commit would otherwise hold every query of that group for 150 ms.
/// The wait is bounded by the connection's Default Timeout, as the library's own loop is.
/// </summary>
public static class SqliteBusyWait
{
    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
    }
}

/// <summary>Applies <see cref="SqliteBusyWait"/> to every connection EF Core opens on SQLite.</summary>
public sealed class SqliteBusyWaitInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteBusyWaitInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SqliteBusyWait.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteBusyWait.Apply(connection);
        return Task.CompletedTask;
    }
}
