using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Two app instances on one PostgreSQL database: an agreement suspended on one is refused by the other within a
/// second (LISTEN/NOTIFY), well before the 5 s cache expiry that is only the safety net; and they sign the audit log's
/// head once.
/// </summary>
[Trait("Category", "Integration")]
public class InstanceSignalTests : IAsyncLifetime
{
    private CoreHost first = default!, second = default!;

    public InstanceSignalTests() => TestPostgres.RequireServer();

    public async ValueTask InitializeAsync()
    {
        first = await CoreHost.CreateAsync(persons: 10, engine: Engine.Postgres);
        second = await CoreHost.AttachAsync(first);
    }

    public async ValueTask DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task An_agreement_suspended_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        int bank;
        await using (var db = await first.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
        var caller = new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" };
        var request = new QueryRequest { DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Prueba entre instancias" };
        // The second instance has the agreement in its cache.
        Assert.Equal(QueryResult.Found, (await second.Get<QueryGate>().ExecuteAsync(caller, request)).Result);
        var seen = second.Get<AccessChangeSignal>().Version;

        await using (var db = await first.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var agreement = await db.Agreements.SingleAsync(a => a.Number == "CONV-DEMO-0001");
            agreement.Status = AgreementStatus.Suspended;
            await db.SaveChangesAsync();
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (second.Get<AccessChangeSignal>().Version == seen && watch.Elapsed < TimeSpan.FromSeconds(1)) await Task.Delay(20);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "El aviso de cambio no llegó a la otra instancia en 1 s.");
        var outcome = await second.Get<QueryGate>().ExecuteAsync(caller, request);
        Assert.Equal(RefusalReason.AgreementNotInForce, outcome.Refusal);
    }

    // Signed checkpoints are written by one instance at a time (issue 12).
    [Fact]
    public async Task While_one_instance_signs_the_other_writes_nothing_and_racing_they_write_one_checkpoint()
    {
        var head = await QueryAsync();

        // Another instance signing: its transaction holds the checkpoint lock until it ends.
        await using (var other = await first.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            await using var signing = await other.Database.BeginTransactionAsync();
            await other.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditCheckpointService.PostgresCheckpointLock})");
            Assert.Null(await second.Get<AuditCheckpointService>().CreateAsync());
            Assert.Equal(0, await CheckpointsAtAsync(head));
        }

        var signed = await Task.WhenAll(first.Get<AuditCheckpointService>().CreateAsync(), second.Get<AuditCheckpointService>().CreateAsync());

        Assert.Single(signed, c => c is not null);
        Assert.Equal(1, await CheckpointsAtAsync(head));
    }

    /// <summary>One answered query; returns the log's head sequence.</summary>
    private async Task<long> QueryAsync()
    {
        await using var db = await first.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
        var outcome = await first.Get<QueryGate>().ExecuteAsync(new QueryCaller { Channel = Channel.Web, InstitutionId = bank, EndUserCode = "BD-001" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Prueba de puntos de control" });
        Assert.Equal(QueryResult.Found, outcome.Result);
        return await db.AuditRecords.MaxAsync(r => r.Sequence);
    }

    private async Task<int> CheckpointsAtAsync(long sequence)
    {
        await using var db = await first.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.AuditCheckpoints.CountAsync(c => c.Sequence == sequence);
    }
}
