using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>One audit record that touched a person, and how (disclosed or verified).</summary>
public sealed record PersonAuditRow(AuditRow Record, AuditSubjectKind Kind);

/// <summary>One page of the records that touched a person, newest first, and how many there are in all.</summary>
public sealed record PersonAuditPage(IReadOnlyList<PersonAuditRow> Rows, int Total);

/// <summary>
/// The persons linked to audit records (<see cref="AuditSubject"/>): loading them for the hash chain, and "which
/// queries touched this person" as a range scan of the (PersonId, AuditSequence) index.
/// </summary>
public static class AuditSubjects
{
    /// <summary>Sets <see cref="AuditRecord.Subjects"/> on a page of records ordered by sequence, in the hash's order (person id).</summary>
    public static async Task AttachAsync(ConsultaDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        long first = records[0].Sequence, last = records[^1].Sequence;
        var subjects = await db.AuditSubjects.AsNoTracking()
            .Where(s => s.AuditSequence >= first && s.AuditSequence <= last)
            .OrderBy(s => s.AuditSequence).ThenBy(s => s.PersonId)
            .ToListAsync(ct);
        if (subjects.Count == 0) return;
        var bySequence = subjects.GroupBy(s => s.AuditSequence).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var record in records)
            if (bySequence.TryGetValue(record.Sequence, out var own)) record.Subjects = own;
    }

    /// <summary>
    /// The records that disclosed or verified person <paramref name="personId"/>, newest first, optionally only those of
    /// one institution. No authorisation here: the calling service decides who may ask about whom.
    /// </summary>
    public static async Task<PersonAuditPage> PageAsync(ConsultaDbContext db, long personId, int? institutionId, int page, int pageSize, CancellationToken ct)
    {
        var links = db.AuditSubjects.AsNoTracking().Where(s => s.PersonId == personId);
        if (institutionId is { } own)
            links = links.Where(s => db.AuditRecords.Any(r => r.Sequence == s.AuditSequence && r.InstitutionId == own));
        var total = await links.CountAsync(ct);
        var rows = await links.OrderByDescending(s => s.AuditSequence)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Join(db.AuditRecords, s => s.AuditSequence, r => r.Sequence, (s, r) => new { Record = r, s.Kind })
            .ToListAsync(ct);
        var names = await AuditSearchService.NamesAsync(db, ct);
        return new PersonAuditPage(rows.Select(x => new PersonAuditRow(names.ToRow(x.Record), x.Kind)).ToList(), total);
    }
}
