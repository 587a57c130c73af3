using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Segip.Consulta.Core.Data;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>
/// Which database the app uses (<c>Database:Provider</c>) and how to reach it
/// (<c>ConnectionStrings:Consulta</c>; SQLite defaults to <c>App_Data/consulta.db</c> under the content root).
/// </summary>
public sealed class DatabaseSettings
{
    public required DatabaseProvider Provider { get; init; }
    public required string ConnectionString { get; init; }
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;
    /// <summary>True when the connection string came from configuration rather than the built-in default.</summary>
    public bool IsConfigured { get; init; }
    /// <summary>Where local files live (development signing key, exports): beside the SQLite file, else App_Data.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The settings of validated <see cref="DatabaseOptions"/> (see <see cref="DatabaseOptionsValidator"/>).</summary>
    public static DatabaseSettings From(DatabaseOptions options, string contentRoot)
    {
        if (!options.TryGetProvider(out var provider))
            throw new InvalidOperationException($"Database:Provider «{options.Provider}» no es válido: use Sqlite, SqlServer o Postgres.");
        var configured = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var cs = NormalizeSqlite(provider, configured ? options.ConnectionString! : $"Data Source={Path.Combine(contentRoot, "App_Data", "consulta.db")}", contentRoot);
        return new() { Provider = provider, ConnectionString = cs, IsConfigured = configured, DataFolder = DataFolderOf(provider, cs, contentRoot) };
    }

    private static string DataFolderOf(DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (source != ":memory:" && Path.GetDirectoryName(source) is { Length: > 0 } dir) return dir;
        }
        return Path.Combine(contentRoot, "App_Data");
    }

    /// <summary>Makes a relative SQLite path absolute and sets a busy timeout.</summary>
    private static string NormalizeSqlite(DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider != DatabaseProvider.Sqlite) return connectionString;
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (b.DataSource != ":memory:" && !Path.IsPathRooted(b.DataSource))
            b.DataSource = Path.Combine(contentRoot, b.DataSource);
        if (b.DefaultTimeout < 30) b.DefaultTimeout = 30;
        return b.ToString();
    }

    /// <summary>Creates the folder of local files (and of the SQLite file): at start-up, before the first connection.</summary>
    public void CreateDataFolder() => Directory.CreateDirectory(DataFolder);

    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsSqlite)
        {
            options.UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
            options.AddInterceptors(SqliteBusyWaitInterceptor.Instance);
        }
        else if (IsPostgres)
        {
            // Short retries: they ride over a failover (the multi-host connection string finds the new
            // primary), while an unreachable database still gets its 503 within seconds.
            options.UseNpgsql(ConnectionString, o => o.EnableRetryOnFailure(3, TimeSpan.FromSeconds(1), null));
            options.AddInterceptors(PostgresLikeInterceptor.Instance);
        }
        else
            options.UseSqlServer(ConnectionString, o => o.EnableRetryOnFailure());
    }
}
