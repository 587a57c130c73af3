using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>What the officer's query page needs to know about the signed-in officer.</summary>
public sealed record OfficerContext(
    int InstitutionId, string InstitutionName, string? EndUserCode, string? EndUserName,
    string? AgreementNumber, string? AccessLevelCode, string? AccessLevelName, bool AgreementInForce,
    bool RequiresConsent, bool AllowsNameSearch, bool AllowsDocumentQuery);

/// <summary>A row of "mis consultas".</summary>
public sealed record RecentQuery(Guid QueryId, DateTime TimestampUtc, QueryType Type, string SearchKeys,
    QueryResult Result, RefusalReason? Refusal, string? Purpose);

/// <summary>Reads the officer's institution, agreement and own recent queries.</summary>
public sealed class OfficerContextService(IDbContextFactory<ConsultaDbContext> contexts, TimeProvider time)
{
    public async Task<OfficerContext?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.InstitutionId, u.EndUserId }).FirstOrDefaultAsync(ct);
        if (user?.InstitutionId is not { } institutionId) return null;

        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == institutionId).Select(i => i.Name).FirstAsync(ct);
        var endUser = user.EndUserId is { } euId
            ? await db.EndUsers.AsNoTracking().Where(e => e.Id == euId).Select(e => new { e.Code, e.FullName }).FirstOrDefaultAsync(ct)
            : null;
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.AccessLevel)
            .Where(a => a.InstitutionId == institutionId && a.Status == AgreementStatus.InForce)
            .FirstOrDefaultAsync(ct);
        var level = agreement?.AccessLevel;
        return new OfficerContext(institutionId, institution, endUser?.Code, endUser?.FullName,
            agreement?.Number, level?.Code, level?.Name,
            agreement is not null && agreement.IsInForce(BoliviaClock.Today(time)),
            level?.RequiresConsent ?? false, level?.AllowsNameSearch ?? false, (level?.Fields.Count ?? 0) > 0);
    }

    /// <summary>"Mis consultas": an officer's own latest queries, for that officer (of that institution) only.</summary>
    public async Task<ServiceResult<IReadOnlyList<RecentQuery>>> RecentAsync(Actor actor, int institutionId, string endUserCode, int take = 20,
        CancellationToken ct = default)
    {
        if (!actor.CanQuery() || actor.InstitutionId != institutionId) return ServiceResult<IReadOnlyList<RecentQuery>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ServiceResult<IReadOnlyList<RecentQuery>>.Ok(await db.AuditRecords.AsNoTracking()
            .Where(r => r.InstitutionId == institutionId && r.EndUserCode == endUserCode && r.QueryType != QueryType.Certificate)
            .OrderByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence)
            .Take(take)
            .Select(r => new RecentQuery(r.QueryId, r.TimestampUtc, r.QueryType, r.SearchKeys, r.Result, r.RefusalReason, r.Purpose))
            .ToListAsync(ct));
    }
}
