using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>
/// "Who consulted my data": the queries that disclosed or verified the signed-in citizen's data, newest
/// first, without the officer's identity or address, and without the queries of agreements reserved by
/// law. Only a citizen actor is served, and only about their own person: the person comes from the
/// actor (the provider's verified document), never from the request.
/// </summary>
public sealed class CitizenQueryService(IDbContextFactory<ConsultaDbContext> contexts)
{
    /// <summary>The PDF and CSV hold at most this many queries (a person is queried far fewer times).</summary>
    public const int ExportLimit = 10_000;

    public async Task<ServiceResult<CitizenQueryPage>> SearchAsync(Actor actor, CitizenQueryFilter filter, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return ServiceResult<CitizenQueryPage>.Forbidden();
        if (filter.Year is { } year && (year < 2000 || year > 2100))
            return ServiceResult<CitizenQueryPage>.Invalid(nameof(CitizenQueryFilter.Year), "Elija un año válido.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Filtered(db, actor.PersonId!.Value, filter);
        var total = await query.CountAsync(ct);
        var rows = await Project(db, actor.PersonId.Value, query.OrderByDescending(r => r.Sequence).Skip(filter.Skip).Take(filter.Take)).ToListAsync(ct);
        return ServiceResult<CitizenQueryPage>.Ok(new(rows, total));
    }

    /// <summary>Every query of the filter (up to <see cref="ExportLimit"/>), newest first, for the PDF and the CSV.</summary>
    public async IAsyncEnumerable<CitizenQueryRow> StreamAsync(Actor actor, CitizenQueryFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!actor.IsCitizen) yield break;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Filtered(db, actor.PersonId!.Value, filter).OrderByDescending(r => r.Sequence).Take(ExportLimit);
        await foreach (var row in Project(db, actor.PersonId.Value, query).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    public async Task<CitizenFilterOptions> FilterOptionsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return new([], []);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var visible = Visible(db, actor.PersonId!.Value);
        var institutionIds = visible.Where(r => r.InstitutionId != null).Select(r => r.InstitutionId!.Value).Distinct();
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).OrderBy(i => i.Name)
            .Select(i => new NamedOption(i.Id, i.Name)).ToListAsync(ct);
        var span = await visible.GroupBy(_ => 1).Select(g => new { First = g.Min(r => r.TimestampUtc), Last = g.Max(r => r.TimestampUtc) }).FirstOrDefaultAsync(ct);
        var years = span is null ? [] : Enumerable.Range(BoliviaClock.ToLocal(span.First).Year,
            BoliviaClock.ToLocal(span.Last).Year - BoliviaClock.ToLocal(span.First).Year + 1).Reverse().ToList();
        return new(institutions, years);
    }

    /// <summary>Whether the record is one the citizen may see (and so dispute): about them, and not reserved.</summary>
    internal static Task<bool> IsVisibleToAsync(ConsultaDbContext db, long personId, long sequence, CancellationToken ct) =>
        Visible(db, personId).AnyAsync(r => r.Sequence == sequence, ct);

    /// <summary>
    /// The audit records that disclosed or verified the person: the record's subject link (<see cref="AuditSubject"/>),
    /// read from its (PersonId, AuditSequence) index, never a document number the citizen could share with another person.
    /// </summary>
    private static IQueryable<AuditRecord> AboutPerson(ConsultaDbContext db, long personId) =>
        db.AuditSubjects.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.AuditRecords.AsNoTracking(), s => s.AuditSequence, r => r.Sequence, (_, r) => r);

    /// <summary>The person's records minus those of agreements reserved by law (whether reserved before or after the query).</summary>
    private static IQueryable<AuditRecord> Visible(ConsultaDbContext db, long personId) =>
        AboutPerson(db, personId).Where(r => r.AgreementId == null || !db.Agreements.Any(a => a.Id == r.AgreementId && a.IsReserved));

    private static IQueryable<AuditRecord> Filtered(ConsultaDbContext db, long personId, CitizenQueryFilter filter)
    {
        var query = Visible(db, personId);
        if (filter.Year is { } year)
        {
            var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc) - BoliviaClock.Offset;
            var to = from.AddYears(1);
            query = query.Where(r => r.TimestampUtc >= from && r.TimestampUtc < to);
        }
        if (filter.InstitutionId is { } institution) query = query.Where(r => r.InstitutionId == institution);
        return query;
    }

    private static IQueryable<CitizenQueryRow> Project(ConsultaDbContext db, long personId, IQueryable<AuditRecord> records) =>
        records.Select(r => new CitizenQueryRow(r.Sequence, r.TimestampUtc,
            db.Institutions.Where(i => i.Id == r.InstitutionId).Select(i => i.Name).FirstOrDefault() ?? "SEGIP",
            r.Channel, r.QueryType, r.Purpose, r.ConsentReference, r.DisclosedFields, r.Result,
            db.DisputeCases.Where(c => c.PersonId == personId && c.AuditSequence == r.Sequence).Select(c => (long?)c.Id).FirstOrDefault()));
}
