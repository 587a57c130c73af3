using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Audit;

public sealed record CountBy<TKey>(TKey Key, string Label, int Count);

/// <summary>A month of the Bolivian calendar and its number of records.</summary>
public sealed record MonthCount(int Year, int Month, int Count, int CertificatesIssued = 0)
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
    IReadOnlyList<QuotaUse> Quotas,
    int CertificatesIssued = 0);

/// <summary>
/// Statistics over any search of the bitácora, with the actor's scope: counts by year, month,
/// institution, channel and result (the source deck's "Consultas realizadas a la fecha" is the count
/// by year with its total), and the quota each agreement in force has used this month.
/// <para>
/// The search is counted one Bolivian month at a time, each month read as its own stretch of the chain.
/// A month the chain has left behind (its last instant is before the newest record's) can never change:
/// the log is append-only and the writer never lets time go backwards. Counts are kept in memory per month
/// and filter, and of the current month only the records appended since the last count are read (ten
/// million records: seconds once, then milliseconds). Tampering with old records is the chain
/// verification's business, not the statistics'.
/// </para>
/// </summary>
public sealed class AuditStatisticsService(IDbContextFactory<ConsultaDbContext> contexts, TimeProvider time)
{
    /// <summary>Bounds the memory of searches kept (a few hundred small rows per month and filter).</summary>
    private const int MaxCachedMonths = 20_000;
    private readonly ConcurrentDictionary<AuditSearchFilter, Counted> months = new();
    private volatile QuotaCount? quotaCount;

    private sealed record ResultCount(int? InstitutionId, Channel Channel, QueryResult Result, int Count);

    /// <summary>A month's counts up to a sequence (<see cref="long.MaxValue"/>: the whole month, which is over).</summary>
    private sealed record Counted(long UpTo, IReadOnlyList<ResultCount> Cells);

    /// <summary>The current month's quota use per agreement, up to a sequence.</summary>
    private sealed record QuotaCount(DateTime MonthStartUtc, long UpTo, IReadOnlyDictionary<int, int> Used);

    public async Task<AuditStatistics> ComputeAsync(AuditScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var filter = scope.Filter;
        var tail = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => (DateTime?)r.TimestampUtc).FirstOrDefaultAsync(ct);
        var head = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).Select(r => (DateTime?)r.TimestampUtc).FirstOrDefaultAsync(ct);
        var months = new List<MonthCount>();
        var cells = new List<ResultCount>();
        if (tail is { } tailUtc && head is { } headUtc)
        {
            var from = Later(filter.From, Day(headUtc));
            var to = Earlier(filter.To, Day(tailUtc));
            for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            {
                var part = filter with { From = Later(month, from), To = Earlier(month.AddMonths(1).AddDays(-1), to) };
                var counted = await MonthAsync(db, part, tailUtc, ct);
                // A certificate issuance is audited too (result EMITIDO) but is not a query: counted apart.
                var total = counted.Where(c => c.Result != QueryResult.Issued).Sum(c => c.Count);
                var issued = counted.Where(c => c.Result == QueryResult.Issued).Sum(c => c.Count);
                if (total == 0 && issued == 0) continue;
                months.Add(new MonthCount(month.Year, month.Month, total, issued));
                cells.AddRange(counted.Where(c => c.Result != QueryResult.Issued));
            }
        }
        var years = months.GroupBy(m => m.Year).OrderBy(g => g.Key)
            .Select(g => new CountBy<int>(g.Key, g.Key.ToString(), g.Sum(m => m.Count))).ToList();

        var names = await AuditSearchService.NamesAsync(db, ct);
        var institutions = cells.GroupBy(c => c.InstitutionId)
            .Select(g => new CountBy<int?>(g.Key, g.Key is { } id ? names.Institutions.GetValueOrDefault(id, $"Institución {id}") : "Sin institución (no autenticado)", g.Sum(c => c.Count)))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Label).ToList();
        var channels = cells.GroupBy(c => c.Channel)
            .Select(g => new CountBy<Channel>(g.Key, g.Key.ToCode(), g.Sum(c => c.Count))).OrderBy(x => x.Key).ToList();
        var results = cells.GroupBy(c => c.Result)
            .Select(g => new CountBy<QueryResult>(g.Key, g.Key.ToCode(), g.Sum(c => c.Count))).OrderBy(x => x.Key).ToList();

        return new AuditStatistics(months.Sum(m => m.Count), years, months, institutions, channels, results,
            await QuotasAsync(db, filter.InstitutionId, ct), months.Sum(m => m.CertificatesIssued));
    }

    /// <summary>
    /// Computes the whole log's statistics once (an auditor's first visit to the statistics page), so the
    /// months the chain has left behind are counted before anyone waits for them.
    /// </summary>
    public Task WarmUpAsync(CancellationToken ct) =>
        ComputeAsync(new AuditScope(new AuditSearchFilter(), new Actor("sistema", new HashSet<string> { Roles.Auditor }, null)), ct);

    /// <summary>
    /// Counts of one month's part of the search, by institution, channel and result. Without a key filter the
    /// month is a stretch of the chain: only the records appended since the last count are read. With one, the
    /// key's index is read; a month that is over is kept, the current one read again.
    /// </summary>
    private async Task<IReadOnlyList<ResultCount>> MonthAsync(ConsultaDbContext db, AuditSearchFilter part, DateTime tailUtc, CancellationToken ct)
    {
        var over = AuditSearchFilter.StartUtc(part.To!.Value.AddDays(1)) <= tailUtc;
        months.TryGetValue(part, out var kept);
        if (kept is { UpTo: long.MaxValue }) return kept.Cells;
        var query = await AuditQuery.CreateAsync(db, part, ct);
        if (query.Range is { } range)
        {
            if (kept is not null && kept.UpTo >= range.Last) return kept.Cells;
            var from = kept is null ? range.First : Math.Max(range.First, kept.UpTo + 1);
            var fresh = await CountAsync(AuditQuery.ForRange(db, part, new(from, range.Last)).Records, ct);
            var cells = kept is null ? fresh : Merge(kept.Cells, fresh);
            Keep(part, new Counted(over ? long.MaxValue : range.Last, cells));
            return cells;
        }
        var all = await CountAsync(query.Records, ct);
        if (over) Keep(part, new Counted(long.MaxValue, all));
        return all;
    }

    private static Task<List<ResultCount>> CountAsync(IQueryable<AuditRecord> records, CancellationToken ct) =>
        records.GroupBy(r => new { r.InstitutionId, r.Channel, r.Result })
            .Select(g => new ResultCount(g.Key.InstitutionId, g.Key.Channel, g.Key.Result, g.Count()))
            .ToListAsync(ct);

    private static List<ResultCount> Merge(IEnumerable<ResultCount> a, IEnumerable<ResultCount> b) =>
        a.Concat(b).GroupBy(c => (c.InstitutionId, c.Channel, c.Result))
            .Select(g => new ResultCount(g.Key.InstitutionId, g.Key.Channel, g.Key.Result, g.Sum(c => c.Count))).ToList();

    private void Keep(AuditSearchFilter part, Counted counted)
    {
        if (months.Count >= MaxCachedMonths) months.Clear();
        months[part] = counted;
    }

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(BoliviaClock.ToLocal(utc));
    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
    private static DateOnly Earlier(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;

    /// <summary>Every agreement in force and its use this Bolivian month (the operations page).</summary>
    public async Task<IReadOnlyList<QuotaUse>> CurrentQuotasAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await QuotasAsync(db, null, ct);
    }

    /// <summary>
    /// Agreements in force (of one institution when the scope names it) and their use, counted as the query
    /// gate counts against the quota: answered queries, not refusals or certificates.
    /// </summary>
    private async Task<IReadOnlyList<QuotaUse>> QuotasAsync(ConsultaDbContext db, int? institutionId, CancellationToken ct)
    {
        var monthStart = BoliviaClock.MonthStartUtc(time);
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.InForce && (institutionId == null || a.InstitutionId == institutionId))
            .Select(a => new { a.Id, a.InstitutionId, Institution = a.Institution!.Name, a.Number, a.MonthlyQuota })
            .ToListAsync(ct);
        var used = await QuotaUseAsync(db, monthStart, ct);
        return agreements
            .Select(a => new QuotaUse(a.InstitutionId, a.Institution, a.Number, a.MonthlyQuota, used.GetValueOrDefault(a.Id)))
            .OrderBy(q => q.InstitutionName).ToList();
    }

    /// <summary>
    /// Every agreement's use this Bolivian month, read as the month's stretch of the chain: after the first
    /// count only the records appended since are read.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, int>> QuotaUseAsync(ConsultaDbContext db, DateTime monthStartUtc, CancellationToken ct)
    {
        var month = await AuditQuery.RangeAsync(db, new AuditSearchFilter { From = DateOnly.FromDateTime(BoliviaClock.ToLocal(monthStartUtc)) }, ct);
        var kept = quotaCount is { } k && k.MonthStartUtc == monthStartUtc ? k : null;
        if (kept is not null && kept.UpTo >= month.Last) return kept.Used;
        var (first, last) = (kept is null ? month.First : Math.Max(month.First, kept.UpTo + 1), month.Last);
        var fresh = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Sequence >= first && r.Sequence <= last && r.AgreementId != null
                && r.Result != QueryResult.Refused && r.QueryType != QueryType.Certificate)
            .GroupBy(r => r.AgreementId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var used = new Dictionary<int, int>(kept?.Used ?? new Dictionary<int, int>());
        foreach (var x in fresh) used[x.Key!.Value] = used.GetValueOrDefault(x.Key!.Value) + x.Count;
        quotaCount = new QuotaCount(monthStartUtc, month.Last, used);
        return used;
    }
}
