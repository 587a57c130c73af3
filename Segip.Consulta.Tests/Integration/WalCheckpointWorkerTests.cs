using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The WAL is copied into the database file in the background, not inside the audit writer's commits.</summary>
[Trait("Category", "Integration")]
public class WalCheckpointWorkerTests : IAsyncLifetime
{
    private CoreHost host = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 0);
        // Start from a database file that holds the schema and seed data but no audit record.
        using var conn = new SqliteConnection(host.Get<DatabaseSettings>().ConnectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        cmd.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task AppendAsync(int count)
    {
        var log = host.Get<AuditLog>();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync(new AuditEntry
        {
            Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {1000 + i}", Result = QueryResult.NotFound,
        })));
    }

    /// <summary>Audit records readable from the database file alone, as if the WAL were lost.</summary>
    private long RecordsInTheDatabaseFile()
    {
        var copy = Path.Combine(host.Folder, $"copia-{Guid.NewGuid():N}.db");
        File.Copy(host.DatabasePath, copy);
        using var conn = new SqliteConnection($"Data Source={copy};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM AuditRecords";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task The_audit_writer_leaves_the_copy_to_the_worker_and_the_worker_makes_it()
    {
        await AppendAsync(200);
        // Without the worker the records are durable in the WAL but not yet in the database file.
        Assert.Equal(0, RecordsInTheDatabaseFile());

        using var worker = new WalCheckpointWorker(host.Get<DatabaseSettings>(), NullLogger<WalCheckpointWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        await Task.Delay(WalCheckpointWorker.Interval * 4);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(200, RecordsInTheDatabaseFile());
    }
}
