using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Hands out pooled contexts of the configured provider's derived type; services depend only on
/// <see cref="ConsultaDbContext"/>. Pooling matters on the query path, where a context is opened per query.
/// </summary>
public sealed class ConsultaDbContextFactory : IDbContextFactory<ConsultaDbContext>
{
    private readonly Func<ConsultaDbContext> create;

    public ConsultaDbContextFactory(DatabaseSettings settings, AccessChangeSignal signal, TimeProvider time)
    {
        IInterceptor[] interceptors = [new AccessChangeInterceptor(signal), new TimestampInterceptor(time)];
        create = settings.Provider switch
        {
            DatabaseProvider.Sqlite => Pool<SqliteConsultaDbContext>(settings, interceptors),
            DatabaseProvider.Postgres => Pool<PostgresConsultaDbContext>(settings, interceptors),
            _ => Pool<SqlServerConsultaDbContext>(settings, interceptors),
        };
    }

    private static Func<ConsultaDbContext> Pool<TContext>(DatabaseSettings settings, IInterceptor[] interceptors)
        where TContext : ConsultaDbContext
    {
        var b = new DbContextOptionsBuilder<TContext>();
        settings.Configure(b);
        b.AddInterceptors(interceptors);
        var pool = new PooledDbContextFactory<TContext>(b.Options, poolSize: 256);
        return pool.CreateDbContext;
    }

    public ConsultaDbContext CreateDbContext() => create();
}

/// <summary>Used by <c>dotnet ef</c> to build the SQLite migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConsultaDbContext>
{
    public SqliteConsultaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConsultaDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef</c> to build the SQL Server migrations; never connects.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerConsultaDbContext>
{
    public SqlServerConsultaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerConsultaDbContext>().UseSqlServer("Server=.;Database=SegipConsulta;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Used by <c>dotnet ef</c> to build the PostgreSQL migrations; never connects.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConsultaDbContext>
{
    public PostgresConsultaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConsultaDbContext>().UseNpgsql("Host=localhost;Database=segip_consulta").Options);
}
