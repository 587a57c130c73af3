using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Segip.Consulta.Core.Data;

/// <summary>Creates the provider's derived context; services depend only on <see cref="ConsultaDbContext"/>.</summary>
public sealed class ConsultaDbContextFactory : IDbContextFactory<ConsultaDbContext>
{
    private readonly DatabaseSettings _settings;
    private readonly DbContextOptions<SqliteConsultaDbContext>? _sqlite;
    private readonly DbContextOptions<SqlServerConsultaDbContext>? _sqlServer;

    public ConsultaDbContextFactory(DatabaseSettings settings)
    {
        _settings = settings;
        if (settings.IsSqlite)
        {
            var b = new DbContextOptionsBuilder<SqliteConsultaDbContext>();
            settings.Configure(b);
            _sqlite = b.Options;
        }
        else
        {
            var b = new DbContextOptionsBuilder<SqlServerConsultaDbContext>();
            settings.Configure(b);
            _sqlServer = b.Options;
        }
    }

    public ConsultaDbContext CreateDbContext() =>
        _settings.IsSqlite ? new SqliteConsultaDbContext(_sqlite!) : new SqlServerConsultaDbContext(_sqlServer!);
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
