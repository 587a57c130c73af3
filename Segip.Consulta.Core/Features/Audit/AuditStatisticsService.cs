using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

public sealed record CountBy<TKey>(TKey Key, string Label, int Count);

/// <summary>A month of the Bolivian calendar and its number of records.</summary>
public sealed record MonthCount(int Year, int Month, int Count)
{
    public string Label => $"{Month:00}/{Year}";
}

/// <summary>An agreement's monthly quota and how much of it the current Bolivian month has used.</summary>
public sealed record QuotaUse(int InstitutionId, string InstitutionName, string AgreementNumber, int? MonthlyQuota, int Used)
{
    public double? Percent => MonthlyQuota is > 0 and var q ? Math.Round(100.0 * Used / q, 1) : null;
}

/// <summary>Counts of a search (years and months in Bolivian time).</summary>
public sealed record AuditStatistics(
    int Total,
    IReadOnlyList<CountBy<int>> ByYear,
    IReadOnlyList<MonthCount> ByMonth,
    IReadOnlyList<CountBy<int?>> ByInstitution,
    IReadOnlyList<CountBy<Channel>> ByChannel,
    IReadOnlyList<CountBy<QueryResult>> ByResult,
    IReadOnlyList<QuotaUse> Quotas);

/// <summary>
/// Statistics over any search of the bitácora, with the actor's scope: counts by year, month,
/// institution, channel and result (the source deck's "Consultas realizadas a la fecha" is the count
/// by year with its total), and the quota each agreement in force has used this month.
/// </summary>
public sealed class AuditStatisticsService(IDbContextFactory<ConsultaDbContext> contexts, TimeProvider time)
{
    public async Task<AuditStatistics> ComputeAsync(AuditScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = AuditFilterQuery.Apply(db.AuditRecords.AsNoTracking(), scope.Filter);
        var offsetHours = BoliviaClock.Offset.TotalHours;

        var months = await query
            .Select(r => r.TimestampUtc.AddHours(offsetHours))
            .GroupBy(t => new { t.Year, t.Month })
            .Select(g => new MonthCount(g.Key.Year, g.Key.Month, g.Count()))
            .ToListAsync(ct);
        months = months.OrderBy(m => m.Year).ThenBy(m => m.Month).ToList();
        var years = months.GroupBy(m => m.Year).OrderBy(g => g.Key)
            .Select(g => new CountBy<int>(g.Key, g.Key.ToString(), g.Sum(m => m.Count))).ToList();

        var names = await AuditSearchService.NamesAsync(db, ct);
        var institutions = (await query.GroupBy(r => r.InstitutionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(x => new CountBy<int?>(x.Key, x.Key is { } id ? names.Institutions.GetValueOrDefault(id, $"Institución {id}") : "Sin institución (no autenticado)", x.Count))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Label).ToList();
        var channels = (await query.GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(x => new CountBy<Channel>(x.Key, x.Key.ToString(), x.Count)).OrderBy(x => x.Key).ToList();
        var results = (await query.GroupBy(r => r.Result).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(x => new CountBy<QueryResult>(x.Key, x.Key.ToString(), x.Count)).OrderBy(x => x.Key).ToList();

        return new AuditStatistics(months.Sum(m => m.Count), years, months, institutions, channels, results,
            await QuotasAsync(db, scope.Filter.InstitutionId, ct));
    }

    /// <summary>
    /// Agreements in force (of one institution when the scope names it) and their use, counted as the query
    /// gate counts against the quota: answered queries, not refusals or certificates.
    /// </summary>
    private async Task<IReadOnlyList<QuotaUse>> QuotasAsync(ConsultaDbContext db, int? institutionId, CancellationToken ct)
    {
        var monthStart = BoliviaClock.MonthStartUtc(time);
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.VIGENTE && (institutionId == null || a.InstitutionId == institutionId))
            .Select(a => new { a.Id, a.InstitutionId, Institution = a.Institution!.Name, a.Number, a.MonthlyQuota })
            .ToListAsync(ct);
        var ids = agreements.Select(a => (int?)a.Id).ToList();
        var used = await db.AuditRecords.AsNoTracking()
            .Where(r => ids.Contains(r.AgreementId) && r.TimestampUtc >= monthStart
                && r.Result != QueryResult.DENEGADO && r.QueryType != QueryType.CERTIFICADO)
            .GroupBy(r => r.AgreementId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        return agreements
            .Select(a => new QuotaUse(a.InstitutionId, a.Institution, a.Number, a.MonthlyQuota, used.GetValueOrDefault(a.Id)))
            .OrderBy(q => q.InstitutionName).ToList();
    }
}
