using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.Citizens;

namespace Segip.Consulta.Core.Features.Disputes;

/// <summary>
/// Citizens' disputes of queries about them (docs/citizens.md). A citizen opens a case on a query of their
/// own list; auditors assign, annotate and resolve it (ABIERTO → EN_REVISION → RESUELTO, FUNDADO or
/// INFUNDADO); the institution that queried answers with a justification before a deadline in working
/// days. Each method accepts only its actor (a citizen, an auditor, the institution's admin) and every
/// step is saved with its change-history row.
/// </summary>
public sealed class DisputeService(
    IDbContextFactory<ConsultaDbContext> contexts, ChangeLog changes, IOptionsMonitor<DisputeOptions> options, TimeProvider time,
    IValidator<CaseAssignment> assignments, IValidator<CaseNote> notes, IValidator<CaseAnswer> answers, IValidator<CaseResolution> resolutions)
{
    public const string EntityType = "CasoReclamo";

    /// <summary>Opens a case on one of the citizen's visible queries, within the citizen's daily limit.</summary>
    public async Task<ServiceResult<long>> OpenAsync(Actor actor, long auditSequence, string? reason, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return ServiceResult<long>.Forbidden();
        if (DisputeTexts.ReasonProblem(reason) is { } problem)
            return ServiceResult<long>.Invalid(nameof(DisputeCase.Reason), problem);
        var personId = actor.PersonId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Another person's record, a reserved one and a missing one answer alike: nothing is disclosed.
        if (!await CitizenQueryService.IsVisibleToAsync(db, personId, auditSequence, ct))
            return ServiceResult<long>.NotFound("La consulta no existe entre las consultas a sus datos.");
        if (await db.DisputeCases.AnyAsync(c => c.PersonId == personId && c.AuditSequence == auditSequence, ct))
            return ServiceResult<long>.Conflict(nameof(DisputeCase.AuditSequence), "Ya presentó un reclamo sobre esta consulta.");
        var limit = options.CurrentValue.MaxPerDay;
        if (await db.DisputeCases.CountAsync(c => c.PersonId == personId && c.CreatedUtc > now.AddDays(-1), ct) >= limit)
            return ServiceResult<long>.Conflict(nameof(DisputeCase.Reason),
                $"Alcanzó el límite de {limit} reclamos en 24 horas. Podrá presentar otro más tarde.");

        var institutionId = await db.AuditRecords.Where(r => r.Sequence == auditSequence).Select(r => r.InstitutionId).FirstAsync(ct);
        var dispute = await changes.SaveNewAsync(db, () => new DisputeCase
            {
                PersonId = personId, AuditSequence = auditSequence, InstitutionId = institutionId, Reason = InputText.Clean(reason)!,
                AnswerDueOn = DisputeTexts.AddWorkingDays(BoliviaClock.Today(time), options.CurrentValue.AnswerWorkingDays),
            },
            created =>
            {
                changes.Add(db, actor, EntityType, Key(created), "Abierto por el ciudadano", created.InstitutionId, null, Snapshot(created));
                return Task.CompletedTask;
            }, ct);
        return ServiceResult<long>.Ok(dispute.Id);
    }

    /// <summary>The citizen's own cases, newest first.</summary>
    public async Task<ServiceResult<IReadOnlyList<CitizenCaseView>>> MyCasesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return ServiceResult<IReadOnlyList<CitizenCaseView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cases = await CitizenView(db, db.DisputeCases.Where(c => c.PersonId == actor.PersonId).OrderByDescending(c => c.Id)).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<CitizenCaseView>>.Ok(cases);
    }

    /// <summary>One of the citizen's cases; another person's case answers like a missing one.</summary>
    public async Task<ServiceResult<CitizenCaseView>> MyCaseAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (!actor.IsCitizen) return ServiceResult<CitizenCaseView>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var view = await CitizenView(db, db.DisputeCases.Where(c => c.Id == id && c.PersonId == actor.PersonId)).FirstOrDefaultAsync(ct);
        return view is null ? ServiceResult<CitizenCaseView>.NotFound("El reclamo no existe.") : ServiceResult<CitizenCaseView>.Ok(view);
    }

    public async Task<ServiceResult<PagedResult<CaseRow>>> SearchAsync(Actor actor, CaseFilter filter, CancellationToken ct = default)
    {
        if (!actor.CanReadCases()) return ServiceResult<PagedResult<CaseRow>>.Forbidden();
        var today = BoliviaClock.Today(time);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Scope(db, actor).AsNoTracking();
        if (filter.State is { } state) query = query.Where(c => c.State == state);
        if (filter.OverdueOnly) query = query.Where(Overdue(today));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Id).Skip(filter.Skip).Take(filter.Take)
            .Select(c => new CaseRow(c.Id, c.AuditSequence, c.CreatedUtc,
                db.Institutions.Where(i => i.Id == c.InstitutionId).Select(i => i.Name).FirstOrDefault(),
                c.State, c.Outcome, c.AssignedTo, c.AnswerDueOn, c.InstitutionAnswer != null,
                c.State != CaseState.Resolved && c.InstitutionAnswer == null && c.AnswerDueOn < today))
            .ToListAsync(ct);
        return ServiceResult<PagedResult<CaseRow>>.Ok(new(rows, total));
    }

    public async Task<ServiceResult<CaseDetail>> GetAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (!actor.CanReadCases()) return ServiceResult<CaseDetail>.Forbidden();
        var today = BoliviaClock.Today(time);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var detail = await Scope(db, actor).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                Case = c,
                Record = db.AuditRecords.Where(r => r.Sequence == c.AuditSequence).Select(r => new { r.TimestampUtc, r.QueryType, r.Purpose }).First(),
                Institution = db.Institutions.Where(i => i.Id == c.InstitutionId).Select(i => i.Name).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        if (detail is null) return ServiceResult<CaseDetail>.NotFound($"No existe el caso {id}.");
        var c = detail.Case;
        return ServiceResult<CaseDetail>.Ok(new CaseDetail(c.Id, c.AuditSequence, detail.Record.TimestampUtc, detail.Institution, detail.Record.QueryType,
            detail.Record.Purpose, c.State, c.Outcome, c.Reason, c.AssignedTo, c.AnswerDueOn, c.InstitutionAnswer, c.InstitutionAnsweredUtc,
            c.Resolution, c.ResolvedUtc, c.CreatedUtc, IsOverdue(c, today), CaseActions.For(actor, c.State, c.InstitutionAnswer is not null)));
    }

    /// <summary>Open and overdue cases, for the auditors' list and home page.</summary>
    public async Task<CaseCounts> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanReadCases()) return new(0, 0);
        var today = BoliviaClock.Today(time);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = Scope(db, actor).Where(c => c.State != CaseState.Resolved);
        return new(await open.CountAsync(ct), await open.CountAsync(Overdue(today), ct));
    }

    /// <summary>Accounts a case can be assigned to (the auditors), for those who assign.</summary>
    public async Task<ServiceResult<IReadOnlyList<string>>> AuditorsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanReviewCases()) return ServiceResult<IReadOnlyList<string>>.Forbidden();
        return ServiceResult<IReadOnlyList<string>>.Ok(await AuditorNamesAsync(ct));
    }

    private async Task<IReadOnlyList<string>> AuditorNamesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await StaffAccounts.EmailsInRolesAsync(db, [Roles.Auditor], ct);
    }

    /// <summary>Assigns the case to an auditor; an open case moves to EN_REVISION.</summary>
    public async Task<ServiceResult<CaseDetail>> AssignAsync(Actor actor, long id, CaseAssignment input, CancellationToken ct = default)
    {
        if (!actor.CanReviewCases()) return ServiceResult<CaseDetail>.Forbidden();
        if (await assignments.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<CaseDetail>.Invalid(invalid);
        var name = InputText.Clean(input.AssignedTo)!;
        if (!(await AuditorNamesAsync(ct)).Contains(name, StringComparer.OrdinalIgnoreCase))
            return ServiceResult<CaseDetail>.Invalid(nameof(DisputeCase.AssignedTo), "Solo se puede asignar a un auditor.");
        return await ChangeAsync(actor, id, CaseAction.Assign, "Asignado", null, c =>
        {
            c.AssignedTo = name;
            if (c.State == CaseState.Open) c.State = CaseState.InReview;
        }, ct);
    }

    /// <summary>An auditor's working note; it lives in the case's change history.</summary>
    public async Task<ServiceResult<CaseDetail>> AddNoteAsync(Actor actor, long id, CaseNote input, CancellationToken ct = default)
    {
        if (!actor.CanReviewCases()) return ServiceResult<CaseDetail>.Forbidden();
        if (await notes.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<CaseDetail>.Invalid(invalid);
        return await ChangeAsync(actor, id, CaseAction.Note, "Nota", new { nota = InputText.Clean(input.Note) }, _ => { }, ct);
    }

    /// <summary>The institution's justification of the disputed query, by its admin; once, while the case is open.</summary>
    public async Task<ServiceResult<CaseDetail>> AnswerAsync(Actor actor, long id, CaseAnswer input, CancellationToken ct = default)
    {
        if (!actor.CanAnswerCases()) return ServiceResult<CaseDetail>.Forbidden();
        if (await answers.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<CaseDetail>.Invalid(invalid);
        return await ChangeAsync(actor, id, CaseAction.Answer, "Respondido por la institución", null, c =>
        {
            c.InstitutionAnswer = InputText.Clean(input.InstitutionAnswer);
            c.InstitutionAnsweredUtc = time.GetUtcNow().UtcDateTime;
        }, ct);
    }

    /// <summary>Resolves a case under review with the outcome and the answer the citizen will read. Final.</summary>
    public async Task<ServiceResult<CaseDetail>> ResolveAsync(Actor actor, long id, CaseResolution input, CancellationToken ct = default)
    {
        if (!actor.CanReviewCases()) return ServiceResult<CaseDetail>.Forbidden();
        if (await resolutions.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<CaseDetail>.Invalid(invalid);
        return await ChangeAsync(actor, id, CaseAction.Resolve, "Resuelto", null, c =>
        {
            c.State = CaseState.Resolved;
            c.Outcome = input.Outcome;
            c.Resolution = InputText.Clean(input.Resolution);
            c.ResolvedUtc = time.GetUtcNow().UtcDateTime;
            c.AssignedTo ??= actor.Name;
        }, ct);
    }

    /// <summary>
    /// One step, if the case's state admits it (<see cref="CaseActions"/>: a resolved case is final); the change and
    /// its history row are one SaveChanges.
    /// </summary>
    private async Task<ServiceResult<CaseDetail>> ChangeAsync(Actor actor, long id, CaseAction action, string description, object? extra,
        Action<DisputeCase> apply, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var dispute = await Scope(db, actor).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (dispute is null) return ServiceResult<CaseDetail>.NotFound($"No existe el caso {id}.");
            if (CaseActions.Refusal(dispute.State, dispute.InstitutionAnswer is not null, action) is { } refusal)
                return ServiceResult<CaseDetail>.Conflict(nameof(DisputeCase.State), refusal);
            var before = Snapshot(dispute);
            apply(dispute);
            changes.Add(db, actor, EntityType, Key(dispute), description, dispute.InstitutionId, before, extra ?? Snapshot(dispute));
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Auditors see every case; an institution admin those about its own institution's queries.</summary>
    private static IQueryable<DisputeCase> Scope(ConsultaDbContext db, Actor actor) =>
        actor.CanReviewCases() ? db.DisputeCases
        : actor.CanAnswerCases() && actor.InstitutionId is { } own ? db.DisputeCases.Where(c => c.InstitutionId == own)
        : db.DisputeCases.Where(_ => false);

    private static System.Linq.Expressions.Expression<Func<DisputeCase, bool>> Overdue(DateOnly today) =>
        c => c.State != CaseState.Resolved && c.InstitutionAnswer == null && c.AnswerDueOn < today;

    private static bool IsOverdue(DisputeCase c, DateOnly today) => c.State != CaseState.Resolved && c.InstitutionAnswer == null && c.AnswerDueOn < today;

    private static IQueryable<CitizenCaseView> CitizenView(ConsultaDbContext db, IQueryable<DisputeCase> cases) =>
        cases.AsNoTracking().Select(c => new CitizenCaseView(c.Id, c.AuditSequence,
            db.AuditRecords.Where(r => r.Sequence == c.AuditSequence).Select(r => r.TimestampUtc).First(),
            db.Institutions.Where(i => i.Id == c.InstitutionId).Select(i => i.Name).FirstOrDefault() ?? "SEGIP",
            c.State, c.State == CaseState.Resolved ? c.Outcome : null, c.Reason,
            c.State == CaseState.Resolved ? c.Resolution : null, c.CreatedUtc, c.ResolvedUtc));

    private static string Key(DisputeCase c) => c.Id.ToString(CultureInfo.InvariantCulture);

    private static object Snapshot(DisputeCase c) => new Dictionary<string, object?>
    {
        ["estado"] = c.State.ToCode(), ["resultado"] = c.Outcome?.ToCode(), ["registroBitacora"] = c.AuditSequence,
        ["asignadoA"] = c.AssignedTo, ["plazoRespuesta"] = c.AnswerDueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["respuestaInstitucion"] = c.InstitutionAnswer, ["resolucion"] = c.Resolution, ["motivo"] = c.Reason,
    };
}
