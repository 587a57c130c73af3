using System.Collections.Concurrent;

namespace Segip.Consulta.Core.Features.Telemetry;

/// <summary>Answer times of one institution over a window: how many, and the median and 99th percentile.</summary>
public sealed record AnswerTimeSummary(long Count, double P50Seconds, double P99Seconds);

/// <summary>
/// The gate's answer times kept per institution in this process, so the operations page can show p50/p99 for
/// the last hour, day and 30 days without storing a duration in every audit record. Each measurement falls in
/// a logarithmic bucket (25 % wide), so a percentile is the bucket's upper bound: at most a quarter above the
/// true value. Per-minute slots serve the hour, per-hour slots the day, per-day slots the month; older slots
/// are dropped. Figures start when the process starts and are per instance (Prometheus has the fleet's view).
/// </summary>
public sealed class AnswerTimeWindows
{
    private const double SmallestSeconds = 0.00025;
    private const double Growth = 1.25;
    private static readonly double[] UpperBounds = CreateBounds();

    private readonly ConcurrentDictionary<int, Series> byInstitution = new();

    public void Record(int institutionId, DateTime utc, double seconds)
    {
        var bucket = BucketOf(seconds);
        var series = byInstitution.GetOrAdd(institutionId, _ => new Series());
        lock (series)
        {
            foreach (var slots in series.All) slots.Add(utc, bucket);
        }
    }

    /// <summary>The window's figures, or null when the institution had no query in it since start-up.</summary>
    public AnswerTimeSummary? Summarize(int institutionId, TimeSpan window, DateTime nowUtc)
    {
        if (!byInstitution.TryGetValue(institutionId, out var series)) return null;
        var counts = new long[UpperBounds.Length];
        lock (series)
        {
            series.For(window).SumSince(nowUtc - window, counts);
        }
        var total = counts.Sum();
        return total == 0 ? null : new AnswerTimeSummary(total, Quantile(counts, total, 0.50), Quantile(counts, total, 0.99));
    }

    private static double Quantile(long[] counts, long total, double q)
    {
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return UpperBounds[i];
        }
        return UpperBounds[^1];
    }

    private static int BucketOf(double seconds)
    {
        var i = Array.BinarySearch(UpperBounds, seconds);
        return Math.Min(i >= 0 ? i : ~i, UpperBounds.Length - 1);
    }

    private static double[] CreateBounds()
    {
        var bounds = new List<double>();
        for (var b = SmallestSeconds; b < 120; b *= Growth) bounds.Add(b);
        bounds.Add(double.MaxValue);
        return [.. bounds];
    }

    /// <summary>Three resolutions of the same measurements.</summary>
    private sealed class Series
    {
        private readonly HistogramSlots minutes = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(61));
        private readonly HistogramSlots hours = new(TimeSpan.FromHours(1), TimeSpan.FromHours(25));
        private readonly HistogramSlots days = new(TimeSpan.FromDays(1), TimeSpan.FromDays(31));

        public IEnumerable<HistogramSlots> All => [minutes, hours, days];

        public HistogramSlots For(TimeSpan window) => window <= TimeSpan.FromHours(1) ? minutes : window <= TimeSpan.FromDays(1) ? hours : days;
    }

    /// <summary>Bucket counts per time slot of one width, kept for a retention period.</summary>
    private sealed class HistogramSlots(TimeSpan width, TimeSpan retention)
    {
        private readonly SortedDictionary<long, long[]> bySlot = new();

        public void Add(DateTime utc, int bucket)
        {
            var key = utc.Ticks / width.Ticks;
            if (!bySlot.TryGetValue(key, out var counts))
            {
                bySlot[key] = counts = new long[UpperBounds.Length];
                var oldest = (utc - retention).Ticks / width.Ticks;
                foreach (var stale in bySlot.Keys.TakeWhile(k => k < oldest).ToList()) bySlot.Remove(stale);
            }
            counts[bucket]++;
        }

        /// <summary>Adds every slot that overlaps [since, now] (a slot is counted whole: at most one width extra).</summary>
        public void SumSince(DateTime sinceUtc, long[] into)
        {
            var first = sinceUtc.Ticks / width.Ticks;
            foreach (var (key, counts) in bySlot)
            {
                if (key < first) continue;
                for (var i = 0; i < counts.Length; i++) into[i] += counts[i];
            }
        }
    }
}
