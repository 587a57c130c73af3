using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>What the alerts page lists; settable so the page's filter form binds to it (the search gets a copy).</summary>
public sealed record AlertFilter : PageRequest
{
    public AlertState? State { get; set; }
    public MisuseRule? Rule { get; set; }
    public AlertSeverity? Severity { get; set; }
    public int? InstitutionId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

public sealed class AlertFilterValidator : AbstractValidator<AlertFilter>
{
    public AlertFilterValidator() => RuleFor(x => x.To).NotBefore(x => x.From);
}

public sealed record AlertRow(long Id, MisuseRule Rule, AlertSeverity Severity, AlertState State, DateOnly Day,
    int? InstitutionId, string? InstitutionName, string? EndUserCode, string Explanation, int EvidenceCount, string? AssignedTo);

/// <param name="AllowedActions">What the reading actor may do to the alert now (<see cref="AlertActions"/>).</param>
public sealed record AlertDetail(long Id, MisuseRule Rule, AlertSeverity Severity, AlertState State, DateOnly Day,
    int? InstitutionId, string? InstitutionName, string? EndUserCode, string? DocumentNumber, string? ClientIp,
    string Explanation, int EvidenceCount, IReadOnlyList<long> EvidenceSequences, DateTime FirstRecordUtc, DateTime LastRecordUtc,
    string? AssignedTo, string? Conclusion, DateTime? ClosedUtc, DateTime CreatedUtc, IReadOnlySet<AlertAction> AllowedActions);

/// <summary>Open alerts by severity, for the auditors' home page.</summary>
public sealed record AlertCounts(int New, int InReview, int HighOpen);

/// <summary>
/// Auditors' work on misuse alerts: list, read, assign, review and close with a conclusion. Auditors and
/// SEGIP administrators see and work every alert; an institution admin reads its own institution's alerts
/// only when <see cref="MisuseOptions.InstitutionAdminsSeeOwnAlerts"/> is on. Every change is in the change history.
/// </summary>
public sealed class MisuseAlertService(
    IDbContextFactory<ConsultaDbContext> contexts, ChangeLog changes, IOptionsMonitor<MisuseOptions> options, TimeProvider time,
    IValidator<AlertFilter> filters, IValidator<AlertAssignment> assignments, IValidator<AlertClosing> closings)
{
    public const string EntityType = "AlertaUsoIndebido";

    public bool CanRead(Actor actor) => actor.CanReviewAlerts()
        || (options.CurrentValue.InstitutionAdminsSeeOwnAlerts && actor.CanAdministerOwnInstitution());

    /// <summary>
    /// Reviewers see every alert; an institution admin its own institution's, except protected-person alerts:
    /// those would tell the institution who is on SEGIP's reserved list.
    /// </summary>
    private IQueryable<MisuseAlert> Scope(ConsultaDbContext db, Actor actor) =>
        actor.CanReviewAlerts() ? db.MisuseAlerts
            : db.MisuseAlerts.Where(a => a.InstitutionId == actor.InstitutionId && a.Rule != MisuseRule.ProtectedPerson);

    public async Task<ServiceResult<PagedResult<AlertRow>>> SearchAsync(Actor actor, AlertFilter filter, CancellationToken ct = default)
    {
        if (!CanRead(actor)) return ServiceResult<PagedResult<AlertRow>>.Forbidden();
        if (await filters.ErrorsAsync(filter, ct) is { } invalid) return ServiceResult<PagedResult<AlertRow>>.Invalid(invalid);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Scope(db, actor).AsNoTracking();
        if (filter.State is { } state) query = query.Where(a => a.State == state);
        if (filter.Rule is { } rule) query = query.Where(a => a.Rule == rule);
        if (filter.Severity is { } severity) query = query.Where(a => a.Severity == severity);
        if (filter.InstitutionId is { } institution) query = query.Where(a => a.InstitutionId == institution);
        if (filter.From is { } from) query = query.Where(a => a.Day >= from);
        if (filter.To is { } to) query = query.Where(a => a.Day <= to);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip(filter.Skip).Take(filter.Take)
            .Select(a => new AlertRow(a.Id, a.Rule, a.Severity, a.State, a.Day, a.InstitutionId,
                db.Institutions.Where(i => i.Id == a.InstitutionId).Select(i => i.Name).FirstOrDefault(),
                a.EndUserCode, a.Explanation, a.EvidenceCount, a.AssignedTo))
            .ToListAsync(ct);
        return ServiceResult<PagedResult<AlertRow>>.Ok(new(rows, total));
    }

    public async Task<ServiceResult<AlertDetail>> GetAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (!CanRead(actor)) return ServiceResult<AlertDetail>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await Scope(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return ServiceResult<AlertDetail>.NotFound($"No existe la alerta {id}.");
        var institution = a.InstitutionId is null ? null
            : await db.Institutions.Where(i => i.Id == a.InstitutionId).Select(i => i.Name).FirstOrDefaultAsync(ct);
        var sequences = a.EvidenceSequences.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        return ServiceResult<AlertDetail>.Ok(new AlertDetail(a.Id, a.Rule, a.Severity, a.State, a.Day, a.InstitutionId, institution,
            a.EndUserCode, a.DocumentNumber, a.ClientIp, a.Explanation, a.EvidenceCount, sequences, a.FirstRecordUtc, a.LastRecordUtc,
            a.AssignedTo, a.Conclusion, a.ClosedUtc, a.CreatedUtc, AlertActions.For(actor, a.State)));
    }

    public async Task<AlertCounts> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CanRead(actor)) return new(0, 0, 0);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = Scope(db, actor).Where(a => a.State != AlertState.Closed);
        return new(await open.CountAsync(a => a.State == AlertState.New, ct),
            await open.CountAsync(a => a.State == AlertState.InReview, ct),
            await open.CountAsync(a => a.Severity == AlertSeverity.High, ct));
    }

    /// <summary>Accounts an alert can be assigned to (auditors and SEGIP administrators), for those who assign.</summary>
    public async Task<ServiceResult<IReadOnlyList<string>>> ReviewersAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanReviewAlerts()) return ServiceResult<IReadOnlyList<string>>.Forbidden();
        return ServiceResult<IReadOnlyList<string>>.Ok(await ReviewerNamesAsync(ct));
    }

    private async Task<IReadOnlyList<string>> ReviewerNamesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await StaffAccounts.EmailsInRolesAsync(db, [Roles.Auditor, Roles.SegipAdmin], ct);
    }

    /// <summary>Assigns the alert to a reviewer; a new alert moves to EN_REVISION.</summary>
    public async Task<ServiceResult<AlertDetail>> AssignAsync(Actor actor, long id, AlertAssignment input, CancellationToken ct = default)
    {
        if (!actor.CanReviewAlerts()) return ServiceResult<AlertDetail>.Forbidden();
        if (await assignments.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<AlertDetail>.Invalid(invalid);
        var name = InputText.Clean(input.AssignedTo)!;
        if (!(await ReviewerNamesAsync(ct)).Contains(name, StringComparer.OrdinalIgnoreCase))
            return ServiceResult<AlertDetail>.Invalid(nameof(AlertAssignment.AssignedTo), "Solo se puede asignar a un auditor o administrador del SEGIP.");
        return await ChangeAsync(actor, id, AlertAction.Assign, "Asignar", alert =>
        {
            alert.AssignedTo = name;
            if (alert.State == AlertState.New) alert.State = AlertState.InReview;
        }, ct);
    }

    public Task<ServiceResult<AlertDetail>> StartReviewAsync(Actor actor, long id, CancellationToken ct = default) =>
        ChangeAsync(actor, id, AlertAction.StartReview, "IniciarRevision", alert =>
        {
            alert.State = AlertState.InReview;
            alert.AssignedTo ??= actor.Name;
        }, ct);

    /// <summary>Closes the alert with the reviewer's conclusion (required: why it is or is not misuse, what was done).</summary>
    public async Task<ServiceResult<AlertDetail>> CloseAsync(Actor actor, long id, AlertClosing input, CancellationToken ct = default)
    {
        if (!actor.CanReviewAlerts()) return ServiceResult<AlertDetail>.Forbidden();
        if (await closings.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<AlertDetail>.Invalid(invalid);
        var text = InputText.Clean(input.Conclusion);
        return await ChangeAsync(actor, id, AlertAction.Close, "Cerrar", alert =>
        {
            alert.State = AlertState.Closed;
            alert.Conclusion = text;
            alert.ClosedUtc = time.GetUtcNow().UtcDateTime;
            alert.AssignedTo ??= actor.Name;
        }, ct);
    }

    /// <summary>
    /// One review step, if the alert's state admits it (<see cref="AlertActions"/>: a closed alert is final); the change
    /// and its history row are one SaveChanges.
    /// </summary>
    private async Task<ServiceResult<AlertDetail>> ChangeAsync(Actor actor, long id, AlertAction action, string description,
        Action<MisuseAlert> apply, CancellationToken ct)
    {
        if (!actor.CanReviewAlerts()) return ServiceResult<AlertDetail>.Forbidden();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var alert = await db.MisuseAlerts.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alert is null) return ServiceResult<AlertDetail>.NotFound($"No existe la alerta {id}.");
            if (AlertActions.Refusal(alert.State, action) is { } refusal) return ServiceResult<AlertDetail>.Conflict("State", refusal);
            var before = Snapshot(alert);
            apply(alert);
            changes.Add(db, actor, EntityType, alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), description,
                alert.InstitutionId, before, Snapshot(alert));
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(actor, id, ct);
    }

    private static object Snapshot(MisuseAlert a) => new Dictionary<string, object?>
    {
        ["regla"] = a.Rule.ToCode(), ["estado"] = a.State.ToCode(), ["asignadaA"] = a.AssignedTo, ["conclusion"] = a.Conclusion,
    };
}
