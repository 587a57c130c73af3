using System.Text.Json.Serialization;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>
/// The life of an agreement: drafted as BORRADOR, activated with its signed PDF, suspended and
/// reactivated with a reason, amended by adendas, terminated (RESCINDIDO, final) or expired
/// (VENCIDO, final). Every change and its change-history row are saved together (one
/// <c>SaveChanges</c>, or one transaction for a creation; see <see cref="ChangeLog"/>).
/// </summary>
public sealed class AgreementService(
    IDbContextFactory<ConsultaDbContext> contexts,
    IValidator<AgreementInput> validator,
    IValidator<AmendmentInput> amendmentValidator,
    ChangeLog changes,
    TimeProvider time)
{
    public const string EntityType = "Convenio";
    public const int ExpiringWindowDays = 30;

    internal static readonly Expression<Func<Agreement, AgreementRow>> RowProjection = a => new AgreementRow(
        a.Id, a.Number, a.InstitutionId, a.Institution!.Name, a.Status, a.ValidFrom, a.ValidTo,
        a.AccessLevel!.Code, a.AccessLevel.Version, a.DocumentId != null);

    public async Task<ServiceResult<PagedResult<AgreementRow>>> SearchAsync(Actor actor, AgreementSearch search, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<PagedResult<AgreementRow>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Agreements.AsNoTracking();
        if (InputText.Clean(search.Text) is { } text)
        {
            var like = SearchPattern.Contains(text);
            query = query.Where(a => EF.Functions.Like(a.Number, like, SearchPattern.Escape) || EF.Functions.Like(a.Institution!.Name, like, SearchPattern.Escape)
                || EF.Functions.Like(a.Institution.Acronym, like, SearchPattern.Escape));
        }
        if (search.Status is { } status) query = query.Where(a => a.Status == status);
        if (search.InstitutionId is { } institutionId) query = query.Where(a => a.InstitutionId == institutionId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(search.Skip).Take(search.Take).Select(RowProjection).ToListAsync(ct);
        return ServiceResult<PagedResult<AgreementRow>>.Ok(new(items, total));
    }

    public async Task<ServiceResult<AgreementDetail>> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<AgreementDetail>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.Agreements.AsNoTracking().Include(x => x.Institution).Include(x => x.AccessLevel)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return NotFound<AgreementDetail>();
        var document = a.DocumentId is { } docId ? await DocumentInfoAsync(db, docId, ct) : null;
        var amendments = await db.AgreementAmendments.AsNoTracking().Where(m => m.AgreementId == id).OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Number, m.SignedOn, m.Description, m.NewValidTo, m.NewMonthlyQuota, m.NewChannels, m.CreatedUtc,
                Level = db.AccessLevels.Where(l => l.Id == m.NewAccessLevelId).Select(l => l.Code + " v" + l.Version).FirstOrDefault(),
                Document = m.Document == null ? null : new DocumentInfo(m.Document.Id, m.Document.FileName, m.Document.Sha256, m.Document.Length, m.Document.UploadedUtc, m.Document.UploadedBy),
            }).ToListAsync(ct);
        var level = a.AccessLevel!;
        return ServiceResult<AgreementDetail>.Ok(new(a.Id, a.Institution!.Name, AgreementInput.From(a), a.Status, a.StatusReason,
            level.Code, level.Version, level.Name, level.IsCurrent, document,
            amendments.Select(m => new AmendmentView(m.Id, m.Number, m.SignedOn, m.Description, m.Level, m.NewValidTo, m.NewMonthlyQuota, m.NewChannels, m.Document, m.CreatedUtc)).ToList(),
            a.CreatedUtc, a.UpdatedUtc, AgreementActions.For(actor, a.Status))
        {
            IsReserved = a.IsReserved, ReservedBasis = a.ReservedBasis, CanChangeReservation = actor.CanManageAgreements(),
        });
    }

    public async Task<ServiceResult<int>> CreateAsync(Actor actor, AgreementInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<int>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<int>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await CheckReferencesAsync(db, data, ct) is { } problem) return problem;

        var agreement = await changes.SaveNewAsync(db, () =>
            {
                var draft = new Agreement { Number = data.Number!, Status = AgreementStatus.Draft };
                Apply(draft, data);
                return draft;
            },
            async created => changes.Add(db, actor, EntityType, created.Id.ToString(), "Creado en borrador", created.InstitutionId, null, await SnapshotAsync(db, created, ct)),
            ct);
        return ServiceResult<int>.Ok(agreement.Id);
    }

    /// <summary>Edits a draft. Once active, an agreement changes only through amendments.</summary>
    public async Task<ServiceResult<int>> UpdateAsync(Actor actor, int id, AgreementInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<int>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<int>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return NotFound<int>();
        if (!AgreementActions.Admits(agreement.Status, AgreementAction.Edit))
            return Refused<int>("Solo se edita un convenio en borrador; los cambios a un convenio activado se hacen con una adenda.");
        if (await CheckReferencesAsync(db, data, ct, id) is { } problem) return problem;

        var before = await SnapshotAsync(db, agreement, ct);
        Apply(agreement, data);
        var after = await SnapshotAsync(db, agreement, ct);
        if (before.Equals(after)) return ServiceResult<int>.Ok(id);
        changes.Add(db, actor, EntityType, id.ToString(), "Editado", agreement.InstitutionId, before, after);
        await db.SaveChangesAsync(ct);
        return ServiceResult<int>.Ok(id);
    }

    /// <summary>Stores the signed agreement (a draft's document can be replaced until activation).</summary>
    public async Task<ServiceResult<DocumentInfo>> AttachDocumentAsync(Actor actor, int id, string? fileName, byte[] content, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<DocumentInfo>.Forbidden();
        if (SignedDocument.Problem(content) is { } problem) return ServiceResult<DocumentInfo>.Invalid("Document", problem);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return NotFound<DocumentInfo>();
        if (!AgreementActions.Admits(agreement.Status, AgreementAction.AttachDocument))
            return Refused<DocumentInfo>("El documento firmado solo se adjunta mientras el convenio está en borrador; después, con una adenda.");

        var document = SignedDocument.Create(fileName, content, actor.Name, time.GetUtcNow().UtcDateTime);
        var before = await SnapshotAsync(db, agreement, ct);
        agreement.Document = document;
        changes.Add(db, actor, EntityType, id.ToString(), "Documento firmado adjuntado", agreement.InstitutionId, before, await SnapshotAsync(db, agreement, ct));
        await db.SaveChangesAsync(ct);
        return ServiceResult<DocumentInfo>.Ok(ToInfo(document));
    }

    /// <summary>BORRADOR → VIGENTE: needs the signed PDF, a signing date, dates not yet past, and no other agreement in force.</summary>
    public Task<ServiceResult<AgreementStatus>> ActivateAsync(Actor actor, int id, CancellationToken ct = default) =>
        TransitionAsync(actor, id, AgreementStatus.InForce, "Activado", reason: null, requireReason: false, async (db, a) =>
        {
            if (!AgreementActions.Admits(a.Status, AgreementAction.Activate)) return $"Solo se activa un convenio en borrador; este está {AgreementLabels.Status(a.Status).ToLowerInvariant()}.";
            if (a.DocumentId is null) return "Adjunte el convenio firmado (PDF) antes de activarlo.";
            if (a.SignedOn is null) return "Indique la fecha de firma antes de activar el convenio.";
            if (a.ValidTo < BoliviaClock.Today(time)) return "La vigencia del convenio ya terminó; corrija las fechas antes de activarlo.";
            return await OtherInForceAsync(db, a, ct);
        }, ct);

    /// <summary>VIGENTE → SUSPENDIDO, with a reason; queries stop at once.</summary>
    public Task<ServiceResult<AgreementStatus>> SuspendAsync(Actor actor, int id, string? reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, AgreementStatus.Suspended, "Suspendido", reason, requireReason: true, (_, a) =>
            Task.FromResult(AgreementActions.Admits(a.Status, AgreementAction.Suspend) ? null : $"Solo se suspende un convenio vigente; este está {AgreementLabels.Status(a.Status).ToLowerInvariant()}."), ct);

    /// <summary>SUSPENDIDO → VIGENTE, with a reason, while its dates last and no other agreement is in force.</summary>
    public Task<ServiceResult<AgreementStatus>> ReactivateAsync(Actor actor, int id, string? reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, AgreementStatus.InForce, "Reactivado", reason, requireReason: true, async (db, a) =>
        {
            if (a.Status == AgreementStatus.Expired) return "Un convenio vencido no se puede reactivar; firme un convenio nuevo.";
            if (!AgreementActions.Admits(a.Status, AgreementAction.Reactivate)) return $"Solo se reactiva un convenio suspendido; este está {AgreementLabels.Status(a.Status).ToLowerInvariant()}.";
            if (a.ValidTo < BoliviaClock.Today(time)) return "La vigencia del convenio ya terminó; no se puede reactivar.";
            return await OtherInForceAsync(db, a, ct);
        }, ct);

    /// <summary>Any open agreement (BORRADOR, VIGENTE, SUSPENDIDO) → RESCINDIDO, with a reason. Final.</summary>
    public Task<ServiceResult<AgreementStatus>> TerminateAsync(Actor actor, int id, string? reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, AgreementStatus.Terminated, "Rescindido", reason, requireReason: true, (_, a) => Task.FromResult(
            AgreementActions.Admits(a.Status, AgreementAction.Terminate) ? null
            : a.Status == AgreementStatus.Expired ? "El convenio ya venció; no se puede rescindir."
            : "El convenio ya está rescindido."), ct);

    /// <summary>
    /// Records an adenda with its own signed PDF and applies it: the agreement takes the new level
    /// (its current version), end date, quota or channels. Only for VIGENTE or SUSPENDIDO agreements.
    /// </summary>
    public async Task<ServiceResult<int>> AddAmendmentAsync(Actor actor, int id, AmendmentInput input, string? fileName, byte[]? content, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<int>.Forbidden();
        var data = input.Normalized();
        var errors = await amendmentValidator.ErrorsAsync(data, ct) ?? new Dictionary<string, string[]>();
        if (SignedDocument.Problem(content) is { } problem) errors["Document"] = [problem];
        if (errors.Count > 0) return ServiceResult<int>.Invalid(errors);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return NotFound<int>();
        if (!AgreementActions.Admits(agreement.Status, AgreementAction.Amend))
            return Refused<int>(agreement.Status == AgreementStatus.Draft
                ? "Un convenio en borrador se edita directamente; las adendas son para convenios activados."
                : $"Un convenio {AgreementLabels.Status(agreement.Status).ToLowerInvariant()} no admite adendas.");
        if (await db.AgreementAmendments.AnyAsync(m => m.AgreementId == id && m.Number == data.Number, ct))
            return ServiceResult<int>.Conflict(nameof(AmendmentInput.Number), $"El convenio ya tiene una adenda {data.Number}.");
        if (data.NewValidTo is { } newEnd && newEnd <= agreement.ValidFrom)
            return ServiceResult<int>.Invalid(nameof(AmendmentInput.NewValidTo), "La nueva fecha de fin debe ser posterior al inicio de vigencia.");
        if (data.NewAccessLevelId is { } levelId && !await db.AccessLevels.AnyAsync(l => l.Id == levelId && l.IsCurrent, ct))
            return ServiceResult<int>.Invalid(nameof(AmendmentInput.NewAccessLevelId), "Elija un nivel de acceso vigente.");

        var before = await SnapshotAsync(db, agreement, ct);
        var amendment = new AgreementAmendment
        {
            AgreementId = id, Number = data.Number!, SignedOn = data.SignedOn!.Value, Description = data.Description,
            NewAccessLevelId = data.NewAccessLevelId, NewValidTo = data.NewValidTo, NewMonthlyQuota = data.NewMonthlyQuota,
            NewChannels = data.NewChannels, Document = SignedDocument.Create(fileName, content!, actor.Name, time.GetUtcNow().UtcDateTime),
        };
        db.AgreementAmendments.Add(amendment);
        if (data.NewAccessLevelId is { } newLevel) agreement.AccessLevelId = newLevel;
        if (data.NewValidTo is { } validTo) agreement.ValidTo = validTo;
        if (data.NewMonthlyQuota is { } quota) agreement.MonthlyQuota = quota;
        if (data.NewChannels is { } channels) agreement.Channels = channels;
        changes.Add(db, actor, EntityType, id.ToString(), $"Adenda {amendment.Number}", agreement.InstitutionId, before, await SnapshotAsync(db, agreement, ct));
        await db.SaveChangesAsync(ct);
        return ServiceResult<int>.Ok(amendment.Id);
    }

    /// <summary>
    /// Marks the agreement reserved by law, with its legal basis: its queries stop appearing in the
    /// citizens' own lists (past and future); auditors keep seeing them. Legal only; in the change history.
    /// </summary>
    public async Task<ServiceResult<bool>> MarkReservedAsync(Actor actor, int id, string? legalBasis, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<bool>.Forbidden();
        if (ReservedBasisRules.Problem(legalBasis, "Indique la base legal de la reserva (por ejemplo, la norma o la orden judicial).") is { } problem)
            return ServiceResult<bool>.Invalid(ReservedBasisRules.Field, problem);
        return await ChangeReservationAsync(actor, id, reserved: true, InputText.Clean(legalBasis), "Marcado como reservado",
            "El convenio ya está marcado como reservado.", ct);
    }

    /// <summary>Lifts the reservation, with the reason: its queries show again in the citizens' lists.</summary>
    public async Task<ServiceResult<bool>> UnmarkReservedAsync(Actor actor, int id, string? reason, CancellationToken ct = default)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<bool>.Forbidden();
        if (ReservedBasisRules.Problem(reason, "Indique el motivo para levantar la reserva.") is { } problem)
            return ServiceResult<bool>.Invalid(ReservedBasisRules.Field, problem);
        return await ChangeReservationAsync(actor, id, reserved: false, InputText.Clean(reason), "Reserva levantada",
            "El convenio no está marcado como reservado.", ct);
    }

    /// <summary>The legal basis when the agreement is reserved, else null; for auditors reading a query of it.</summary>
    public async Task<ServiceResult<string?>> ReservedBasisAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<string?>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var basis = await db.Agreements.AsNoTracking().Where(a => a.Id == id && a.IsReserved).Select(a => a.ReservedBasis).FirstOrDefaultAsync(ct);
        return ServiceResult<string?>.Ok(basis);
    }

    private async Task<ServiceResult<bool>> ChangeReservationAsync(Actor actor, int id, bool reserved, string? text, string action,
        string alreadyMessage, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return NotFound<bool>();
        if (agreement.IsReserved == reserved) return ServiceResult<bool>.Conflict(ReservedBasisRules.Field, alreadyMessage);
        var before = await SnapshotAsync(db, agreement, ct);
        agreement.IsReserved = reserved;
        agreement.ReservedBasis = reserved ? text : null;
        // Lifting keeps its reason in the history row, where the previous basis stays too.
        var after = await SnapshotAsync(db, agreement, ct) with { MotivoLevantamiento = reserved ? null : text };
        changes.Add(db, actor, EntityType, id.ToString(), action, agreement.InstitutionId, before, after);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(reserved);
    }

    /// <summary>An agreement's or amendment's signed PDF, for staff who may read agreements.</summary>
    public async Task<ServiceResult<DocumentFile>> GetDocumentAsync(Actor actor, int documentId, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<DocumentFile>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Only documents that belong to an agreement or amendment are served through here.
        var owned = await db.Agreements.AnyAsync(a => a.DocumentId == documentId, ct)
            || await db.AgreementAmendments.AnyAsync(m => m.DocumentId == documentId, ct);
        var file = owned
            ? await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => new DocumentFile(d.FileName, d.ContentType, d.Content)).FirstOrDefaultAsync(ct)
            : null;
        return file is null ? ServiceResult<DocumentFile>.NotFound("El documento no existe.") : ServiceResult<DocumentFile>.Ok(file);
    }

    /// <summary>VIGENTE agreements ending within the next <see cref="ExpiringWindowDays"/> days, soonest first.</summary>
    public async Task<ServiceResult<IReadOnlyList<ExpiringAgreement>>> ExpiringAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<IReadOnlyList<ExpiringAgreement>>.Forbidden();
        var today = BoliviaClock.Today(time);
        var limit = today.AddDays(ExpiringWindowDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.InForce && a.ValidTo >= today && a.ValidTo <= limit)
            .OrderBy(a => a.ValidTo).Select(a => new { a.Id, a.Number, a.Institution!.Name, a.ValidTo }).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<ExpiringAgreement>>.Ok(
            rows.Select(r => new ExpiringAgreement(r.Id, r.Number, r.Name, r.ValidTo, r.ValidTo.DayNumber - today.DayNumber)).ToList());
    }

    /// <summary>Marks VENCIDO every VIGENTE or SUSPENDIDO agreement whose end date has passed; returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var today = BoliviaClock.Today(time);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await db.Agreements
            .Where(a => (a.Status == AgreementStatus.InForce || a.Status == AgreementStatus.Suspended) && a.ValidTo < today)
            .ToListAsync(ct);
        foreach (var agreement in due)
        {
            var before = await SnapshotAsync(db, agreement, ct);
            agreement.Status = AgreementStatus.Expired;
            agreement.StatusReason = $"Vigencia terminada el {AgreementLabels.Date(agreement.ValidTo)}.";
            changes.Add(db, Actor.System, EntityType, agreement.Id.ToString(), "Vencido", agreement.InstitutionId, before, await SnapshotAsync(db, agreement, ct));
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task<ServiceResult<AgreementStatus>> TransitionAsync(Actor actor, int id, AgreementStatus to, string action,
        string? reason, bool requireReason, Func<ConsultaDbContext, Agreement, Task<string?>> check, CancellationToken ct)
    {
        if (!actor.CanManageAgreements()) return ServiceResult<AgreementStatus>.Forbidden();
        if (requireReason && StatusReason.Problem(reason) is { } reasonProblem)
            return ServiceResult<AgreementStatus>.Invalid(StatusReason.Field, reasonProblem);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return NotFound<AgreementStatus>();
        if (await check(db, agreement) is { } refusal) return Refused<AgreementStatus>(refusal);

        var before = await SnapshotAsync(db, agreement, ct);
        agreement.Status = to;
        agreement.StatusReason = InputText.Clean(reason);
        changes.Add(db, actor, EntityType, id.ToString(), action, agreement.InstitutionId, before, await SnapshotAsync(db, agreement, ct));
        await db.SaveChangesAsync(ct);
        return ServiceResult<AgreementStatus>.Ok(to);
    }

    private static async Task<string?> OtherInForceAsync(ConsultaDbContext db, Agreement a, CancellationToken ct)
    {
        var other = await db.Agreements.Where(x => x.InstitutionId == a.InstitutionId && x.Id != a.Id && x.Status == AgreementStatus.InForce)
            .Select(x => x.Number).FirstOrDefaultAsync(ct);
        return other is null ? null : $"La institución ya tiene el convenio vigente {other}; suspéndalo o rescíndalo primero.";
    }

    private static async Task<ServiceResult<int>?> CheckReferencesAsync(ConsultaDbContext db, AgreementInput data, CancellationToken ct, int? id = null)
    {
        if (!await db.Institutions.AnyAsync(i => i.Id == data.InstitutionId, ct))
            return ServiceResult<int>.Invalid(nameof(AgreementInput.InstitutionId), "La institución no existe.");
        if (!await db.AccessLevels.AnyAsync(l => l.Id == data.AccessLevelId && l.IsCurrent, ct))
            return ServiceResult<int>.Invalid(nameof(AgreementInput.AccessLevelId), "Elija un nivel de acceso vigente.");
        if (await db.Agreements.AnyAsync(a => a.Number == data.Number && a.Id != id, ct))
            return ServiceResult<int>.Conflict(nameof(AgreementInput.Number), $"Ya existe un convenio con el número {data.Number}.");
        return null;
    }

    private static void Apply(Agreement a, AgreementInput d)
    {
        a.InstitutionId = d.InstitutionId!.Value;
        a.Number = d.Number!;
        a.SignedOn = d.SignedOn;
        a.ValidFrom = d.ValidFrom!.Value;
        a.ValidTo = d.ValidTo!.Value;
        a.AccessLevelId = d.AccessLevelId!.Value;
        a.Channels = d.Channels;
        a.MonthlyQuota = d.MonthlyQuota;
        a.IpAllowlist = d.IpAllowlist;
        a.ContactName = d.ContactName;
        a.ContactEmail = d.ContactEmail;
    }

    // The names are the stored change history's JSON keys (Spanish, as the history page shows them).
    private sealed record AgreementHistorySnapshot(
        [property: JsonPropertyName("numero")] string Numero,
        [property: JsonPropertyName("estado")] string Estado,
        [property: JsonPropertyName("motivo")] string? Motivo,
        [property: JsonPropertyName("fechaFirma")] string? FechaFirma,
        [property: JsonPropertyName("vigenciaDesde")] string VigenciaDesde,
        [property: JsonPropertyName("vigenciaHasta")] string VigenciaHasta,
        [property: JsonPropertyName("nivel")] string Nivel,
        [property: JsonPropertyName("canales")] string Canales,
        [property: JsonPropertyName("cuotaMensual")] int? CuotaMensual,
        [property: JsonPropertyName("ipsPermitidas")] string? IpsPermitidas,
        [property: JsonPropertyName("contacto")] string? Contacto,
        [property: JsonPropertyName("correoContacto")] string? CorreoContacto,
        [property: JsonPropertyName("documentoSha256")] string? DocumentoSha256,
        [property: JsonPropertyName("reservado")] bool? Reservado,
        [property: JsonPropertyName("baseLegalReserva")] string? BaseLegalReserva)
    {
        [JsonPropertyName("motivoLevantamiento")] public string? MotivoLevantamiento { get; init; }
    }

    private static async Task<AgreementHistorySnapshot> SnapshotAsync(ConsultaDbContext db, Agreement a, CancellationToken ct)
    {
        var level = await db.AccessLevels.AsNoTracking().Where(l => l.Id == a.AccessLevelId).Select(l => l.Code + " v" + l.Version).FirstOrDefaultAsync(ct);
        var sha = a.Document?.Sha256 ?? (a.DocumentId is { } docId
            ? await db.Documents.AsNoTracking().Where(d => d.Id == docId).Select(d => d.Sha256).FirstOrDefaultAsync(ct)
            : null);
        return new(a.Number, a.Status.ToCode(), a.StatusReason, a.SignedOn is { } s ? AgreementLabels.Date(s) : null,
            AgreementLabels.Date(a.ValidFrom), AgreementLabels.Date(a.ValidTo), level ?? "?", AgreementLabels.Channels(a.Channels),
            a.MonthlyQuota, a.IpAllowlist, a.ContactName, a.ContactEmail, sha,
            a.IsReserved ? true : null, a.IsReserved ? a.ReservedBasis : null);
    }

    private static async Task<DocumentInfo?> DocumentInfoAsync(ConsultaDbContext db, int id, CancellationToken ct) =>
        await db.Documents.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DocumentInfo(d.Id, d.FileName, d.Sha256, d.Length, d.UploadedUtc, d.UploadedBy)).FirstOrDefaultAsync(ct);

    private static DocumentInfo ToInfo(StoredDocument d) => new(d.Id, d.FileName, d.Sha256, d.Length, d.UploadedUtc, d.UploadedBy);

    private static ServiceResult<T> NotFound<T>() => ServiceResult<T>.NotFound("El convenio no existe.");

    /// <summary>A lifecycle rule said no: a conflict with the agreement's state, explained in Spanish.</summary>
    private static ServiceResult<T> Refused<T>(string message) => ServiceResult<T>.Conflict("Status", message);
}
