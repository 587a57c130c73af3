using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// The outcome of recomputing the chain: how many records, the first one that does not match, and how
/// many signed checkpoints it passed through.
/// </summary>
public sealed record ChainVerification(long Count, long? FirstBadSequence, string Message)
{
    public bool IsIntact => FirstBadSequence is null;
    /// <summary>Checkpoints whose signature and hash were checked against the recomputed chain.</summary>
    public int CheckpointsVerified { get; init; }
    /// <summary>The highest signed sequence the chain passed through; records after it rely on the hash chain alone.</summary>
    public long? LastCheckpointSequence { get; init; }
    /// <summary>First and last sequence examined (from a trusted checkpoint when verifying a range).</summary>
    public long FromSequence { get; init; } = 1;
    public long ToSequence { get; init; }
}

/// <summary>
/// Recomputes the hash chain and checks it against the signed checkpoints. The chain alone detects an
/// edited, deleted or inserted record; the checkpoints (signed with SEGIP's key) detect a table
/// rewritten whole with a self-consistent fake chain, and records deleted from the end up to a
/// checkpoint. A range can be verified from the last authentic checkpoint before it, whose signed hash
/// is trusted as the starting point, so a report need not rehash the whole log.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<ConsultaDbContext> contexts, AuditCheckpointSigner signer)
{
    /// <summary>
    /// Verifies the whole log, or the records from <paramref name="fromSequence"/> to <paramref name="toSequence"/>,
    /// for an actor who may (<see cref="StaffPermissions.CanVerifyAudit"/>).
    /// </summary>
    public async Task<ServiceResult<ChainVerification>> VerifyAsync(Actor actor, long? fromSequence = null, long? toSequence = null, CancellationToken ct = default)
    {
        if (!actor.CanVerifyAudit()) return ServiceResult<ChainVerification>.Forbidden("No tiene permiso para verificar la bitácora.");
        return ServiceResult<ChainVerification>.Ok(await VerifyAsync(fromSequence, toSequence, ct));
    }

    /// <summary>Core's own verification, for callers that authorised the request already (an export's scope, the tests).</summary>
    internal async Task<ChainVerification> VerifyAsync(long? fromSequence = null, long? toSequence = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(ct);
        var forged = checkpoints.FirstOrDefault(c => !signer.IsAuthentic(c));
        if (forged is not null)
        {
            return new(0, forged.Sequence,
                $"El punto de control de la secuencia {forged.Sequence} no tiene una firma válida del certificado del SEGIP: los puntos de control fueron alterados.")
            { ToSequence = forged.Sequence };
        }

        var anchor = fromSequence is { } from ? checkpoints.LastOrDefault(c => c.Sequence < from) : null;
        var previous = anchor?.Hash ?? AuditChain.GenesisHash;
        long expected = (anchor?.Sequence ?? 0) + 1, count = 0;
        var start = expected;
        var segmentStart = expected;
        var bySequence = checkpoints.ToLookup(c => c.Sequence);
        var verifiedCheckpoints = 0;
        long? lastCheckpoint = null;

        await foreach (var record in RecordsAsync(db, start, toSequence, ct))
        {
            if (record.Sequence != expected)
            {
                return Fail(count, expected, start, verifiedCheckpoints, lastCheckpoint,
                    record.Sequence > expected
                        ? $"Falta el registro {expected} (la secuencia salta a {record.Sequence})."
                        : $"El registro {record.Sequence} está fuera de orden.");
            }
            // A version this code does not know, or persons linked to a record whose encoding predates them, were not
            // written by the application.
            if (!AuditColumns.IsKnownVersion(record.HashVersion) || (record.HashVersion < AuditChainVersion.WithSubjects && record.Subjects.Count > 0))
                return Fail(count, record.Sequence, start, verifiedCheckpoints, lastCheckpoint,
                    $"El registro {record.Sequence} no coincide con la cadena: su versión de codificación ({record.HashVersion}) o sus personas vinculadas fueron alteradas.");
            var hash = AuditChain.ComputeHash(previous, record);
            if (!hash.AsSpan().SequenceEqual(record.Hash))
                return Fail(count, record.Sequence, start, verifiedCheckpoints, lastCheckpoint,
                    $"El registro {record.Sequence} no coincide con la cadena: fue alterado, insertado o el anterior fue eliminado.");
            foreach (var checkpoint in bySequence[record.Sequence])
            {
                if (!checkpoint.Hash.AsSpan().SequenceEqual(hash))
                    return Fail(count, segmentStart, start, verifiedCheckpoints, lastCheckpoint,
                        $"La cadena recalculada no pasa por el punto de control firmado de la secuencia {record.Sequence}: " +
                        $"los registros {segmentStart} a {record.Sequence} fueron reescritos; el primero que no puede probarse es el {segmentStart}.");
                verifiedCheckpoints++;
                lastCheckpoint = record.Sequence;
                segmentStart = record.Sequence + 1;
            }
            previous = hash;
            expected++;
            count++;
        }

        // Records deleted from the end leave a checkpoint that signs more than the table holds.
        var reach = toSequence is { } limit ? checkpoints.Where(c => c.Sequence <= limit) : checkpoints;
        var highestSigned = reach.Select(c => (long?)c.Sequence).Max();
        if (highestSigned is { } signed && signed >= expected)
            return Fail(count, expected, start, verifiedCheckpoints, lastCheckpoint,
                $"Faltan registros: el punto de control firmado de la secuencia {signed} certifica registros que ya no existen a partir del {expected}.");

        var scope = fromSequence is null && toSequence is null
            ? $"{count} registros verificados"
            : $"{count} registros verificados (secuencias {start} a {expected - 1})";
        var signedText = verifiedCheckpoints == 0
            ? "sin puntos de control firmados en el tramo"
            : $"{verifiedCheckpoints} puntos de control firmados válidos, el último en la secuencia {lastCheckpoint}";
        return new(count, null, $"Cadena íntegra: {scope}; {signedText}.")
        {
            CheckpointsVerified = verifiedCheckpoints, LastCheckpointSequence = lastCheckpoint, FromSequence = start, ToSequence = expected - 1,
        };
    }

    /// <summary>
    /// The status of one record: its segment, from the last checkpoint before it to the first one at or
    /// after it (or to the record itself when none has been signed yet). For whoever may read the record
    /// (<see cref="StaffPermissions.CanReadAudit"/>; an institution admin its own institution's only).
    /// </summary>
    public async Task<ServiceResult<ChainVerification>> VerifyRecordAsync(Actor actor, long sequence, CancellationToken ct = default)
    {
        if (!actor.CanReadAudit()) return ServiceResult<ChainVerification>.Forbidden("No tiene permiso para verificar la bitácora.");
        long? next;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // Another institution's record answers like a missing one, as its search does.
            var readable = actor.CanReadAllAudit()
                || await db.AuditRecords.AnyAsync(r => r.Sequence == sequence && r.InstitutionId == actor.InstitutionId, ct);
            if (!readable) return ServiceResult<ChainVerification>.NotFound($"No existe el registro {sequence} en la bitácora.");
            next = await db.AuditCheckpoints.Where(c => c.Sequence >= sequence).MinAsync(c => (long?)c.Sequence, ct);
        }
        return ServiceResult<ChainVerification>.Ok(await VerifyAsync(sequence, next ?? sequence, ct));
    }

    private const int PageSize = 2000;

    /// <summary>
    /// The records from <paramref name="start"/> in sequence order, each with its subjects, read a page at a time: the
    /// subjects of a page are read after its records, so they include every subject those records were committed with.
    /// </summary>
    private static async IAsyncEnumerable<AuditRecord> RecordsAsync(ConsultaDbContext db, long start, long? to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var next = start;
        while (true)
        {
            var query = db.AuditRecords.AsNoTracking().Where(r => r.Sequence >= next);
            if (to is { } last) query = query.Where(r => r.Sequence <= last);
            var page = await query.OrderBy(r => r.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) yield break;
            await AuditSubjects.AttachAsync(db, page, ct);
            foreach (var record in page) yield return record;
            next = page[^1].Sequence + 1;
        }
    }

    private static ChainVerification Fail(long count, long firstBad, long start, int checkpoints, long? lastCheckpoint, string message) =>
        new(count, firstBad, message)
        {
            CheckpointsVerified = checkpoints, LastCheckpointSequence = lastCheckpoint, FromSequence = start, ToSequence = firstBad,
        };
}
