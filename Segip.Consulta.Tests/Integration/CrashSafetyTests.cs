using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The app is killed with SIGKILL in the middle of a load: every call answered before the kill must
/// have its audit record, and the chain must verify after the restart (bench/run.sh --crash does the
/// same at scale). A second test runs two app processes on one database at once.
/// </summary>
[Trait("Category", "Integration")]
public class CrashSafetyTests
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    [Fact]
    public async Task Every_call_answered_before_a_kill_has_its_audit_record_and_the_chain_verifies()
    {
        await using var database = await ProcessDatabase.CreateAsync(Engine);
        using (var app = AppInstance.Start(database))
        {
            await app.WaitReadyAsync();
            var load = new QueryLoad(app.Port);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.NotEmpty(load.Answered);
            await app.KillAsync();
            await load.StopAsync();

            // The app starts again on the same database after the crash.
            using var again = AppInstance.Start(database, app.Port);
            await again.WaitReadyAsync();
            await again.KillAsync();
            await AssertAuditedAsync(database, load.Answered.ToList());
        }
    }

    [Fact]
    public async Task Two_instances_appending_at_once_keep_one_contiguous_chain()
    {
        await using var database = await ProcessDatabase.CreateAsync(Engine);
        using var first = AppInstance.Start(database);
        await first.WaitReadyAsync();
        using var second = AppInstance.Start(database);
        await second.WaitReadyAsync();

        var loads = new[] { new QueryLoad(first.Port, 8), new QueryLoad(second.Port, 8) };
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var load in loads) await load.StopAsync();
        await first.KillAsync();
        await second.KillAsync();

        Assert.All(loads, l => Assert.NotEmpty(l.Answered));
        await using var db = database.CreateContext();
        var sequences = await db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        await AssertAuditedAsync(database, loads.SelectMany(l => l.Answered).ToList());
    }

    /// <summary>Every answered call has its record, and <c>verify-audit</c> accepts the chain.</summary>
    private static async Task AssertAuditedAsync(ProcessDatabase database, IReadOnlyCollection<Guid> answered)
    {
        await using (var db = database.CreateContext())
        {
            var recorded = (await db.AuditRecords.Select(r => r.QueryId).ToListAsync()).ToHashSet();
            var missing = answered.Where(id => !recorded.Contains(id)).ToList();
            Assert.Empty(missing);
            Assert.True(recorded.Count >= answered.Count);
        }
        var verify = await AppProcess.RunAsync(database.Environment, null, "verify-audit");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Errors);
    }
}
