using System.Runtime.CompilerServices;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// A validated filter the actor is allowed to run, already narrowed to the actor's institution where the
/// role demands it. Only <see cref="AuditSearchService.Authorize"/> creates one, so every search, count and
/// export goes through the same scope check.
/// </summary>
public sealed class AuditScope
{
    internal AuditScope(AuditSearchFilter filter, Actor actor)
    {
        Filter = filter;
        Actor = actor;
    }

    public AuditSearchFilter Filter { get; }
    public Actor Actor { get; }
}

/// <summary>Totals of a search: how many records, per result, and the sequence and time span they cover.</summary>
public sealed record AuditSummary(int Total, IReadOnlyDictionary<QueryResult, int> ByResult,
    long? FirstSequence, long? LastSequence, DateTime? FirstUtc, DateTime? LastUtc);

/// <summary>
/// Searches the bitácora. Auditors and SEGIP administrators see every record; an institution
/// administrator only its own institution's, enforced here whatever the caller's screen sends.
/// </summary>
public sealed class AuditSearchService(IDbContextFactory<ConsultaDbContext> contexts, IValidator<AuditSearchFilter> validator)
{
    public const int MaxPageSize = 200;
    /// <summary>A search counts its matches up to this many; past it, the count only says "more than".</summary>
    public const int CountLimit = 10_000;

    /// <summary>Validates the filter and narrows it to what the actor may see.</summary>
    public ServiceResult<AuditScope> Authorize(Actor actor, AuditSearchFilter filter)
    {
        var data = filter.Normalized();
        var validation = validator.Validate(data);
        if (!validation.IsValid) return ServiceResult<AuditScope>.FromValidation(validation);
        if (actor.CanReadAllAudit()) return ServiceResult<AuditScope>.Ok(new AuditScope(data, actor));
        if (actor.CanAdministerOwnInstitution() && actor.InstitutionId is { } own)
        {
            if (data.InstitutionId is { } asked && asked != own)
                return ServiceResult<AuditScope>.Forbidden("Solo puede consultar la bitácora de su institución.");
            return ServiceResult<AuditScope>.Ok(new AuditScope(data with { InstitutionId = own }, actor));
        }
        return ServiceResult<AuditScope>.Forbidden("No tiene permiso para consultar la bitácora.");
    }

    /// <summary>
    /// One page of the search, newest first by default, and how many records match: counted up to
    /// <see cref="CountLimit"/>, beyond which the page says "más de 10 000" (<see cref="AuditPage.IsTotalCapped"/>);
    /// exports still write every record.
    /// </summary>
    public async Task<ServiceResult<AuditPage>> SearchAsync(Actor actor, AuditSearchFilter filter, AuditSort sort = AuditSort.Time,
        bool descending = true, int page = 0, int pageSize = 25, CancellationToken ct = default)
    {
        var scope = Authorize(actor, filter);
        if (!scope.IsOk) return Relay<AuditPage>(scope);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = await AuditQuery.CreateAsync(db, scope.Value!.Filter, ct);
        var (total, capped) = await query.CountAsync(scope.Value.Filter, CountLimit, ct);
        var records = await query.Sorted(sort, descending).Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(ct);
        var names = await NamesAsync(db, ct);
        return ServiceResult<AuditPage>.Ok(new AuditPage(records.Select(names.ToRow).ToList(), total) { IsTotalCapped = capped });
    }

    /// <summary>
    /// "Which queries touched this person": the records that disclosed or verified registry person
    /// <paramref name="personId"/>, newest first, one page; an institution administrator sees only its institution's.
    /// </summary>
    public async Task<ServiceResult<PersonAuditPage>> ByPersonAsync(Actor actor, long personId, int page = 0, int pageSize = 25, CancellationToken ct = default)
    {
        var scope = Authorize(actor, new AuditSearchFilter());
        if (!scope.IsOk) return Relay<PersonAuditPage>(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ServiceResult<PersonAuditPage>.Ok(await AuditSubjects.PageAsync(db, personId, scope.Value!.Filter.InstitutionId,
            page, Math.Clamp(pageSize, 1, MaxPageSize), ct));
    }

    /// <summary>The exact number of records a search matches (for exports, which write them all; it may read the whole range).</summary>
    public async Task<int> CountAsync(AuditScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = await AuditQuery.CreateAsync(db, scope.Filter, ct);
        return (await query.CountAsync(scope.Filter, int.MaxValue - 1, ct)).Total;
    }

    /// <summary>One record with everything it holds.</summary>
    public async Task<ServiceResult<AuditRow>> GetAsync(Actor actor, long sequence, CancellationToken ct = default)
    {
        var scope = Authorize(actor, new AuditSearchFilter());
        if (!scope.IsOk) return Relay<AuditRow>(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.AuditRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Sequence == sequence, ct);
        // Another institution's record answers exactly like a missing one: its existence is not disclosed.
        if (record is null || (scope.Value!.Filter.InstitutionId is { } own && record.InstitutionId != own))
            return ServiceResult<AuditRow>.NotFound($"No existe el registro {sequence} en la bitácora.");
        return ServiceResult<AuditRow>.Ok((await NamesAsync(db, ct)).ToRow(record));
    }

    public async Task<AuditSummary> SummarizeAsync(AuditScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = (await AuditQuery.CreateAsync(db, scope.Filter, ct)).Records;
        var byResult = await query.GroupBy(r => r.Result).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var span = await query.GroupBy(_ => 1).Select(g => new
        {
            FirstSequence = g.Min(r => r.Sequence), LastSequence = g.Max(r => r.Sequence),
            FirstUtc = g.Min(r => r.TimestampUtc), LastUtc = g.Max(r => r.TimestampUtc),
        }).FirstOrDefaultAsync(ct);
        return new AuditSummary(byResult.Sum(r => r.Count), byResult.ToDictionary(r => r.Key, r => r.Count),
            span?.FirstSequence, span?.LastSequence, span?.FirstUtc, span?.LastUtc);
    }

    /// <summary>Every matching record, read as a stream: exports hold one row in memory at a time.</summary>
    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditScope scope, AuditSort sort = AuditSort.Time, bool descending = false,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await NamesAsync(db, ct);
        var query = (await AuditQuery.CreateAsync(db, scope.Filter, ct)).Sorted(sort, descending);
        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(ct))
            yield return names.ToRow(record);
    }

    /// <summary>Institutions and agreements (a few hundred rows) for the filter lists, narrowed to the actor's scope.</summary>
    public async Task<AuditFilterOptions> FilterOptionsAsync(Actor actor, CancellationToken ct = default)
    {
        var scope = Authorize(actor, new AuditSearchFilter());
        if (!scope.IsOk) return new([], []);
        var own = scope.Value!.Filter.InstitutionId;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var institutions = await db.Institutions.AsNoTracking().Where(i => own == null || i.Id == own)
            .OrderBy(i => i.Name).Select(i => new NamedOption(i.Id, i.Name)).ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking().Where(a => own == null || a.InstitutionId == own)
            .OrderBy(a => a.Number).Select(a => new NamedOption(a.Id, a.Number)).ToListAsync(ct);
        return new(institutions, agreements);
    }

    internal static async Task<AuditNames> NamesAsync(ConsultaDbContext db, CancellationToken ct) => new(
        await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct),
        await db.Agreements.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Number, ct));

    private static ServiceResult<T> Relay<T>(ServiceResult<AuditScope> failed) =>
        new() { Status = failed.Status, Message = failed.Message, Errors = failed.Errors };
}

public sealed record NamedOption(int Id, string Name);

public sealed record AuditFilterOptions(IReadOnlyList<NamedOption> Institutions, IReadOnlyList<NamedOption> Agreements);
