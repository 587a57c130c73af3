using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>The outcome of recomputing the chain: how many records, and the first one that does not match.</summary>
public sealed record ChainVerification(long Count, long? FirstBadSequence, string Message)
{
    public bool IsIntact => FirstBadSequence is null;
}

/// <summary>Recomputes the hash chain from the first record; detects edited, deleted and inserted records.</summary>
public sealed class AuditVerifier(IDbContextFactory<ConsultaDbContext> contexts)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var previous = AuditChain.GenesisHash;
        long expected = 1, count = 0;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (record.Sequence != expected)
            {
                return new(count, expected,
                    record.Sequence > expected
                        ? $"Falta el registro {expected} (la secuencia salta a {record.Sequence})."
                        : $"El registro {record.Sequence} está fuera de orden.");
            }
            var hash = AuditChain.ComputeHash(previous, record);
            if (!hash.AsSpan().SequenceEqual(record.Hash))
                return new(count, record.Sequence, $"El registro {record.Sequence} no coincide con la cadena: fue alterado, insertado o el anterior fue eliminado.");
            previous = hash;
            expected++;
            count++;
        }
        return new(count, null, $"Cadena íntegra: {count} registros verificados.");
    }
}
