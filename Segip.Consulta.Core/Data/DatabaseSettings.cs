using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

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

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider «{providerText}» no es válido: use Sqlite, SqlServer o Postgres.");
        var configured = configuration.GetConnectionString("Consulta");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var cs = NormalizeSqlite(provider, configured, contentRoot);
            return new() { Provider = provider, ConnectionString = cs, IsConfigured = true, DataFolder = DataFolderOf(provider, cs, contentRoot) };
        }
        if (provider != DatabaseProvider.Sqlite)
            throw new InvalidOperationException($"Falta ConnectionStrings:Consulta para el proveedor {provider}.");
        var path = Path.Combine(contentRoot, "App_Data", "consulta.db");
        var defaultCs = NormalizeSqlite(provider, $"Data Source={path}", contentRoot);
        return new() { Provider = provider, ConnectionString = defaultCs, DataFolder = DataFolderOf(provider, defaultCs, contentRoot) };
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

    /// <summary>Makes a relative SQLite path absolute, creates its folder, and sets a busy timeout.</summary>
    private static string NormalizeSqlite(DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider != DatabaseProvider.Sqlite) return connectionString;
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (b.DataSource != ":memory:" && !Path.IsPathRooted(b.DataSource))
            b.DataSource = Path.Combine(contentRoot, b.DataSource);
        var folder = Path.GetDirectoryName(b.DataSource);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        if (b.DefaultTimeout < 30) b.DefaultTimeout = 30;
        return b.ToString();
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsSqlite)
            options.UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
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
