using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class DataLayerTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Falta una migración de SQLite: ejecute dotnet ef migrations add.");
    }

    [Fact]
    public void SqlServer_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Falta una migración de SQL Server: ejecute dotnet ef migrations add.");
    }

    [Fact]
    public void Postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Falta una migración de PostgreSQL: ejecute dotnet ef migrations add.");
    }

    [Fact]
    public void SqlServer_migration_script_generates_without_a_server()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AuditRecords]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_IdentityDocuments_Number_Type_Complement]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
    }

    [Fact]
    public async Task Sqlite_database_is_created_in_wal_mode_with_the_whole_schema()
    {
        await using var host = await CoreHost.CreateAsync(demo: false);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        Assert.Equal(4, await db.AccessLevels.CountAsync());
        Assert.Equal(0, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task Demo_seeding_is_idempotent_and_builds_the_contract_fixtures()
    {
        await using var host = await CoreHost.CreateAsync(persons: 500);
        await host.Get<DemoSeeder>().SeedAsync(new SeedOptions { Persons = 500 });

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(503, await db.Persons.CountAsync());
        Assert.Equal(3, await db.Institutions.CountAsync());
        Assert.Equal(6, await db.Users.CountAsync());
        var juan = await db.IdentityDocuments.Include(d => d.Person)
            .SingleAsync(d => d.Type == DocumentType.IdentityCard && d.Number == "1234567" && d.Complement == "");
        Assert.Equal("JUAN CARLOS", juan.Person!.FirstNames);
        Assert.Equal(new DateOnly(1985, 3, 14), juan.Person.BirthDate);
        Assert.True(await db.Persons.AnyAsync(p => p.Id == 3 && p.IsDeceased));
        Assert.True(await db.IdentityDocuments.AnyAsync(d => d.Type == DocumentType.ForeignerIdentityCard && d.Department == Department.Foreign));
        Assert.True(await db.IdentityDocuments.AnyAsync(d => d.Status == DocumentStatus.Cancelled));
        var vencido = await db.Agreements.SingleAsync(a => a.Number == "CONV-DEMO-0003");
        Assert.Equal(AgreementStatus.Expired, vencido.Status);
        Assert.False(await db.EndUsers.Where(u => u.Code == "BD-002").Select(u => u.IsEnabled).SingleAsync());
    }

    [Fact]
    public async Task Growing_the_synthetic_registry_adds_only_the_missing_persons()
    {
        await using var host = await CoreHost.CreateAsync(persons: 100);
        await host.Get<DemoSeeder>().SeedAsync(new SeedOptions { Persons = 250 });

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(253, await db.Persons.CountAsync());
        Assert.Equal(await db.IdentityDocuments.CountAsync(), await db.IdentityDocuments.Select(d => new { d.Type, d.Number, d.Complement }).Distinct().CountAsync());
    }
}
