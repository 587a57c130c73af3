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
    private readonly Func<ConsultaDbContext> _create;

    public ConsultaDbContextFactory(DatabaseSettings settings, AccessChangeSignal signal, TimeProvider time)
    {
        IInterceptor[] interceptors = [new AccessChangeInterceptor(signal), new TimestampInterceptor(time)];
        if (settings.IsSqlite)
        {
            var b = new DbContextOptionsBuilder<SqliteConsultaDbContext>();
            settings.Configure(b);
            b.AddInterceptors(interceptors);
            var pool = new PooledDbContextFactory<SqliteConsultaDbContext>(b.Options, poolSize: 256);
            _create = pool.CreateDbContext;
        }
        else
        {
            var b = new DbContextOptionsBuilder<SqlServerConsultaDbContext>();
            settings.Configure(b);
            b.AddInterceptors(interceptors);
            var pool = new PooledDbContextFactory<SqlServerConsultaDbContext>(b.Options, poolSize: 256);
            _create = pool.CreateDbContext;
        }
    }

    public ConsultaDbContext CreateDbContext() => _create();
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
