using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The chain and its signed checkpoints against each kind of tampering with the table.</summary>
[Trait("Category", "Integration")]
public class AuditIntegrityTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(persons: 50, engine: Engine);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private AuditVerifier Verifier => host.Get<AuditVerifier>();
    private AuditCheckpointService Checkpoints => host.Get<AuditCheckpointService>();

    private async Task AppendAsync(int count)
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < count; i++)
            await log.AppendAsync(new AuditEntry
            {
                Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {1000 + i}", DocumentNumber = $"{1000 + i}",
                Purpose = "Verificación de identidad", Result = QueryResult.NotFound,
            });
    }

    /// <summary>Appends each batch of records and signs a checkpoint after it.</summary>
    private async Task AppendSignedAsync(params int[] batches)
    {
        foreach (var count in batches)
        {
            await AppendAsync(count);
            await Checkpoints.CreateAsync();
        }
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task A_clean_log_with_checkpoints_verifies_through_every_checkpoint()
    {
        await AppendAsync(4);
        Assert.Equal(4, (await Checkpoints.CreateAsync())!.Sequence);
        Assert.Null(await Checkpoints.CreateAsync());
        await AppendAsync(3);
        Assert.Equal(7, (await Checkpoints.CreateAsync())!.Sequence);
        await AppendAsync(2);

        var result = await Verifier.VerifyAsync();

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(9, result.Count);
        Assert.Equal(2, result.CheckpointsVerified);
        Assert.Equal(7, result.LastCheckpointSequence);
        Assert.Contains("2 puntos de control firmados válidos", result.Message);
    }

    [Fact]
    public async Task An_sql_update_is_named_by_its_sequence()
    {
        await AppendAsync(8);
        await Checkpoints.CreateAsync();
        await SqlAsync("UPDATE \"AuditRecords\" SET \"Result\" = 'ENCONTRADO' WHERE \"Sequence\" = 5");

        var result = await Verifier.VerifyAsync();

        Assert.Equal(5, result.FirstBadSequence);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public async Task A_deleted_record_is_named_at_the_gap()
    {
        await AppendAsync(6);
        await SqlAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 2");

        var result = await Verifier.VerifyAsync();

        Assert.Equal(2, result.FirstBadSequence);
        Assert.Contains("Falta el registro 2", result.Message);
    }

    [Fact]
    public async Task An_inserted_record_is_named_where_it_was_slipped_in()
    {
        await AppendAsync(5);
        // Make room after record 2 and slip in a copy of record 1 as record 3, hash included.
        for (var s = 5; s >= 3; s--) await SqlAsync($"UPDATE \"AuditRecords\" SET \"Sequence\" = {s + 1} WHERE \"Sequence\" = {s}");
        await SqlAsync("""
            INSERT INTO "AuditRecords" ("Sequence", "ConsultaId", "TimestampUtc", "InstitutionId", "AgreementId", "AccessLevelId", "EndUserCode", "Channel", "ClientIp",
                "QueryType", "SearchKeys", "DocumentNumber", "Purpose", "ConsentReference", "Result", "RefusalReason", "DisclosedFields", "CertificateNumber", "CorrelationId", "Hash")
            SELECT 3, 'A0000000-0000-0000-0000-000000000003', "TimestampUtc", "InstitutionId", "AgreementId", "AccessLevelId", "EndUserCode", "Channel", "ClientIp",
                "QueryType", 'CI 7654321', '7654321', "Purpose", "ConsentReference", "Result", "RefusalReason", "DisclosedFields", "CertificateNumber", "CorrelationId", "Hash"
            FROM "AuditRecords" WHERE "Sequence" = 1
            """);

        var result = await Verifier.VerifyAsync();

        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task Deleting_the_last_records_after_a_checkpoint_is_detected()
    {
        await AppendAsync(6);
        await Checkpoints.CreateAsync();
        await SqlAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" >= 5");

        var result = await Verifier.VerifyAsync();

        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("Faltan registros", result.Message);
    }

    [Fact]
    public async Task A_full_rewrite_with_a_recomputed_chain_is_detected_by_the_signed_checkpoint()
    {
        await AppendSignedAsync(5, 5);
        await AppendAsync(2);

        // The forger knows the chain's algorithm but not SEGIP's key: change record 7, rehash everything.
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var records = await db.AuditRecords.OrderBy(r => r.Sequence).ToListAsync();
            records.Single(r => r.Sequence == 7).Purpose = "Finalidad reescrita";
            var previous = AuditChain.GenesisHash;
            foreach (var r in records)
            {
                r.Hash = AuditChain.ComputeHash(previous, r);
                previous = r.Hash;
            }
            await db.SaveChangesAsync();
        }
        var chainOnly = await Verifier.VerifyAsync(toSequence: 4);
        Assert.True(chainOnly.IsIntact, "los registros anteriores no cambiaron");

        var result = await Verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Equal(1, result.CheckpointsVerified);
        Assert.Contains("punto de control firmado de la secuencia 10", result.Message);
    }

    [Fact]
    public async Task A_rewrite_that_also_re_signs_the_checkpoints_with_another_key_is_detected()
    {
        await AppendAsync(3);
        await Checkpoints.CreateAsync();
        var forger = new AuditCheckpointSigner(FakeSigning());
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var checkpoint = await db.AuditCheckpoints.SingleAsync();
            var forged = forger.Sign(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedUtc);
            checkpoint.Signature = forged.Signature;
            await db.SaveChangesAsync();
        }

        var result = await Verifier.VerifyAsync();

        Assert.Equal(3, result.FirstBadSequence);
        Assert.Contains("no tiene una firma válida", result.Message);
    }

    [Fact]
    public async Task A_range_is_verified_from_the_checkpoint_before_it_and_one_record_shows_its_status()
    {
        await AppendSignedAsync(5, 5);

        var range = await Verifier.VerifyAsync(7, 8);
        Assert.True(range.IsIntact, range.Message);
        Assert.Equal(6, range.FromSequence);
        Assert.Equal(8, range.ToSequence);

        await SqlAsync("UPDATE \"AuditRecords\" SET \"EndUserCode\" = 'X' WHERE \"Sequence\" = 8");
        Assert.Equal(8, (await Verifier.VerifyRecordAsync(Auditor, 7)).Value!.FirstBadSequence);
        Assert.True((await Verifier.VerifyRecordAsync(Auditor, 3)).Value!.IsIntact);
        // An institution admin verifies only its own institution's records; these are SEGIP's own.
        var institutionAdmin = new Actor("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, 1);
        Assert.Equal(ServiceStatus.NotFound, (await Verifier.VerifyRecordAsync(institutionAdmin, 3)).Status);
    }

    private static readonly Actor Auditor = new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);

    /// <summary>Records 1..count as the first release wrote them: encoding version 1, no document columns, no subjects.</summary>
    private async Task WriteVersion1Async(int count)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var previous = AuditChain.GenesisHash;
        for (var s = 1; s <= count; s++)
        {
            var record = new AuditRecord
            {
                Sequence = s, QueryId = Guid.NewGuid(), TimestampUtc = AuditChain.StoredTime(DateTime.UtcNow.AddMinutes(-10 + s)),
                Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {2000 + s}", DocumentNumber = $"{2000 + s}",
                Result = QueryResult.NotFound, HashVersion = AuditChainVersion.Original, Hash = [],
            };
            record.Hash = AuditChain.ComputeHash(previous, record);
            previous = record.Hash;
            db.AuditRecords.Add(record);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Version-2 records that disclose person 500 + i and carry the document columns and an answer digest.</summary>
    private async Task AppendWithSubjectsAsync(int count)
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < count; i++)
            await log.AppendAsync(new AuditEntry
            {
                Channel = Channel.Web, QueryType = QueryType.Document, SearchKeys = $"CI {3000 + i}-1A", DocumentNumber = $"{3000 + i}",
                DocumentType = DocumentType.IdentityCard, DocumentComplement = "1A", Result = QueryResult.Found, DisclosedFields = "nombres",
                AnswerSha256 = Enumerable.Repeat((byte)i, 32).ToArray(),
                Subjects = [new AuditSubjectRef(500 + i, AuditSubjectKind.Disclosed), new AuditSubjectRef(900, AuditSubjectKind.Disclosed)],
            });
    }

    [Fact]
    public async Task A_chain_of_version_1_records_continued_with_version_2_records_verifies()
    {
        await WriteVersion1Async(3);
        await AppendWithSubjectsAsync(3);
        await Checkpoints.CreateAsync();

        var result = await Verifier.VerifyAsync();

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(6, result.Count);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal([1, 1, 1, 2, 2, 2], await db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.HashVersion).ToListAsync());
        Assert.Equal(6, await db.AuditSubjects.CountAsync());
    }

    [Theory]
    [InlineData("UPDATE \"AuditRecords\" SET \"DocumentType\" = 'CIE' WHERE \"Sequence\" = 5")]
    [InlineData("UPDATE \"AuditRecords\" SET \"DocumentComplement\" = '' WHERE \"Sequence\" = 5")]
    [InlineData("UPDATE \"AuditRecords\" SET \"AnswerSha256\" = NULL WHERE \"Sequence\" = 5")]
    [InlineData("UPDATE \"AuditRecords\" SET \"HashVersion\" = 1 WHERE \"Sequence\" = 5")]
    [InlineData("UPDATE \"AuditSubjects\" SET \"Kind\" = 'Verified' WHERE \"AuditSequence\" = 5 AND \"PersonId\" = 501")]
    [InlineData("UPDATE \"AuditSubjects\" SET \"PersonId\" = 777 WHERE \"AuditSequence\" = 5 AND \"PersonId\" = 501")]
    [InlineData("DELETE FROM \"AuditSubjects\" WHERE \"AuditSequence\" = 5 AND \"PersonId\" = 900")]
    [InlineData("INSERT INTO \"AuditSubjects\" (\"AuditSequence\", \"PersonId\", \"Kind\") VALUES (5, 12345, 'Disclosed')")]
    [InlineData("INSERT INTO \"AuditSubjects\" (\"AuditSequence\", \"PersonId\", \"Kind\") VALUES (2, 12345, 'Disclosed')")]
    public async Task Tampering_with_a_version_2_column_or_a_linked_person_is_detected(string tamper)
    {
        await WriteVersion1Async(3);
        await AppendWithSubjectsAsync(4);
        Assert.True((await Verifier.VerifyAsync()).IsIntact);

        await SqlAsync(tamper);
        var result = await Verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(tamper.Contains("VALUES (2,") ? 2 : 5, result.FirstBadSequence);
    }

    private static SigningCertificate FakeSigning() => SigningCertificate.FromCertificate(SigningCertificate.CreateSelfSigned());
}
