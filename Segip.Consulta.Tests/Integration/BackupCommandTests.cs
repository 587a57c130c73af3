using Microsoft.Data.Sqlite;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary><c>backup --out FILE</c>: SQLite's online backup, taken while the app holds recent records in the WAL.</summary>
[Trait("Category", "Integration")]
public class BackupCommandTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(demo: false);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Dictionary<string, string> Environment(string database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Consulta"] = $"Data Source={database}",
        ["Seed__Demo"] = "false",
    };

    [Fact]
    public async Task The_copy_holds_the_records_still_in_the_wal_and_its_chain_verifies()
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < 25; i++)
            await log.AppendAsync(new AuditEntry
            {
                Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {5000 + i}", DocumentNumber = $"{5000 + i}",
                Purpose = "Copia de seguridad", Result = QueryResult.NotFound,
            });
        // The audit writer's connection is still open: the records live in the WAL, not yet in the main file.
        Assert.True(new FileInfo(host.DatabasePath + "-wal").Length > 0);
        var target = Path.Combine(host.Folder, "copias", "consulta-copia.db");

        var backup = await AppProcess.RunAsync(Environment(host.DatabasePath), null, "backup", "--out", target);

        Assert.True(backup.ExitCode == 0, backup.Output + backup.Errors);
        Assert.Contains("25 registros de bitácora", backup.Output);
        await using (var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var count = copy.CreateCommand();
            count.CommandText = "SELECT count(*) FROM AuditRecords";
            Assert.Equal(25L, await count.ExecuteScalarAsync());
        }
        var verify = await AppProcess.RunAsync(Environment(target), null, "verify-audit");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Errors);

        var again = await AppProcess.RunAsync(Environment(host.DatabasePath), null, "backup", "--out", target);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("una copia nunca se sobrescribe", again.Errors);
    }
}
