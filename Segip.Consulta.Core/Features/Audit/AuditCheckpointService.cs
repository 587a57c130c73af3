using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Signs the chain head (last sequence and its hash) into an <see cref="AuditCheckpoint"/>. Without
/// SEGIP's private key nobody can produce a checkpoint, so a table rewritten from scratch with a
/// self-consistent fake chain still disagrees with the signed hashes.
/// <para>
/// The head is read from committed rows only: records are immutable once committed, so the pair
/// (sequence, hash) signed here stays true whatever other instances append afterwards. On PostgreSQL the
/// signing instance holds a transaction-scoped advisory lock, so instances sign one at a time (the others
/// skip that round); elsewhere two instances signing at once at most store two signatures of the same head,
/// which verify alike.
/// Each checkpoint is also written to the log, an off-database copy that survives a deleted table.
/// </para>
/// </summary>
public sealed class AuditCheckpointService(
    IDbContextFactory<ConsultaDbContext> contexts, AuditCheckpointSigner signer, TimeProvider time, ILogger<AuditCheckpointService> logger,
    Telemetry.ConsultaMetrics metrics)
{
    /// <summary>The PostgreSQL advisory lock key held while signing ("SEGIPCHK" in ASCII).</summary>
    public const long PostgresCheckpointLock = 0x5345474950434B48;

    /// <summary>
    /// Signs the current head for an actor who may (<see cref="StaffPermissions.CanSignAuditCheckpoints"/>);
    /// the value is null when the log is empty, the head is already signed, or another instance is signing.
    /// </summary>
    public async Task<ServiceResult<AuditCheckpoint?>> CreateAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanSignAuditCheckpoints()) return ServiceResult<AuditCheckpoint?>.Forbidden("No tiene permiso para firmar puntos de control de la bitácora.");
        return ServiceResult<AuditCheckpoint?>.Ok(await CreateAsync(ct));
    }

    /// <summary>The periodic worker's signing (and the tests'): no person is asking. Null when the log is empty, the head is already signed, or another instance is signing.</summary>
    internal async Task<AuditCheckpoint?> CreateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db is not PostgresConsultaDbContext) return await SignHeadAsync(db, ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({PostgresCheckpointLock}) AS \"Value\"").SingleAsync(ct);
            if (!locked) return null;
            var checkpoint = await SignHeadAsync(db, ct);
            await tx.CommitAsync(ct);
            return checkpoint;
        });
    }

    private async Task<AuditCheckpoint?> SignHeadAsync(ConsultaDbContext db, CancellationToken ct)
    {
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var lastSigned = await LastSequenceAsync(db, ct);
        if (lastSigned >= head.Sequence) return null;

        var checkpoint = signer.Sign(head.Sequence, head.Hash, AuditChain.StoredTime(time.GetUtcNow().UtcDateTime));
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        metrics.RecordCheckpoint(checkpoint.SignedUtc);
        logger.LogInformation("Punto de control de la bitácora firmado: secuencia {Sequence}, hash {Hash}, certificado {Thumbprint}",
            checkpoint.Sequence, Convert.ToHexString(checkpoint.Hash), checkpoint.CertificateThumbprint);
        return checkpoint;
    }

    /// <summary>Whether the periodic worker should sign now: enough new records, or enough time with some.</summary>
    public async Task<bool> IsDueAsync(AuditCheckpointOptions options, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var head = await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence)
            .Select(c => new { c.Sequence, c.SignedUtc }).FirstOrDefaultAsync(ct);
        if (last is not null) metrics.RecordCheckpoint(last.SignedUtc);
        var signedUpTo = last?.Sequence ?? 0;
        if (head <= signedUpTo) return false;
        if (head - signedUpTo >= options.EveryRecords) return true;
        var since = time.GetUtcNow().UtcDateTime - (last?.SignedUtc ?? DateTime.MinValue);
        return since >= TimeSpan.FromMinutes(options.IntervalMinutes);
    }

    /// <summary>When the newest checkpoint was signed (null: none yet), read from the database.</summary>
    public async Task<DateTime?> LastSignedUtcAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Select(c => (DateTime?)c.SignedUtc).FirstOrDefaultAsync(ct);
        if (last is { } signed) metrics.RecordCheckpoint(signed);
        return last;
    }

    private static async Task<long> LastSequenceAsync(ConsultaDbContext db, CancellationToken ct) =>
        await db.AuditCheckpoints.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
}
