using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// One Bolivian day's audit records kept by the subject each rule groups by (end user, person, and for
/// refusals institution and address), so a detector pass re-evaluates only the subjects its new records
/// touch. The rules then see each touched subject's whole day — the same input they had when they read
/// the whole day — while untouched subjects, whose records did not change, are not looked at again.
/// </summary>
internal sealed class MisuseDayIndex(long upTo)
{
    private readonly Dictionary<(int?, string), List<AuditFact>> byEndUser = [];
    private readonly Dictionary<string, List<AuditFact>> byDocument = [];
    /// <summary>Keyed by <see cref="InstitutionKey"/>: refusals without an institution (unknown credential) are a group too.</summary>
    private readonly Dictionary<int, List<AuditFact>> refusedByInstitution = [];
    private readonly Dictionary<string, List<AuditFact>> refusedByAddress = [];

    /// <summary>The log sequence up to which every record of the day is in the index.</summary>
    public long UpTo { get; private set; } = upTo;

    /// <summary>Adds records (in sequence order, all after <see cref="UpTo"/>) and moves <see cref="UpTo"/> to <paramref name="upTo"/>.</summary>
    public void Add(IEnumerable<AuditFact> records, long upTo)
    {
        foreach (var r in records)
        {
            if (r.EndUserCode is not null) Append(byEndUser, (r.InstitutionId, r.EndUserCode), r);
            if (r.DocumentNumber is not null) Append(byDocument, r.DocumentNumber, r);
            if (r.Result != QueryResult.DENEGADO) continue;
            Append(refusedByInstitution, InstitutionKey(r), r);
            if (r.ClientIp is not null) Append(refusedByAddress, r.ClientIp, r);
        }
        UpTo = upTo;
    }

    private static int InstitutionKey(AuditFact r) => r.InstitutionId ?? -1;

    private static void Append<TKey>(Dictionary<TKey, List<AuditFact>> index, TKey key, AuditFact record) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(record);
    }

    /// <summary>
    /// The day's records (index plus <paramref name="batch"/>, not yet added) of every subject the batch touches,
    /// one list per grouping: end users, persons, and refusals of the touched institutions and addresses.
    /// </summary>
    public TouchedRecords Touched(IReadOnlyList<AuditFact> batch)
    {
        var users = batch.Where(r => r.EndUserCode is not null).Select(r => (r.InstitutionId, r.EndUserCode!)).ToHashSet();
        var documents = batch.Where(r => r.DocumentNumber is not null).Select(r => r.DocumentNumber!).ToHashSet();
        var refusedBatch = batch.Where(r => r.Result == QueryResult.DENEGADO).ToList();
        var institutions = refusedBatch.Select(InstitutionKey).ToHashSet();
        var addresses = refusedBatch.Where(r => r.ClientIp is not null).Select(r => r.ClientIp!).ToHashSet();

        var refused = institutions.SelectMany(i => refusedByInstitution.GetValueOrDefault(i) ?? [])
            .Concat(addresses.SelectMany(a => refusedByAddress.GetValueOrDefault(a) ?? []))
            .DistinctBy(r => r.Sequence).Concat(refusedBatch).OrderBy(r => r.Sequence).ToList();
        return new TouchedRecords(
            Gather(byEndUser, users, batch.Where(r => r.EndUserCode is not null)),
            Gather(byDocument, documents, batch.Where(r => r.DocumentNumber is not null)),
            refused);
    }

    /// <summary>The indexed records of <paramref name="keys"/> followed by the batch's, in sequence order within each key.</summary>
    private static List<AuditFact> Gather<TKey>(Dictionary<TKey, List<AuditFact>> index, HashSet<TKey> keys, IEnumerable<AuditFact> batch)
        where TKey : notnull
    {
        var records = keys.SelectMany(k => index.GetValueOrDefault(k) ?? []).ToList();
        records.AddRange(batch);
        return records.OrderBy(r => r.Sequence).ToList();
    }
}

/// <summary>What one pass hands to the rules for one day: the whole day of each subject its new records touch.</summary>
internal sealed record TouchedRecords(List<AuditFact> OfEndUsers, List<AuditFact> OfPersons, List<AuditFact> Refused)
{
    public int Count => OfEndUsers.Count + OfPersons.Count + Refused.Count;
}
