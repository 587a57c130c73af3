using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Misuse;

namespace Segip.Consulta.Core.Features.Institutions;

/// <summary>
/// Registers and edits institutions (legal directorate and SEGIP administrators) and gathers an
/// institution's agreements, end users, credentials and query counts for its page.
/// </summary>
public sealed class InstitutionService(
    IDbContextFactory<ConsultaDbContext> contexts, IValidator<InstitutionInput> validator, ChangeLog changes, TimeProvider time)
{
    public const string EntityType = "Institucion";

    public async Task<ServiceResult<PagedResult<InstitutionRow>>> SearchAsync(Actor actor, InstitutionSearch search, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<PagedResult<InstitutionRow>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Institutions.AsNoTracking();
        if (InputText.Clean(search.Text) is { } text)
        {
            var like = SearchPattern.Contains(text);
            query = query.Where(i => EF.Functions.Like(i.Name, like, SearchPattern.Escape) || EF.Functions.Like(i.Acronym, like, SearchPattern.Escape)
                || (i.Nit != null && EF.Functions.Like(i.Nit, like, SearchPattern.Escape)));
        }
        if (search.Type is { } type) query = query.Where(i => i.Type == type);
        if (search.AgreementStatus is { } status) query = query.Where(i => i.Agreements.Any(a => a.Status == status));

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(i => i.Name).Skip(search.Skip).Take(search.Take)
            .Select(i => new
            {
                i.Id, i.Name, i.Acronym, i.Type, i.Nit,
                // The agreement that matters most: the one in force, else the latest.
                Agreement = i.Agreements.OrderBy(a => a.Status == Domain.AgreementStatus.InForce ? 0 : 1).ThenByDescending(a => a.Id)
                    .Select(a => new { a.Number, a.Status }).FirstOrDefault(),
                EndUsers = i.EndUsers.Count,
            }).ToListAsync(ct);
        var items = rows.Select(r => new InstitutionRow(r.Id, r.Name, r.Acronym, r.Type, r.Nit, r.Agreement?.Number, r.Agreement?.Status, r.EndUsers)).ToList();
        return ServiceResult<PagedResult<InstitutionRow>>.Ok(new(items, total));
    }

    /// <summary>Institutions the actor may pick (an institution admin sees only its own).</summary>
    public async Task<IReadOnlyList<InstitutionOption>> OptionsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Institutions.AsNoTracking();
        if (!actor.CanReadAgreements())
        {
            if (!actor.CanAdministerOwnInstitution()) return [];
            query = query.Where(i => i.Id == actor.InstitutionId);
        }
        return await query.OrderBy(i => i.Name).Select(i => new InstitutionOption(i.Id, i.Name, i.Acronym)).ToListAsync(ct);
    }

    public async Task<ServiceResult<InstitutionDetail>> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanReadInstitution(id)) return ServiceResult<InstitutionDetail>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (institution is null) return ServiceResult<InstitutionDetail>.NotFound("La institución no existe.");

        var agreements = await db.Agreements.AsNoTracking().Where(a => a.InstitutionId == id)
            .OrderByDescending(a => a.Id).Select(AgreementService.RowProjection).ToListAsync(ct);
        var endUsers = await db.EndUsers.AsNoTracking().Where(u => u.InstitutionId == id).OrderBy(u => u.Code)
            .Select(u => new EndUserView(u.Id, u.InstitutionId, u.Code, u.DocumentNumber, u.FullName, u.Position, u.Email, u.IsEnabled, u.DisabledReason, u.UpdatedUtc))
            .ToListAsync(ct);
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.InstitutionId == id).OrderBy(c => c.ClientId)
            .Select(c => new CredentialRow(c.ClientId, c.Description, c.IssuedUtc, c.ExpiresUtc, c.RevokedUtc)).ToListAsync(ct);

        var monthStart = BoliviaClock.MonthStartUtc(time);
        var records = db.AuditRecords.AsNoTracking().Where(r => r.InstitutionId == id && r.QueryType != QueryType.Certificate);
        var counts = new QueryCounts(
            await records.CountAsync(ct),
            await records.CountAsync(r => r.TimestampUtc >= monthStart, ct),
            await records.CountAsync(r => r.Result == QueryResult.Refused, ct));

        return ServiceResult<InstitutionDetail>.Ok(new(institution.Id, InstitutionInput.From(institution), institution.CreatedUtc,
            agreements, endUsers, credentials, counts));
    }

    public async Task<ServiceResult<int>> CreateAsync(Actor actor, InstitutionInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageInstitutions()) return ServiceResult<int>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<int>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Institutions.AnyAsync(i => i.Name == data.Name, ct))
            return ServiceResult<int>.Conflict(nameof(InstitutionInput.Name), $"Ya existe una institución llamada «{data.Name}».");

        var institution = await changes.SaveNewAsync(db, () =>
            {
                var created = new Institution { Name = data.Name!, Acronym = data.Acronym! };
                Apply(created, data);
                return created;
            },
            created =>
            {
                changes.Add(db, actor, EntityType, created.Id.ToString(), "Registrada", created.Id, null, Snapshot(created));
                return Task.CompletedTask;
            }, ct);
        return ServiceResult<int>.Ok(institution.Id);
    }

    public async Task<ServiceResult<int>> UpdateAsync(Actor actor, int id, InstitutionInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageInstitutions()) return ServiceResult<int>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<int>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (institution is null) return ServiceResult<int>.NotFound("La institución no existe.");
        if (await db.Institutions.AnyAsync(i => i.Name == data.Name && i.Id != id, ct))
            return ServiceResult<int>.Conflict(nameof(InstitutionInput.Name), $"Ya existe una institución llamada «{data.Name}».");

        var before = Snapshot(institution);
        Apply(institution, data);
        var after = Snapshot(institution);
        if (before.Equals(after)) return ServiceResult<int>.Ok(id);
        changes.Add(db, actor, EntityType, id.ToString(), "Editada", id, before, after);
        await db.SaveChangesAsync(ct);
        return ServiceResult<int>.Ok(id);
    }

    private static void Apply(Institution i, InstitutionInput d)
    {
        i.Name = d.Name!;
        i.Acronym = d.Acronym!;
        i.Type = d.Type!.Value;
        i.Nit = d.Nit;
        i.Address = d.Address;
        i.ContactName = d.ContactName;
        i.ContactEmail = d.ContactEmail;
        i.ContactPhone = d.ContactPhone;
        i.WorkingDays = d.WorkingDays;
        i.WorkStart = InstitutionInput.ParseHour(d.WorkStart)!.Value;
        i.WorkEnd = InstitutionInput.ParseHour(d.WorkEnd)!.Value;
    }

    // The names are the stored change history's JSON keys (Spanish, as the history page shows them).
    private sealed record InstitutionHistorySnapshot(
        [property: JsonPropertyName("nombre")] string Nombre,
        [property: JsonPropertyName("sigla")] string Sigla,
        [property: JsonPropertyName("tipo")] string Tipo,
        [property: JsonPropertyName("nit")] string? Nit,
        [property: JsonPropertyName("direccion")] string? Direccion,
        [property: JsonPropertyName("contacto")] string? Contacto,
        [property: JsonPropertyName("correo")] string? Correo,
        [property: JsonPropertyName("telefono")] string? Telefono,
        [property: JsonPropertyName("horario")] string Horario);

    private static InstitutionHistorySnapshot Snapshot(Institution i) =>
        new(i.Name, i.Acronym, InstitutionTypes.DisplayName(i.Type), i.Nit, i.Address, i.ContactName, i.ContactEmail, i.ContactPhone,
            new WorkingSchedule(i.WorkingDays, i.WorkStart, i.WorkEnd).Describe());
}
