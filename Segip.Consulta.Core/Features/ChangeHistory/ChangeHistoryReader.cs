using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.ChangeHistory;

/// <summary>A change as an entity's page shows it.</summary>
public sealed record ChangeView(long Id, DateTime TimestampUtc, string? UserName, string Action, string? Before, string? After);

/// <summary>
/// Reads one entity's change history. SEGIP staff and auditors read any; an institution admin only
/// the records of its own institution.
/// </summary>
public sealed class ChangeHistoryReader(IDbContextFactory<ConsultaDbContext> contexts)
{
    public async Task<ServiceResult<IReadOnlyList<ChangeView>>> ForEntityAsync(Actor actor, string entityType, string entityId, CancellationToken ct = default)
    {
        var staff = actor.CanReadAgreements();
        if (!staff && !actor.CanAdministerOwnInstitution())
            return ServiceResult<IReadOnlyList<ChangeView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ChangeRecords.AsNoTracking().Where(c => c.EntityType == entityType && c.EntityId == entityId);
        if (!staff) query = query.Where(c => c.InstitutionId == actor.InstitutionId);
        var list = await query.OrderByDescending(c => c.Id)
            .Select(c => new ChangeView(c.Id, c.TimestampUtc, c.UserName, c.Action, c.Before, c.After)).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<ChangeView>>.Ok(list);
    }
}
