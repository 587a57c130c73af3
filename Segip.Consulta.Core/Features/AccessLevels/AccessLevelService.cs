using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.AccessLevels;

/// <summary>A level version as the catalogue shows it, with how many agreements point at it.</summary>
public sealed record AccessLevelView(int Id, string Code, int Version, bool IsCurrent, string Name, string? Description,
    IReadOnlyList<string> Fields, bool RequiresConsent, bool AllowsNameSearch, DateTime CreatedUtc, int AgreementCount);

/// <summary>
/// The catalogue of access levels. Editing never rewrites a level: it adds version N+1 and retires
/// version N, so agreements and audit records keep pointing at the fields they were signed for
/// (an agreement moves to the new version only through an amendment; docs/decisions).
/// </summary>
public sealed class AccessLevelService(
    IDbContextFactory<ConsultaDbContext> contexts, IValidator<AccessLevelInput> validator, ChangeLog changes)
{
    public const string EntityType = "NivelAcceso";

    /// <summary>The four standard levels, which can never be deleted (the UI does not offer it).</summary>
    public static bool IsStandard(string code) => Standard.Contains(code);

    private static readonly HashSet<string> Standard =
        [StandardAccessLevels.Contrastacion, StandardAccessLevels.Basico, StandardAccessLevels.Ampliado, StandardAccessLevels.Completo];

    /// <summary>The current version of each level, or every version when <paramref name="allVersions"/>.</summary>
    public async Task<ServiceResult<IReadOnlyList<AccessLevelView>>> ListAsync(Actor actor, bool allVersions = false, string? code = null, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<IReadOnlyList<AccessLevelView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.AccessLevels.AsNoTracking();
        if (!allVersions) query = query.Where(l => l.IsCurrent);
        if (code is not null) query = query.Where(l => l.Code == code);
        var levels = await query.OrderBy(l => l.Code).ThenByDescending(l => l.Version).ToListAsync(ct);
        var ids = levels.Select(l => l.Id).ToList();
        var usage = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.AccessLevelId))
            .GroupBy(a => a.AccessLevelId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Standard levels first, in their numbered order; the rest by code.
        var ordered = levels.OrderBy(l => Standard.Contains(l.Code) ? StandardOrder(l.Code) : 9).ThenBy(l => l.Code).ThenByDescending(l => l.Version);
        return ServiceResult<IReadOnlyList<AccessLevelView>>.Ok(ordered.Select(l => View(l, usage.GetValueOrDefault(l.Id))).ToList());
    }

    public async Task<ServiceResult<AccessLevelView>> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanReadAgreements()) return ServiceResult<AccessLevelView>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var level = await db.AccessLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (level is null) return NotFound();
        return ServiceResult<AccessLevelView>.Ok(View(level, await db.Agreements.CountAsync(a => a.AccessLevelId == id, ct)));
    }

    public async Task<ServiceResult<AccessLevelView>> CreateAsync(Actor actor, AccessLevelInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageAccessLevels()) return ServiceResult<AccessLevelView>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<AccessLevelView>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.AccessLevels.AnyAsync(l => l.Code == data.Code, ct))
            return ServiceResult<AccessLevelView>.Conflict(nameof(AccessLevelInput.Code), $"Ya existe un nivel con el código {data.Code}.");

        var level = NewVersion(data, 1);
        db.AccessLevels.Add(level);
        changes.Add(db, actor, EntityType, level.Code, "Creado", null, null, Snapshot(level));
        await db.SaveChangesAsync(ct);
        return ServiceResult<AccessLevelView>.Ok(View(level, 0));
    }

    /// <summary>Adds a new version of the level (the code does not change) and retires the edited one.</summary>
    public async Task<ServiceResult<AccessLevelView>> UpdateAsync(Actor actor, int id, AccessLevelInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageAccessLevels()) return ServiceResult<AccessLevelView>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await db.AccessLevels.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (current is null) return NotFound();
        if (!current.IsCurrent)
            return ServiceResult<AccessLevelView>.Conflict(nameof(AccessLevelInput.Code), $"La versión {current.Version} de {current.Code} ya fue reemplazada; edite la versión vigente.");

        var data = input.Normalized();
        data.Code = current.Code;
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<AccessLevelView>.Invalid(invalid);

        var before = Snapshot(current);
        var next = NewVersion(data, current.Version + 1);
        if (Snapshot(next) with { Version = before.Version } == before)
            return ServiceResult<AccessLevelView>.Ok(View(current, await db.Agreements.CountAsync(a => a.AccessLevelId == id, ct)));

        current.IsCurrent = false;
        db.AccessLevels.Add(next);
        changes.Add(db, actor, EntityType, current.Code, $"Nueva versión {next.Version}", null, before, Snapshot(next));
        await db.SaveChangesAsync(ct);
        return ServiceResult<AccessLevelView>.Ok(View(next, 0));
    }

    /// <summary>Deletes every version of a level that nothing ever used; standard levels stay.</summary>
    public async Task<ServiceResult<string>> DeleteAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanManageAccessLevels()) return ServiceResult<string>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var level = await db.AccessLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (level is null) return ServiceResult<string>.NotFound("El nivel de acceso no existe.");
        if (Standard.Contains(level.Code))
            return ServiceResult<string>.Conflict(nameof(AccessLevelInput.Code), "Los cuatro niveles estándar no se pueden eliminar.");

        var versions = await db.AccessLevels.Where(l => l.Code == level.Code).ToListAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var inUse = await db.Agreements.AnyAsync(a => ids.Contains(a.AccessLevelId), ct)
            || await db.AgreementAmendments.AnyAsync(a => a.NewAccessLevelId != null && ids.Contains(a.NewAccessLevelId.Value), ct)
            || await db.AuditRecords.AnyAsync(r => r.AccessLevelId != null && ids.Contains(r.AccessLevelId.Value), ct);
        if (inUse)
            return ServiceResult<string>.Conflict(nameof(AccessLevelInput.Code), $"El nivel {level.Code} está en uso en convenios, adendas o consultas y no se puede eliminar.");

        db.AccessLevels.RemoveRange(versions);
        changes.Add(db, actor, EntityType, level.Code, "Eliminado", null, Snapshot(versions.Single(v => v.IsCurrent)), null);
        await db.SaveChangesAsync(ct);
        return ServiceResult<string>.Ok(level.Code);
    }

    private static AccessLevel NewVersion(AccessLevelInput d, int version) => new()
    {
        Code = d.Code!, Version = version, IsCurrent = true, Name = d.Name!, Description = d.Description,
        Fields = [.. d.Fields], RequiresConsent = d.RequiresConsent, AllowsNameSearch = d.AllowsNameSearch,
    };

    private static int StandardOrder(string code) => code switch
    {
        StandardAccessLevels.Contrastacion => 1,
        StandardAccessLevels.Basico => 2,
        StandardAccessLevels.Ampliado => 3,
        _ => 4,
    };

    private static ServiceResult<AccessLevelView> NotFound() => ServiceResult<AccessLevelView>.NotFound("El nivel de acceso no existe.");

    private static AccessLevelView View(AccessLevel l, int agreements) =>
        new(l.Id, l.Code, l.Version, l.IsCurrent, l.Name, l.Description, l.Fields, l.RequiresConsent, l.AllowsNameSearch, l.CreatedUtc, agreements);

    // The names are the stored change history's JSON keys (Spanish, as the history page shows them).
    private sealed record LevelHistorySnapshot(
        [property: JsonPropertyName("codigo")] string Codigo,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("nombre")] string Nombre,
        [property: JsonPropertyName("descripcion")] string? Descripcion,
        [property: JsonPropertyName("campos")] string Campos,
        [property: JsonPropertyName("requiereConsentimiento")] bool RequiereConsentimiento,
        [property: JsonPropertyName("busquedaPorNombre")] bool BusquedaPorNombre);

    private static LevelHistorySnapshot Snapshot(AccessLevel l) =>
        new(l.Code, l.Version, l.Name, l.Description, string.Join(", ", l.Fields), l.RequiresConsent, l.AllowsNameSearch);
}
