using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.EndUsers;

/// <summary>An end user as lists and forms show it.</summary>
public sealed record EndUserView(int Id, int InstitutionId, string Code, string DocumentNumber, string FullName,
    string? Position, string? Email, bool IsEnabled, string? DisabledReason, DateTime UpdatedUtc);

/// <summary>
/// Registers, edits, enables and disables an institution's end users. Scope is enforced here: an
/// institution admin (or an institution's web-service credential) only ever reaches its own.
/// </summary>
public sealed class EndUserService(
    IDbContextFactory<ConsultaDbContext> contexts, IValidator<EndUserInput> validator, ChangeLog changes)
{
    public const string EntityType = "UsuarioFinal";

    public async Task<ServiceResult<IReadOnlyList<EndUserView>>> ListAsync(Actor actor, int institutionId, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<IReadOnlyList<EndUserView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.EndUsers.AsNoTracking().Where(u => u.InstitutionId == institutionId)
            .OrderBy(u => u.Code).Select(u => View(u)).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<EndUserView>>.Ok(list);
    }

    /// <summary>A page of the institution's end users, filtered, with the web login each one has.</summary>
    public async Task<ServiceResult<PagedResult<EndUserRow>>> SearchAsync(Actor actor, int institutionId, EndUserSearch search, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<PagedResult<EndUserRow>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.EndUsers.AsNoTracking().Where(u => u.InstitutionId == institutionId);
        if (InputText.Clean(search.Text) is { } text)
        {
            var like = SearchPattern.Contains(text);
            query = query.Where(u => EF.Functions.Like(u.Code, like, SearchPattern.Escape) || EF.Functions.Like(u.DocumentNumber, like, SearchPattern.Escape)
                || EF.Functions.Like(u.FullName, like, SearchPattern.Escape));
        }
        if (search.Enabled is { } enabled) query = query.Where(u => u.IsEnabled == enabled);
        var total = await query.CountAsync(ct);
        var users = await query.OrderBy(u => u.Code).Skip(search.Skip).Take(search.Take).Select(u => View(u)).ToListAsync(ct);
        var ids = users.Select(u => (int?)u.Id).ToList();
        var logins = await db.Users.AsNoTracking().Where(a => ids.Contains(a.EndUserId))
            .Select(a => new { a.EndUserId, a.Email }).ToListAsync(ct);
        var rows = users.Select(u => new EndUserRow(u, logins.FirstOrDefault(l => l.EndUserId == u.Id)?.Email)).ToList();
        return ServiceResult<PagedResult<EndUserRow>>.Ok(new(rows, total));
    }

    public async Task<ServiceResult<EndUserView>> GetAsync(Actor actor, int institutionId, string code, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<EndUserView>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = code.Trim().ToUpperInvariant();
        var user = await db.EndUsers.AsNoTracking().FirstOrDefaultAsync(u => u.InstitutionId == institutionId && u.Code == normalized, ct);
        return user is null ? NotFound(code) : ServiceResult<EndUserView>.Ok(View(user));
    }

    public async Task<ServiceResult<EndUserView>> RegisterAsync(Actor actor, int institutionId, EndUserInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<EndUserView>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<EndUserView>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Institutions.AnyAsync(i => i.Id == institutionId, ct))
            return ServiceResult<EndUserView>.NotFound("La institución no existe.");
        if (await db.EndUsers.AnyAsync(u => u.InstitutionId == institutionId && u.Code == data.Code, ct))
            return ServiceResult<EndUserView>.Conflict(nameof(EndUserInput.Code), $"Ya existe un usuario final con el código {data.Code} en la institución.");

        var user = new EndUser
        {
            InstitutionId = institutionId, Code = data.Code!, DocumentNumber = data.DocumentNumber!, FullName = data.FullName!,
            Position = data.Position, Email = data.Email, IsEnabled = true,
        };
        db.EndUsers.Add(user);
        changes.Add(db, actor, EntityType, $"{institutionId}:{user.Code}", "Registrado", institutionId, null, Snapshot(user));
        await db.SaveChangesAsync(ct);
        return ServiceResult<EndUserView>.Ok(View(user));
    }

    /// <summary>Edits the person's data; the code identifies the user and does not change.</summary>
    public async Task<ServiceResult<EndUserView>> UpdateAsync(Actor actor, int institutionId, string code, EndUserInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<EndUserView>.Forbidden();
        var data = input.Normalized();
        data.Code = code.Trim().ToUpperInvariant();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<EndUserView>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.EndUsers.FirstOrDefaultAsync(u => u.InstitutionId == institutionId && u.Code == data.Code, ct);
        if (user is null) return NotFound(code);
        var before = Snapshot(user);
        user.DocumentNumber = data.DocumentNumber!;
        user.FullName = data.FullName!;
        user.Position = data.Position;
        user.Email = data.Email;
        changes.Add(db, actor, EntityType, $"{institutionId}:{user.Code}", "Editado", institutionId, before, Snapshot(user));
        await db.SaveChangesAsync(ct);
        return ServiceResult<EndUserView>.Ok(View(user));
    }

    public Task<ServiceResult<EndUserView>> EnableAsync(Actor actor, int institutionId, string code, CancellationToken ct = default) =>
        SetEnabledAsync(actor, institutionId, code, true, null, ct);

    public Task<ServiceResult<EndUserView>> DisableAsync(Actor actor, int institutionId, string code, string? reason, CancellationToken ct = default) =>
        SetEnabledAsync(actor, institutionId, code, false, reason, ct);

    private async Task<ServiceResult<EndUserView>> SetEnabledAsync(Actor actor, int institutionId, string code, bool enabled, string? reason, CancellationToken ct)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<EndUserView>.Forbidden();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 500 }) return ServiceResult<EndUserView>.Invalid("motivo", "El motivo no puede pasar de 500 caracteres.");

        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = code.Trim().ToUpperInvariant();
        var user = await db.EndUsers.FirstOrDefaultAsync(u => u.InstitutionId == institutionId && u.Code == normalized, ct);
        if (user is null) return NotFound(code);
        if (user.IsEnabled == enabled && (enabled || user.DisabledReason == reason)) return ServiceResult<EndUserView>.Ok(View(user));

        var before = Snapshot(user);
        user.IsEnabled = enabled;
        user.DisabledReason = enabled ? null : reason ?? "Inhabilitado por la institución.";
        changes.Add(db, actor, EntityType, $"{institutionId}:{user.Code}", enabled ? "Habilitado" : "Inhabilitado", institutionId, before, Snapshot(user));
        await db.SaveChangesAsync(ct);
        return ServiceResult<EndUserView>.Ok(View(user));
    }

    private static ServiceResult<EndUserView> NotFound(string code) =>
        ServiceResult<EndUserView>.NotFound($"No existe el usuario final {code} en la institución.");

    private static EndUserView View(EndUser u) =>
        new(u.Id, u.InstitutionId, u.Code, u.DocumentNumber, u.FullName, u.Position, u.Email, u.IsEnabled, u.DisabledReason, u.UpdatedUtc);

    private static object Snapshot(EndUser u) => new
    {
        codigo = u.Code, numeroDocumento = u.DocumentNumber, nombreCompleto = u.FullName, cargo = u.Position,
        correo = u.Email, habilitado = u.IsEnabled, motivo = u.DisabledReason,
    };
}
