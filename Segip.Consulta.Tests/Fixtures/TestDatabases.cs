using Microsoft.EntityFrameworkCore;
using Npgsql;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The database engines every database test runs on (the provider matrix).</summary>
public enum Engine { Sqlite, Postgres }

/// <summary>
/// The PostgreSQL server of the test run: <c>scripts/test.sh</c> starts a throw-away cluster and exports its
/// connection string in <see cref="Variable"/>. Each test database is a copy of a migrated template
/// (<c>CREATE DATABASE … TEMPLATE</c>, a file copy on the server), so a fresh database costs well under a second.
/// Without the variable the PostgreSQL variants are skipped, except in CI (<c>CI=true</c>), where they fail.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SEGIP_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? Template;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Skips the calling test when no server is configured, or fails it in CI.</summary>
    public static void RequireServer()
    {
        if (ServerConnectionString is not null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI=true y falta {Variable}: las pruebas de PostgreSQL deben ejecutarse (scripts/test.sh inicia el servidor).");
        Assert.Skip($"Sin servidor PostgreSQL ({Variable} no está definida; scripts/test.sh inicia uno).");
    }

    /// <summary>Creates an empty, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        RequireServer();
        var template = await TemplateAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionStringFor(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The cluster is thrown away at the end of the run anyway.
        }
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ToString();

    /// <summary>The migrated template, made once per server and model (its name carries the last migration).</summary>
    private static async Task<string> TemplateAsync()
    {
        if (Template is not null) return Template;
        await TemplateLock.WaitAsync();
        try
        {
            if (Template is not null) return Template;
            var last = new PostgresDesignTimeFactory().CreateDbContext([]).Database.GetMigrations().Last();
            var name = "tpl_" + last.ToLowerInvariant();
            var exists = await ScalarAsync($"SELECT count(*) FROM pg_database WHERE datname = '{name}'");
            if (exists == 0)
            {
                var building = name + "_" + Guid.NewGuid().ToString("N")[..8];
                await ExecuteAsync($"CREATE DATABASE \"{building}\"");
                var settings = new DatabaseSettings
                {
                    Provider = DatabaseProvider.Postgres, ConnectionString = ConnectionStringFor(building), DataFolder = Path.GetTempPath(),
                };
                await using (var db = new ConsultaDbContextFactory(settings, new AccessChangeSignal(), TimeProvider.System).CreateDbContext())
                    await db.Database.MigrateAsync();
                NpgsqlConnection.ClearAllPools();
                try
                {
                    await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Another test process built it at the same time.
                    await ExecuteAsync($"DROP DATABASE \"{building}\" WITH (FORCE)");
                }
            }
            Template = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        // CREATE DATABASE … TEMPLATE fails while another session copies the same template: retry briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ToString());
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ToString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
