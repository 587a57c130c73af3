using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Segip.Consulta.Core.Data;

/// <summary>One parameter of a <see cref="PreparedStatements"/> statement, typed for each engine.</summary>
public sealed record StatementParameter(string Name, SqliteType Sqlite, NpgsqlDbType Postgres);

/// <summary>
/// One SQL statement prepared once on each of a few connections kept open for it (SQLite and PostgreSQL only):
/// the query path's hot statements (the registry look-up, the quota reservation) skip EF Core's pipeline and
/// the parsing and planning of the SQL on every call. Each call borrows a connection, so one statement runs
/// on it at a time; under load more are opened, and those beyond <c>maxIdle</c> are closed when returned.
/// The connections are not pooled by the driver: a per-connection setting (<c>onOpen</c>) never reaches
/// another part of the app.
/// </summary>
public sealed class PreparedStatements(DatabaseSettings database, string sql, IReadOnlyList<StatementParameter> parameters,
    int maxIdle, Func<DbConnection, CancellationToken, Task>? onOpen = null) : IDisposable
{
    private readonly ConcurrentQueue<Prepared> idle = new();

    /// <summary>Sets the parameters (in declaration order) and runs <paramref name="use"/> on a prepared command.</summary>
    public async Task<T> RunAsync<T>(Func<DbCommand, bool, Task<T>> use, CancellationToken ct, params object[] values)
    {
        var prepared = idle.TryDequeue(out var kept) ? kept : await OpenAsync(ct);
        T result;
        try
        {
            for (var i = 0; i < values.Length; i++) prepared.Command.Parameters[i].Value = values[i];
            result = await use(prepared.Command, database.IsSqlite);
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
        if (idle.Count < maxIdle) idle.Enqueue(prepared);
        else prepared.Dispose();
        return result;
    }

    private async Task<Prepared> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = database.IsSqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            SqliteBusyWait.Apply(connection);
            if (onOpen is not null) await onOpen(connection, ct);
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var parameter in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = parameter.Name;
                if (p is SqliteParameter s) s.SqliteType = parameter.Sqlite;
                else ((NpgsqlParameter)p).NpgsqlDbType = parameter.Postgres;
                command.Parameters.Add(p);
            }
            command.Prepare();
            return new Prepared(connection, command);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        while (idle.TryDequeue(out var prepared)) prepared.Dispose();
    }

    private sealed record Prepared(DbConnection Connection, DbCommand Command) : IDisposable
    {
        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
