using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// Reads the audit log after its remembered position and raises alerts (docs/domain.md, "Misuse
/// detection"). Off the query path: it only reads committed records, in sequence order.
/// <para>
/// Each pass reads bounded batches of the records after <see cref="DetectorPosition.LastSequence"/> (until the head
/// of the log, its first alert or <see cref="MisuseOptions.RecordsPerPass"/>) and adds them to per-subject running counters of their Bolivian day (end users, persons, institutions,
/// addresses; <see cref="MisuseDayIndex"/>, kept in memory: after a restart a day is read once from the log up
/// to the saved position, and records other instances reviewed meanwhile are added from the log). A rule of
/// <see cref="MisuseRules"/> runs for a subject only when its counters reach the threshold and it has not fired
/// that day yet, so a pass costs its new records, not the day. In ONE transaction it then moves the position — by a conditional update that
/// succeeds only if nobody moved it since it was read — and inserts the alerts whose fingerprint is new.
/// A restart resumes after the last committed pass; a second instance that read the same position loses
/// the conditional update and rolls back, and the unique fingerprint refuses any duplicate that slips by.
/// </para>
/// </summary>
public sealed class MisuseDetector(IDbContextFactory<ConsultaDbContext> contexts, IOptionsMonitor<MisuseOptions> options,
    MisuseThresholdStore thresholds, TimeProvider time)
{
    public const string PositionId = "misuse";

    /// <summary>The days being evaluated, indexed by subject.</summary>
    private readonly Dictionary<DateOnly, MisuseDayIndex> days = [];
    /// <summary>Answered queries per end user of days that are over (they never change: the log is append-only).</summary>
    private readonly Dictionary<DateOnly, Dictionary<(int?, string), int>> dailyCounts = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly PurposeCache purposes = new();

    /// <summary>
    /// The work of the last pass: records read from the log (its batch plus any catching up of the in-memory days),
    /// and records evaluated (those counted plus those handed to a rule that reached its threshold). Both follow
    /// the new records, not the size of the day.
    /// </summary>
    public (int Read, int Evaluated) LastPassWork { get; private set; }

    /// <summary>One pass: how many records it evaluated and how many alerts it raised.</summary>
    public Task<(int Records, int Alerts)> RunOnceAsync(CancellationToken ct = default) => RunOnceAsync(paced: false, ct);

    private async Task<(int Records, int Alerts)> RunOnceAsync(bool paced, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            return await PassAsync(paced, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>How long a paced catch-up rests after a full batch, in multiples of the time the batch took.</summary>
    private const int PacedRestPerWork = 3;

    /// <summary>
    /// Passes until the detector has caught up with the log. <paramref name="paced"/> (the background worker) rests after
    /// each full batch <see cref="PacedRestPerWork"/> times as long as the batch took: after a burst of queries the
    /// catch-up then takes at most a quarter of a core and spreads its allocations, instead of taking a whole core of two
    /// from the queries it reviews (docs/performance.md: unpaced, it raised their p99 from ≈ 41 to ≈ 66 ms).
    /// </summary>
    public async Task<(int Records, int Alerts)> CatchUpAsync(bool paced = false, CancellationToken ct = default)
    {
        int records = 0, alerts = 0;
        while (true)
        {
            var (r, a) = await RunOnceAsync(paced, ct);
            if (r == 0) return (records, alerts);
            (records, alerts) = (records + r, alerts + a);
        }
    }

    private async Task<(int, int)> PassAsync(bool paced, CancellationToken ct)
    {
        // The thresholds as auditors set them in the app (the settings where they did not), current on every instance.
        var settings = await thresholds.CurrentAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var position = await PositionAsync(db, ct);
        var institutions = await db.Institutions.AsNoTracking()
            .Select(i => new { i.Id, i.Acronym, i.WorkingDays, i.WorkStart, i.WorkEnd }).ToListAsync(ct);
        var context = new DetectionContext(settings,
            (await db.ProtectedPersons.AsNoTracking().Select(p => p.DocumentNumber).ToListAsync(ct)).ToHashSet(),
            institutions.ToDictionary(i => i.Id, i => i.Acronym),
            new Dictionary<(int?, string), double>(),
            institutions.ToDictionary(i => i.Id, i => new WorkingSchedule(i.WorkingDays, i.WorkStart, i.WorkEnd)))
        { Purposes = purposes };
        var candidates = new List<AlertCandidate>();
        var medians = new Dictionary<DateOnly, Dictionary<(int?, string), double>>();
        var (records, read, evaluated, upTo) = (0, 0, 0, position);
        var limit = Math.Max(1, settings.RecordsPerPass);
        int raised;
        try
        {
            // Batches until the head of the log, an alert to deliver or RecordsPerPass, then ONE write transaction: on
            // SQLite each write transaction makes the audit writer's next group commit wait for the lock (Microsoft.Data.Sqlite
            // retries a busy BEGIN after sleeping 150 ms), so a pass per batch would stall the query path once per batch.
            while (records < limit && candidates.Count == 0)
            {
                var batchStarted = time.GetTimestamp();
                var after = upTo;
                var batch = await db.AuditRecords.AsNoTracking()
                    .Where(r => r.Sequence > after).OrderBy(r => r.Sequence).Take(Math.Clamp(settings.BatchSize, 1, limit - records))
                    .Select(Fact).ToListAsync(ct);
                if (batch.Count == 0) break;
                var last = batch[^1].Sequence;
                foreach (var (day, dayRecords) in batch.GroupBy(r => r.Day).Select(g => (g.Key, g.ToList())))
                {
                    var (index, caughtUp) = await DayIndexAsync(db, day, upTo, context, ct);
                    index.Add(dayRecords, last, context);
                    // Only an end user past the volume floor can be a spike: only theirs is worth a median (once per pass and day).
                    if (!medians.TryGetValue(day, out var dayMedians)) medians[day] = dayMedians = [];
                    await MediansAsync(db, day, index.EndUsersOver(context.Options.VolumeSpike.Floor, dayRecords), dayMedians, context, ct);
                    var (found, handed) = index.Evaluate(dayRecords, context with { Medians = dayMedians });
                    candidates.AddRange(found);
                    (read, evaluated) = (read + caughtUp, evaluated + caughtUp + dayRecords.Count + handed);
                }
                // Days without records in the batch had none to add: they are complete up to its end too.
                foreach (var index in days.Values.Where(i => i.UpTo < last)) index.Add([], last, context);
                foreach (var old in days.Keys.Where(d => d < batch[^1].Day.AddDays(-1)).ToList()) days.Remove(old);
                (records, read, upTo) = (records + batch.Count, read + batch.Count, last);
                // Only a full batch can have more behind it. Each batch is its own read (no snapshot is held while resting).
                if (paced && batch.Count >= settings.BatchSize)
                    await Task.Delay(time.GetElapsedTime(batchStarted) * PacedRestPerWork, time, ct);
            }
            LastPassWork = (read, evaluated);
            if (records == 0) return (0, 0);
            raised = await CommitAsync(db, position, upTo, candidates.DistinctBy(c => c.Fingerprint).ToList(), ct);
        }
        catch
        {
            // The counters already include this pass's records, but the position did not move: they are read again from the log.
            days.Clear();
            throw;
        }
        if (raised < 0)
        {
            // Another instance took this stretch of the log: forget the counters, which include records past its
            // position; they are read again from the log (once) by the next pass.
            days.Clear();
            return (0, 0);
        }
        foreach (var index in days.Values) index.Fired(candidates);
        return (records, raised);
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditRecord, AuditFact>> Fact = r => new AuditFact(
        r.Sequence, r.TimestampUtc, r.InstitutionId, r.EndUserCode, r.ClientIp, r.QueryType, r.DocumentNumber, r.Purpose,
        r.Result, r.RefusalReason);

    private async Task<long> PositionAsync(ConsultaDbContext db, CancellationToken ct)
    {
        var row = await db.DetectorPositions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PositionId, ct);
        if (row is not null) return row.LastSequence;
        var start = options.CurrentValue.StartAtCurrentEnd
            ? await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, ct) ?? 0
            : 0;
        try
        {
            db.DetectorPositions.Add(new DetectorPosition { Id = PositionId, LastSequence = start, UpdatedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it first: start from its row.
            db.ChangeTracker.Clear();
            return (await db.DetectorPositions.AsNoTracking().FirstAsync(p => p.Id == PositionId, ct)).LastSequence;
        }
        db.ChangeTracker.Clear();
        return start;
    }

    /// <summary>
    /// The counters of <paramref name="day"/> over every record up to <paramref name="position"/>: read from the log the
    /// first time (a start, a restart or after losing a pass to another instance), otherwise complete already.
    /// Returns it with the number of records read for it.
    /// </summary>
    private async Task<(MisuseDayIndex Index, int Read)> DayIndexAsync(ConsultaDbContext db, DateOnly day, long position,
        DetectionContext context, CancellationToken ct)
    {
        if (days.TryGetValue(day, out var index) && index.UpTo == position) return (index, 0);
        if (index is null || index.UpTo > position) index = new MisuseDayIndex(day, 0);
        var after = index.UpTo;
        var (from, to) = UtcRange(day, day);
        // SQLite plans the sequence bounds below as a primary-key range without knowing their values: after a restart
        // (after = 0) it read the whole log for one day. Start at the day's first record instead (one seek on the
        // TimestampUtc index; time never goes backwards along the chain), so the range is the day's records only.
        var dayStart = await db.AuditRecords.AsNoTracking().Where(r => r.TimestampUtc >= from)
            .OrderBy(r => r.TimestampUtc).ThenBy(r => r.Sequence).Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
        after = dayStart is { } first ? Math.Max(after, first - 1) : position;
        var missing = await db.AuditRecords.AsNoTracking()
            .Where(r => r.TimestampUtc >= from && r.TimestampUtc < to && r.Sequence > after && r.Sequence <= position)
            .OrderBy(r => r.Sequence).Select(Fact).ToListAsync(ct);
        index.Add(missing, position, context);
        days[day] = index;
        return (index, missing.Count);
    }

    private static (DateTime From, DateTime To) UtcRange(DateOnly first, DateOnly last) =>
        (first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - BoliviaClock.Offset,
         last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - BoliviaClock.Offset);

    /// <summary>
    /// Adds to <paramref name="medians"/> the median of answered queries per working day over the baseline days before
    /// <paramref name="day"/> of each end user in <paramref name="endUsers"/> it does not hold yet.
    /// </summary>
    private async Task MediansAsync(ConsultaDbContext db, DateOnly day, IEnumerable<(int?, string)> endUsers,
        Dictionary<(int?, string), double> medians, DetectionContext context, CancellationToken ct)
    {
        var wanted = endUsers.Where(key => !medians.ContainsKey(key)).ToList();
        if (wanted.Count == 0) return;
        var baselineDays = Math.Max(1, context.Options.VolumeSpike.BaselineDays);
        var first = day.AddDays(-baselineDays);
        var missing = Enumerable.Range(0, baselineDays).Select(first.AddDays).Where(d => !dailyCounts.ContainsKey(d)).ToList();
        if (missing.Count > 0)
        {
            var (from, to) = UtcRange(missing[0], missing[^1]);
            var rows = await db.AuditRecords.AsNoTracking()
                .Where(r => r.TimestampUtc >= from && r.TimestampUtc < to && r.EndUserCode != null
                            && r.QueryType != QueryType.Certificate && r.Result != QueryResult.Refused)
                .Select(r => new { r.InstitutionId, r.EndUserCode, r.TimestampUtc }).ToListAsync(ct);
            foreach (var d in missing) dailyCounts[d] = [];
            foreach (var r in rows)
            {
                var d = DateOnly.FromDateTime(BoliviaClock.ToLocal(r.TimestampUtc));
                if (!dailyCounts.TryGetValue(d, out var counts)) continue;
                counts[(r.InstitutionId, r.EndUserCode!)] = counts.GetValueOrDefault((r.InstitutionId, r.EndUserCode!)) + 1;
            }
        }
        foreach (var old in dailyCounts.Keys.Where(d => d < first).ToList()) dailyCounts.Remove(old);

        foreach (var key in wanted)
        {
            var schedule = context.ScheduleOf(key.Item1);
            var perDay = Enumerable.Range(0, baselineDays).Select(first.AddDays)
                .Where(d => schedule.Days.Includes(d.DayOfWeek))
                .Select(d => dailyCounts[d].GetValueOrDefault(key));
            medians[key] = MisuseRules.Median(perDay);
        }
    }

    /// <summary>Moves the position and stores the new alerts atomically; −1 when another instance moved the position first.</summary>
    private async Task<int> CommitAsync(ConsultaDbContext db, long position, long upTo, List<AlertCandidate> candidates, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            // The claim comes first: it takes the row's write lock, so a concurrent pass waits here and then finds it moved.
            var claimed = await db.DetectorPositions
                .Where(p => p.Id == PositionId && p.LastSequence == position)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSequence, upTo).SetProperty(p => p.UpdatedUtc, now), cancel);
            if (claimed == 0) return -1;
            var fingerprints = candidates.Select(c => c.Fingerprint).ToList();
            var existing = new HashSet<string>();
            foreach (var chunk in fingerprints.Chunk(500))
                existing.UnionWith(await db.MisuseAlerts.Where(a => chunk.Contains(a.Fingerprint)).Select(a => a.Fingerprint).ToListAsync(cancel));
            var fresh = candidates.Where(c => !existing.Contains(c.Fingerprint)).ToList();
            db.MisuseAlerts.AddRange(fresh.Select(ToAlert));
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return fresh.Count;
        }, ct);
    }

    private static MisuseAlert ToAlert(AlertCandidate c) => new()
    {
        Fingerprint = c.Fingerprint,
        Rule = c.Rule,
        Severity = c.Severity,
        InstitutionId = c.InstitutionId,
        EndUserCode = c.EndUserCode,
        DocumentNumber = c.DocumentNumber,
        ClientIp = c.ClientIp,
        Day = c.Day,
        Explanation = c.Explanation.Length <= 1000 ? c.Explanation : c.Explanation[..997] + "…",
        EvidenceCount = c.Evidence.Count,
        EvidenceSequences = string.Join(',', c.Evidence.Select(e => e.Sequence).Order().Take(MisuseAlertLimits.EvidenceSequences)),
        FirstRecordUtc = c.Evidence.Min(e => e.TimestampUtc),
        LastRecordUtc = c.Evidence.Max(e => e.TimestampUtc),
    };
}
