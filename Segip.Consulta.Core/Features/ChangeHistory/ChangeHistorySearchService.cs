using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Core.Features.ChangeHistory;

/// <summary>
/// What to look for in the change history; dates are Bolivian days, both included. Settable so the page's filter form
/// binds to it directly; the search gets a copy (<c>with { }</c>), never the instance being edited.
/// </summary>
public sealed record ChangeHistoryFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? InstitutionId { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>Text contained in the user name of who made the change.</summary>
    public string? UserName { get; set; }
    public string? Action { get; set; }
    /// <summary>False leaves out the accounts' sign-in records unless "Cuenta" is asked for by type.</summary>
    public bool IncludeSignIns { get; set; } = true;

    public ChangeHistoryFilter Normalized() => this with
    {
        EntityType = Clean(EntityType), EntityId = Clean(EntityId), UserName = Clean(UserName), Action = Clean(Action),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class ChangeHistoryFilterValidator : AbstractValidator<ChangeHistoryFilter>
{
    public ChangeHistoryFilterValidator()
    {
        RuleFor(x => x.To).NotBefore(x => x.From);
        RuleFor(x => x.UserName).MaximumLength(256).WithMessage("El usuario tiene como máximo 256 caracteres.");
        RuleFor(x => x.EntityId).MaximumLength(60).WithMessage("El identificador tiene como máximo 60 caracteres.");
    }
}

public sealed record ChangeRow(long Id, DateTime TimestampUtc, string? UserName, string EntityType, string EntityId, string Action,
    int? InstitutionId, string? InstitutionName, string? Before, string? After);

public sealed record ChangePage(IReadOnlyList<ChangeRow> Rows, int Total);

/// <summary>
/// Searches the change history of staff actions. Auditors and SEGIP administrators see every change;
/// an institution administrator only the changes to its own institution.
/// </summary>
public sealed class ChangeHistorySearchService(IDbContextFactory<ConsultaDbContext> contexts, IValidator<ChangeHistoryFilter> validator)
{
    public async Task<ServiceResult<ChangePage>> SearchAsync(Actor actor, ChangeHistoryFilter filter, bool descending = true,
        int page = 0, int pageSize = 25, CancellationToken ct = default)
    {
        var data = filter.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<ChangePage>.Invalid(invalid);
        if (!actor.CanReadAllAudit())
        {
            if (!actor.CanAdministerOwnInstitution() || actor.InstitutionId is not { } own)
                return ServiceResult<ChangePage>.Forbidden("No tiene permiso para consultar el historial de cambios.");
            if (data.InstitutionId is { } asked && asked != own)
                return ServiceResult<ChangePage>.Forbidden("Solo puede consultar el historial de su institución.");
            data = data with { InstitutionId = own };
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.ChangeRecords.AsNoTracking();
        if (data.From is { } from)
        {
            var start = AuditSearchFilter.StartUtc(from);
            q = q.Where(c => c.TimestampUtc >= start);
        }
        if (data.To is { } to)
        {
            var end = AuditSearchFilter.StartUtc(to.AddDays(1));
            q = q.Where(c => c.TimestampUtc < end);
        }
        if (data.InstitutionId is { } institution) q = q.Where(c => c.InstitutionId == institution);
        if (data.EntityType is { } type) q = q.Where(c => c.EntityType == type);
        else if (!data.IncludeSignIns) q = q.Where(c => c.EntityType != SignInHistory.EntityType);
        if (data.EntityId is { } entity) q = q.Where(c => c.EntityId == entity);
        if (data.Action is { } action) q = q.Where(c => c.Action == action);
        if (data.UserName is { } user) q = q.Where(c => c.UserName != null && c.UserName.Contains(user));

        var total = await q.CountAsync(ct);
        var ordered = descending ? q.OrderByDescending(c => c.Id) : q.OrderBy(c => c.Id);
        var records = await ordered.Skip(Math.Max(0, page) * Math.Clamp(pageSize, 1, 200)).Take(Math.Clamp(pageSize, 1, 200)).ToListAsync(ct);
        var names = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var rows = records.Select(c => new ChangeRow(c.Id, c.TimestampUtc, c.UserName, c.EntityType, c.EntityId, c.Action, c.InstitutionId,
            c.InstitutionId is { } id ? names.GetValueOrDefault(id) : null, c.Before, c.After)).ToList();
        return ServiceResult<ChangePage>.Ok(new ChangePage(rows, total));
    }

    /// <summary>The entity types and actions recorded so far, for the filter lists.</summary>
    public async Task<(IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Actions)> FilterValuesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var types = await db.ChangeRecords.Select(c => c.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var actions = await db.ChangeRecords.Select(c => c.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        return (types, actions);
    }
}
