using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Connections to the SQLite file wait for a busy write lock inside SQLite (polling in steps of 1–100 ms), not in
/// Microsoft.Data.Sqlite's 150 ms retry sleeps that would hold a whole group of audited queries behind one write.
/// </summary>
[Trait("Category", "Integration")]
public class SqliteBusyWaitTests
{
    [Fact]
    public async Task Every_connection_ef_core_opens_waits_for_the_lock_inside_sqlite_up_to_its_timeout()
    {
        await using var host = await CoreHost.CreateAsync(demo: false, persons: 10);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout";

        Assert.Equal(30_000L, (long)(await pragma.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_write_that_meets_another_connections_transaction_goes_through_once_it_commits()
    {
        await using var host = await CoreHost.CreateAsync(demo: false, persons: 10);
        var contexts = host.Get<IDbContextFactory<ConsultaDbContext>>();
        await using var holder = await contexts.CreateDbContextAsync();
        await holder.Database.ExecuteSqlRawAsync("CREATE TABLE BusyProbe (Id INTEGER)");
        await using var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("INSERT INTO BusyProbe VALUES (0)");

        await using var writer = await contexts.CreateDbContextAsync();
        // Microsoft.Data.Sqlite runs statements synchronously: the waiting write needs its own thread.
        var waiting = Task.Run(() => writer.Database.ExecuteSqlRaw("INSERT INTO BusyProbe VALUES (1)"));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await transaction.CommitAsync();

        Assert.Equal(1, await waiting);
        Assert.Equal(2, await holder.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM BusyProbe").SingleAsync());
    }
}
