using System.Globalization;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// One Bolivian day of the audit log as running counters per subject (end user, person, institution,
/// address), so a detector pass costs its new records: adding a record updates its subjects' counters, and a
/// rule is run — the pure <see cref="MisuseRules"/> function over that subject's whole day, the same input it
/// had when the detector read the whole day — only when the counters say it now fires and it has not fired for
/// that subject yet. The day's records are kept per subject for the alert's evidence.
/// </summary>
internal sealed class MisuseDayIndex(DateOnly day, long upTo)
{
    private sealed class EndUserDay
    {
        public readonly List<AuditFact> Records = [];
        public readonly List<AuditFact> DisabledRefusals = [];
        public int Answered, Outside, Lookups, NotFound, NameSearches, Placeholders, LongestRun, MostRepeatedPurpose;
        public readonly HashSet<long> Numbers = [];
        public readonly Dictionary<string, int> Purposes = [];
    }

    private sealed class PersonDay
    {
        public readonly List<AuditFact> Records = [];
        public readonly HashSet<(int?, string?)> EndUsers = [];
        public readonly HashSet<int?> Institutions = [];
    }

    private readonly Dictionary<(int?, string), EndUserDay> endUsers = [];
    private readonly Dictionary<string, PersonDay> persons = [];
    private readonly Dictionary<int, List<AuditFact>> agreementRefusals = [];
    private readonly Dictionary<string, List<AuditFact>> addressRefusals = [];
    /// <summary>Fingerprints already raised (or found stored) today: their subjects are not evaluated again.</summary>
    private readonly HashSet<string> fired = [];

    /// <summary>The log sequence up to which every record of the day is counted.</summary>
    public long UpTo { get; private set; } = upTo;

    /// <summary>Counts records (in sequence order, all after <see cref="UpTo"/>) and moves <see cref="UpTo"/> to <paramref name="upTo"/>.</summary>
    public void Add(IEnumerable<AuditFact> records, long upTo, DetectionContext ctx)
    {
        foreach (var r in records)
        {
            if (r.EndUserCode is not null) Count(Get(endUsers, (r.InstitutionId, r.EndUserCode)), r, ctx);
            if (r.DocumentNumber is not null)
            {
                var person = Get(persons, r.DocumentNumber);
                person.Records.Add(r);
                if (r.IsAnswered)
                {
                    person.EndUsers.Add((r.InstitutionId, r.EndUserCode));
                    person.Institutions.Add(r.InstitutionId);
                }
            }
            if (r.Result != QueryResult.Refused) continue;
            if (r.RefusalReason == RefusalReason.AgreementNotInForce && r.InstitutionId is { } institution)
                Get(agreementRefusals, institution).Add(r);
            if (r.ClientIp is not null && r.RefusalReason is RefusalReason.InvalidCredential or RefusalReason.IpNotAllowed)
                Get(addressRefusals, r.ClientIp).Add(r);
        }
        UpTo = upTo;
    }

    private static TValue Get<TKey, TValue>(Dictionary<TKey, TValue> index, TKey key) where TKey : notnull where TValue : new()
    {
        if (!index.TryGetValue(key, out var value)) index[key] = value = new();
        return value;
    }

    private static void Count(EndUserDay user, AuditFact r, DetectionContext ctx)
    {
        user.Records.Add(r);
        if (r.Result == QueryResult.Refused && r.RefusalReason == RefusalReason.EndUserNotEnabled) user.DisabledRefusals.Add(r);
        if (!r.IsQuery) return;
        if (!ctx.ScheduleOf(r.InstitutionId).Covers(r.LocalTime)) user.Outside++;
        var (purpose, placeholder) = ctx.Purposes.Classify(r.Purpose, ctx.Options.WeakPurpose);
        ref var uses = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(user.Purposes, purpose, out _);
        user.MostRepeatedPurpose = Math.Max(user.MostRepeatedPurpose, ++uses);
        if (placeholder) user.Placeholders++;
        if (r.QueryType == QueryType.Name) user.NameSearches++;
        if (!r.IsAnswered) return;
        user.Answered++;
        if (r.QueryType is not (QueryType.Document or QueryType.Verification)) return;
        user.Lookups++;
        if (r.Result == QueryResult.NotFound) user.NotFound++;
        if (long.TryParse(r.DocumentNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && user.Numbers.Add(n))
            user.LongestRun = Math.Max(user.LongestRun, RunThrough(user.Numbers, n, ctx.Options.Enumeration.ConsecutiveRun));
    }

    /// <summary>The length of the run of consecutive numbers through <paramref name="n"/>, counted up to <paramref name="cap"/> (all the rule needs).</summary>
    private static int RunThrough(HashSet<long> numbers, long n, int cap)
    {
        var length = 1;
        for (var k = n - 1; length < cap && numbers.Contains(k); k--) length++;
        for (var k = n + 1; length < cap && numbers.Contains(k); k++) length++;
        return length;
    }

    /// <summary>The end users of <paramref name="batch"/> with more than <paramref name="answered"/> answered queries today.</summary>
    public IEnumerable<(int?, string)> EndUsersOver(int answered, IEnumerable<AuditFact> batch) =>
        batch.Where(r => r.EndUserCode is not null).Select(r => (r.InstitutionId, r.EndUserCode!)).Distinct()
            .Where(key => endUsers[key].Answered > answered);

    /// <summary>
    /// The alerts the subjects of <paramref name="batch"/> (already added) raise now, and how many records the rules
    /// were handed. A rule runs for a subject only when its counters reach its threshold and it has not fired today.
    /// </summary>
    public (List<AlertCandidate> Candidates, int Evaluated) Evaluate(IReadOnlyList<AuditFact> batch, DetectionContext ctx)
    {
        var candidates = new List<AlertCandidate>();
        var evaluated = 0;
        void Run(IReadOnlyList<AuditFact> records, Func<DateOnly, IReadOnlyList<AuditFact>, DetectionContext, IEnumerable<AlertCandidate>> rule)
        {
            evaluated += records.Count;
            candidates.AddRange(rule(day, records, ctx));
        }
        bool Open(MisuseRule rule, params object?[] parts) => !fired.Contains(MisuseRules.Key(rule, day, parts));

        var o = ctx.Options;
        foreach (var key in batch.Where(r => r.EndUserCode is not null).Select(r => (r.InstitutionId, r.EndUserCode!)).Distinct())
        {
            var (institution, code) = key;
            var user = endUsers[key];
            if (user.Answered > o.VolumeSpike.Floor && user.Answered > o.VolumeSpike.Factor * ctx.Medians.GetValueOrDefault(key)
                && Open(MisuseRule.VolumeSpike, institution, code))
                Run(user.Records, MisuseRules.VolumeSpike);
            if (user.Outside >= o.WorkingHours.MinQueries && Open(MisuseRule.OutsideWorkingHours, institution, code))
                Run(user.Records, MisuseRules.OutsideWorkingHours);
            var enumerating = (user.Lookups >= o.Enumeration.MinQueries && (double)user.NotFound / user.Lookups >= o.Enumeration.NotFoundShare)
                || user.LongestRun >= o.Enumeration.ConsecutiveRun;
            if (enumerating && Open(MisuseRule.Enumeration, institution, code)) Run(user.Records, MisuseRules.Enumeration);
            if ((user.Placeholders >= o.WeakPurpose.PlaceholderQueries && Open(MisuseRule.WeakPurpose, "vacia", institution, code))
                || (user.MostRepeatedPurpose >= o.WeakPurpose.SameTextQueries && Open(MisuseRule.WeakPurpose, "repetida", institution, code)))
                Run(user.Records, MisuseRules.WeakPurposes);
            if (user.NameSearches >= o.NameSearchesPerDay && Open(MisuseRule.BroadNameSearch, institution, code))
                Run(user.Records, MisuseRules.BroadNameSearches);
            if (user.DisabledRefusals.Count >= o.Refusals.DisabledEndUser && Open(MisuseRule.RepeatedRefusals, "inhabilitado", institution, code))
                Run(user.DisabledRefusals, MisuseRules.RepeatedRefusals);
        }
        foreach (var document in batch.Where(r => r.DocumentNumber is not null).Select(r => r.DocumentNumber!).Distinct())
        {
            var person = persons[document];
            if ((person.EndUsers.Count >= o.PersonCrowd.EndUsers || person.Institutions.Count >= o.PersonCrowd.Institutions)
                && Open(MisuseRule.HeavilyQueriedPerson, document))
                Run(person.Records, MisuseRules.PersonCrowd);
            if (ctx.ProtectedDocuments.Contains(document)
                && batch.Any(r => r.DocumentNumber == document && Open(MisuseRule.ProtectedPerson, document, r.InstitutionId, r.EndUserCode)))
                Run(person.Records, MisuseRules.ProtectedPersons);
        }
        foreach (var institution in batch.Where(r => r.InstitutionId is not null).Select(r => r.InstitutionId!.Value).Distinct())
        {
            if (!agreementRefusals.TryGetValue(institution, out var refusals)) continue;
            if (refusals.Count >= o.Refusals.AgreementNotInForce && Open(MisuseRule.RepeatedRefusals, "convenio", institution))
                Run(refusals, MisuseRules.RepeatedRefusals);
        }
        foreach (var address in batch.Where(r => r.ClientIp is not null && addressRefusals.ContainsKey(r.ClientIp)).Select(r => r.ClientIp!).Distinct())
        {
            var refusals = addressRefusals[address];
            if (refusals.Count >= o.Refusals.FromOneAddress && Open(MisuseRule.RepeatedRefusals, "direccion", address))
                Run(refusals, MisuseRules.RepeatedRefusals);
        }
        return (candidates, evaluated);
    }

    /// <summary>Marks alerts as raised (after their pass committed): their subjects are not evaluated again today.</summary>
    public void Fired(IEnumerable<AlertCandidate> candidates) => fired.UnionWith(candidates.Where(c => c.Day == day).Select(c => c.Fingerprint));
}
