using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Core.Features.Operations;

/// <summary>
/// The operations page's figures per institution for the last hour, day and 30 days. Volumes, refusals by
/// reason and the web / web-service split are counted from the bitácora; answer times come from the meter
/// (<see cref="AnswerTimeWindows"/>: audit records store no duration) and quota use from the statistics service.
/// <para>
/// Records are counted once: per-minute cells for the last hour and per-hour cells for 30 days, kept in memory.
/// The first call reads 30 days of the chain (its four smallest columns); each later call only the records
/// appended since, found by sequence number. Stale cells are dropped as time moves on.
/// </para>
/// </summary>
public sealed class OperationsStatisticsService(
    IDbContextFactory<ConsultaDbContext> contexts, AuditStatisticsService statistics, ConsultaMetrics metrics, TimeProvider time)
{
    private readonly record struct TrafficCell(int? InstitutionId, Channel Channel, RefusalReason? Reason);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private readonly CellCountSlots minutes = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(61));
    private readonly CellCountSlots hours = new(TimeSpan.FromHours(1), TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
    private long countedUpTo = -1;

    public async Task<OperationsReport> ComputeAsync(OperationsWindow window, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = now - window.Length();
        Dictionary<TrafficCell, long> cells;
        await refresh.WaitAsync(ct);
        try
        {
            await CountNewRecordsAsync(now, ct);
            cells = (window == OperationsWindow.Hour ? minutes : hours).SumSince(from);
        }
        finally
        {
            refresh.Release();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await AuditSearchService.NamesAsync(db, ct);
        var quotas = (await statistics.CurrentQuotasAsync(ct)).GroupBy(q => q.InstitutionId).ToDictionary(g => g.Key, g => g.First());
        var institutions = cells.Keys.Select(c => c.InstitutionId).Concat(quotas.Keys.Select(k => (int?)k)).Distinct()
            .Select(id =>
            {
                var mine = cells.Where(c => c.Key.InstitutionId == id).ToList();
                return new InstitutionOperations(
                    id,
                    id is { } i ? names.Institutions.GetValueOrDefault(i, $"Institución {i}") : "Sin institución (credencial inválida)",
                    mine.Sum(c => c.Value),
                    mine.Where(c => c.Key.Channel == Channel.Web).Sum(c => c.Value),
                    mine.Where(c => c.Key.Channel == Channel.WebService).Sum(c => c.Value),
                    Refusals(mine),
                    id is { } m ? metrics.AnswerTimes.Summarize(m, window.Length(), now) : null,
                    id is { } q ? quotas.GetValueOrDefault(q) : null);
            })
            .OrderByDescending(i => i.Volume).ThenBy(i => i.Name).ToList();
        return new OperationsReport(window, from, now, institutions, Refusals(cells));
    }

    private static List<CountBy<RefusalReason>> Refusals(IEnumerable<KeyValuePair<TrafficCell, long>> cells) => cells
        .Where(c => c.Key.Reason is not null)
        .GroupBy(c => c.Key.Reason!.Value)
        .Select(g => new CountBy<RefusalReason>(g.Key, g.Key.Label(), (int)g.Sum(c => c.Value)))
        .OrderByDescending(r => r.Count).ToList();

    /// <summary>Adds the records appended since the last call (the first call: those of the last 30 days).</summary>
    private async Task CountNewRecordsAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (countedUpTo < 0)
        {
            // Time never runs backwards along the chain, so the first record of the period starts its stretch.
            var since = nowUtc - hours.Retention;
            var first = await db.AuditRecords.AsNoTracking().Where(r => r.TimestampUtc >= since).OrderBy(r => r.TimestampUtc)
                .Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
            countedUpTo = first is { } f ? f - 1 : await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        }
        var fresh = db.AuditRecords.AsNoTracking().Where(r => r.Sequence > countedUpTo).OrderBy(r => r.Sequence)
            .Select(r => new { r.Sequence, r.TimestampUtc, r.InstitutionId, r.Channel, r.RefusalReason }).AsAsyncEnumerable();
        await foreach (var r in fresh.WithCancellation(ct))
        {
            var cell = new TrafficCell(r.InstitutionId, r.Channel, r.RefusalReason);
            minutes.Add(r.TimestampUtc, cell);
            hours.Add(r.TimestampUtc, cell);
            countedUpTo = r.Sequence;
        }
        minutes.DropBefore(nowUtc);
        hours.DropBefore(nowUtc);
    }

    /// <summary>Counts per cell in time slots of one width, kept for a retention period.</summary>
    private sealed class CellCountSlots(TimeSpan width, TimeSpan retention)
    {
        private readonly SortedDictionary<long, Dictionary<TrafficCell, long>> bySlot = new();

        public TimeSpan Retention => retention;

        public void Add(DateTime utc, TrafficCell cell)
        {
            var key = utc.Ticks / width.Ticks;
            if (!bySlot.TryGetValue(key, out var counts)) bySlot[key] = counts = new Dictionary<TrafficCell, long>();
            counts[cell] = counts.GetValueOrDefault(cell) + 1;
        }

        public void DropBefore(DateTime nowUtc)
        {
            var oldest = (nowUtc - retention).Ticks / width.Ticks;
            foreach (var stale in bySlot.Keys.TakeWhile(k => k < oldest).ToList()) bySlot.Remove(stale);
        }

        /// <summary>Every slot overlapping [since, now]: a window is exact to one slot width.</summary>
        public Dictionary<TrafficCell, long> SumSince(DateTime sinceUtc)
        {
            var first = sinceUtc.Ticks / width.Ticks;
            var sum = new Dictionary<TrafficCell, long>();
            foreach (var (key, counts) in bySlot)
            {
                if (key < first) continue;
                foreach (var (cell, n) in counts) sum[cell] = sum.GetValueOrDefault(cell) + n;
            }
            return sum;
        }
    }
}
