using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AuditLogConcurrencyTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(engine: Engine);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Fifty_concurrent_queries_each_have_exactly_one_committed_record_and_the_chain_verifies()
    {
        int bank, expired;
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
            expired = await db.Institutions.Where(i => i.Name == "Cooperativa Demo Vencida Ltda.").Select(i => i.Id).SingleAsync();
        }
        var gate = host.Get<QueryGate>();

        // A mix of answered and refused queries, all released together.
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.Task;
            var caller = new QueryCaller
            {
                Channel = i % 2 == 0 ? Channel.Web : Channel.WebService,
                InstitutionId = i % 10 == 9 ? expired : bank,
                EndUserCode = i % 7 == 6 ? "BD-002" : "BD-001",
            };
            var number = i % 3 == 0 ? "1234567" : (2_000_000 + 7 * i).ToString();
            return await gate.ExecuteAsync(caller, new QueryRequest { DocumentType = "CI", DocumentNumber = number, Purpose = $"Prueba concurrente {i}" });
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Contains(outcomes, o => o.Result == QueryResult.Found);
        Assert.Contains(outcomes, o => o.Result == QueryResult.Refused);
        await using var check = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var records = await check.AuditRecords.AsNoTracking().ToListAsync();
        Assert.Equal(50, records.Count);
        Assert.Equal(outcomes.Select(o => o.QueryId).Order(), records.Select(r => r.QueryId).Order());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), records.Select(r => r.Sequence).Order());
        foreach (var o in outcomes)
            Assert.Equal(o.Result, records.Single(r => r.QueryId == o.QueryId).Result);

        var verification = await host.Get<AuditVerifier>().VerifyAsync();
        Assert.True(verification.IsIntact, verification.Message);
        Assert.Equal(50, verification.Count);
    }

    [Fact]
    public async Task Two_app_instances_appending_to_one_database_keep_one_unbroken_chain()
    {
        // Two independent appenders (as two processes would have) on the same SQLite file.
        var settings = host.Get<DatabaseSettings>();
        await using var first = new AuditLog(settings, TimeProvider.System, NullLogger<AuditLog>.Instance);
        await using var second = new AuditLog(settings, TimeProvider.System, NullLogger<AuditLog>.Instance);

        var appends = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).AppendAsync(new AuditEntry
        {
            Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {i}", Result = QueryResult.NotFound,
        }));
        var records = await Task.WhenAll(appends);

        Assert.Equal(200, records.Select(r => r.Sequence).Distinct().Count());
        var verification = await host.Get<AuditVerifier>().VerifyAsync();
        Assert.True(verification.IsIntact, verification.Message);
        Assert.Equal(200, verification.Count);
    }

    [Fact]
    public async Task Verification_names_the_first_edited_deleted_or_inserted_record()
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < 10; i++)
            await log.AppendAsync(new AuditEntry { Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {i}", Result = QueryResult.NotFound });
        var verifier = host.Get<AuditVerifier>();
        Assert.True((await verifier.VerifyAsync()).IsIntact);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"Purpose\" = 'alterado' WHERE \"Sequence\" = 4");
        var edited = await verifier.VerifyAsync();
        Assert.Equal(4, edited.FirstBadSequence);
        Assert.Equal(3, edited.Count);
    }

    [Fact]
    public async Task Deleting_a_record_is_detected_at_the_gap()
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < 6; i++)
            await log.AppendAsync(new AuditEntry { Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {i}", Result = QueryResult.NotFound });
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 3");

        Assert.Equal(3, (await host.Get<AuditVerifier>().VerifyAsync()).FirstBadSequence);
    }
}
