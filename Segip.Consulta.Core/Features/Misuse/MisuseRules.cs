using System.Globalization;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// The misuse rules as pure functions over one Bolivian day's audit records (docs/domain.md, "Misuse
/// detection"). The detector runs a rule over the whole day of a subject (end user, person, institution,
/// address) once that subject's running counters reach the rule's threshold (<see cref="MisuseDayIndex"/>); a
/// rule that fires again on the same day gives the same fingerprint, so it is stored once.
/// </summary>
public static class MisuseRules
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-BO");

    public static IEnumerable<AlertCandidate> Evaluate(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx) =>
        VolumeSpike(day, records, ctx)
            .Concat(OutsideWorkingHours(day, records, ctx))
            .Concat(Enumeration(day, records, ctx))
            .Concat(PersonCrowd(day, records, ctx))
            .Concat(ProtectedPersons(day, records, ctx))
            .Concat(RepeatedRefusals(day, records, ctx))
            .Concat(WeakPurposes(day, records, ctx))
            .Concat(BroadNameSearches(day, records, ctx));

    /// <summary>"sábado 14/03/2026".</summary>
    public static string DayText(DateOnly day) => day.ToString("dddd dd/MM/yyyy", Spanish);

    private static string Number(double n) => n.ToString("#,0.#", Spanish);

    private static IEnumerable<IGrouping<(int? InstitutionId, string EndUserCode), AuditFact>> ByEndUser(IEnumerable<AuditFact> records) =>
        records.Where(r => r.EndUserCode is not null).GroupBy(r => (r.InstitutionId, r.EndUserCode!));

    internal static string Key(MisuseRule rule, DateOnly day, params object?[] parts) =>
        $"{rule.ToCode()}|{day:yyyy-MM-dd}|{string.Join('|', parts)}";

    public static IEnumerable<AlertCandidate> VolumeSpike(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var o = ctx.Options.VolumeSpike;
        foreach (var user in ByEndUser(records.Where(r => r.IsAnswered)))
        {
            var median = ctx.Medians.GetValueOrDefault(user.Key);
            var count = user.Count();
            if (count <= o.Floor || count <= o.Factor * median) continue;
            yield return new AlertCandidate(Key(MisuseRule.VolumeSpike, day, user.Key.InstitutionId, user.Key.EndUserCode),
                MisuseRule.VolumeSpike, AlertSeverity.Medium, day,
                $"{ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode)} hizo {Number(count)} consultas el {DayText(day)}; " +
                $"su mediana de los últimos {o.BaselineDays} días es {Number(median)} por día hábil.",
                user.ToList(), user.Key.InstitutionId, user.Key.EndUserCode);
        }
    }

    public static IEnumerable<AlertCandidate> OutsideWorkingHours(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var min = ctx.Options.WorkingHours.MinQueries;
        foreach (var user in ByEndUser(records.Where(r => r.IsQuery)))
        {
            var schedule = ctx.ScheduleOf(user.Key.InstitutionId);
            var outside = user.Where(r => !schedule.Covers(r.LocalTime)).ToList();
            if (outside.Count < min) continue;
            yield return new AlertCandidate(Key(MisuseRule.OutsideWorkingHours, day, user.Key.InstitutionId, user.Key.EndUserCode),
                MisuseRule.OutsideWorkingHours, AlertSeverity.Medium, day,
                $"{ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode)} hizo {Number(outside.Count)} consultas fuera del horario " +
                $"declarado ({schedule.Describe()}) el {DayText(day)}, entre las {outside[0].LocalTime:HH:mm} y las {outside[^1].LocalTime:HH:mm}.",
                outside, user.Key.InstitutionId, user.Key.EndUserCode);
        }
    }

    public static IEnumerable<AlertCandidate> Enumeration(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var o = ctx.Options.Enumeration;
        foreach (var user in ByEndUser(records.Where(r => r.IsAnswered && r.QueryType is QueryType.Document or QueryType.Verification)))
        {
            var lookups = user.ToList();
            var notFound = lookups.Where(r => r.Result == QueryResult.NotFound).ToList();
            var share = lookups.Count == 0 ? 0 : (double)notFound.Count / lookups.Count;
            var run = LongestConsecutiveRun(lookups);
            var reasons = new List<string>();
            var evidence = new List<AuditFact>();
            if (lookups.Count >= o.MinQueries && share >= o.NotFoundShare)
            {
                reasons.Add($"{Number(notFound.Count)} de sus {Number(lookups.Count)} consultas ({share:P0}) no encontraron a nadie");
                evidence.AddRange(notFound);
            }
            if (run.Count >= o.ConsecutiveRun)
            {
                reasons.Add($"consultó {run.Count} números de documento consecutivos (del {run[0].DocumentNumber} al {run[^1].DocumentNumber})");
                evidence.AddRange(run);
            }
            if (reasons.Count == 0) continue;
            yield return new AlertCandidate(Key(MisuseRule.Enumeration, day, user.Key.InstitutionId, user.Key.EndUserCode),
                MisuseRule.Enumeration, AlertSeverity.High, day,
                $"{ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode)} el {DayText(day)}: {string.Join("; ", reasons)}.",
                evidence.DistinctBy(r => r.Sequence).OrderBy(r => r.Sequence).ToList(), user.Key.InstitutionId, user.Key.EndUserCode);
        }
    }

    /// <summary>The longest run n, n+1, n+2… among the distinct document numbers queried (one record per number).</summary>
    public static IReadOnlyList<AuditFact> LongestConsecutiveRun(IEnumerable<AuditFact> records)
    {
        var numbers = records
            .Select(r => (Record: r, Ok: long.TryParse(r.DocumentNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n), Number: n))
            .Where(x => x.Ok).DistinctBy(x => x.Number).OrderBy(x => x.Number).ToList();
        int bestStart = 0, bestLength = numbers.Count > 0 ? 1 : 0, start = 0;
        for (var i = 1; i < numbers.Count; i++)
        {
            if (numbers[i].Number != numbers[i - 1].Number + 1) start = i;
            if (i - start + 1 > bestLength) (bestStart, bestLength) = (start, i - start + 1);
        }
        return numbers.Skip(bestStart).Take(bestLength).Select(x => x.Record).ToList();
    }

    public static IEnumerable<AlertCandidate> PersonCrowd(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var o = ctx.Options.PersonCrowd;
        var window = TimeSpan.FromMinutes(o.WindowMinutes);
        var smallest = Math.Min(o.EndUsers, o.Institutions);
        foreach (var person in records.Where(r => r.IsAnswered && r.DocumentNumber is not null).GroupBy(r => r.DocumentNumber!))
        {
            if (person.Count() < smallest) continue;
            var ordered = person.OrderBy(r => r.TimestampUtc).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var inWindow = ordered.Skip(i).TakeWhile(r => r.TimestampUtc - ordered[i].TimestampUtc <= window).ToList();
                var users = inWindow.Select(r => (r.InstitutionId, r.EndUserCode)).Distinct().Count();
                var institutions = inWindow.Select(r => r.InstitutionId).Distinct().Count();
                if (users < o.EndUsers && institutions < o.Institutions) continue;
                yield return new AlertCandidate(Key(MisuseRule.HeavilyQueriedPerson, day, person.Key),
                    MisuseRule.HeavilyQueriedPerson, AlertSeverity.Medium, day,
                    $"El documento {person.Key} fue consultado por {users} usuarios finales de {institutions} instituciones en " +
                    $"{o.WindowMinutes} minutos el {DayText(day)} (desde las {BoliviaClock.ToLocal(inWindow[0].TimestampUtc):HH:mm}).",
                    inWindow, DocumentNumber: person.Key);
                break;
            }
        }
    }

    public static IEnumerable<AlertCandidate> ProtectedPersons(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        if (ctx.ProtectedDocuments.Count == 0) yield break;
        var hits = records.Where(r => r.IsQuery && r.DocumentNumber is not null && ctx.ProtectedDocuments.Contains(r.DocumentNumber));
        foreach (var g in hits.GroupBy(r => (r.DocumentNumber!, r.InstitutionId, r.EndUserCode)))
        {
            var (document, institution, endUser) = g.Key;
            yield return new AlertCandidate(Key(MisuseRule.ProtectedPerson, day, document, institution, endUser),
                MisuseRule.ProtectedPerson, AlertSeverity.High, day,
                $"{ctx.EndUserLabel(institution, endUser)} consultó a una persona protegida (documento {document}) " +
                $"{(g.Count() == 1 ? "una vez" : $"{g.Count()} veces")} el {DayText(day)}.",
                g.ToList(), institution, endUser, document);
        }
    }

    public static IEnumerable<AlertCandidate> RepeatedRefusals(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var o = ctx.Options.Refusals;
        var refused = records.Where(r => r.Result == QueryResult.Refused).ToList();
        foreach (var user in ByEndUser(refused.Where(r => r.RefusalReason == RefusalReason.EndUserNotEnabled)))
        {
            if (user.Count() < o.DisabledEndUser) continue;
            yield return new AlertCandidate(Key(MisuseRule.RepeatedRefusals, day, "inhabilitado", user.Key.InstitutionId, user.Key.EndUserCode),
                MisuseRule.RepeatedRefusals, AlertSeverity.Medium, day,
                $"{ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode)} siguió intentando consultar estando inhabilitado: " +
                $"{user.Count()} intentos rechazados el {DayText(day)}.",
                user.ToList(), user.Key.InstitutionId, user.Key.EndUserCode);
        }
        foreach (var institution in refused.Where(r => r.RefusalReason == RefusalReason.AgreementNotInForce && r.InstitutionId is not null).GroupBy(r => r.InstitutionId))
        {
            if (institution.Count() < o.AgreementNotInForce) continue;
            yield return new AlertCandidate(Key(MisuseRule.RepeatedRefusals, day, "convenio", institution.Key),
                MisuseRule.RepeatedRefusals, AlertSeverity.Medium, day,
                $"{ctx.InstitutionLabel(institution.Key)} intentó {institution.Count()} consultas sin convenio vigente el {DayText(day)}.",
                institution.ToList(), institution.Key);
        }
        var byAddress = refused.Where(r => r.ClientIp is not null
            && r.RefusalReason is RefusalReason.InvalidCredential or RefusalReason.IpNotAllowed).GroupBy(r => r.ClientIp!);
        foreach (var address in byAddress)
        {
            if (address.Count() < o.FromOneAddress) continue;
            yield return new AlertCandidate(Key(MisuseRule.RepeatedRefusals, day, "direccion", address.Key),
                MisuseRule.RepeatedRefusals, AlertSeverity.Medium, day,
                $"La dirección {address.Key} tuvo {address.Count()} intentos rechazados por credencial o dirección no permitida el {DayText(day)}.",
                address.ToList(), address.First().InstitutionId, ClientIp: address.Key);
        }
    }

    /// <summary>The purpose reduced to lower-case letters and digits, so "Prueba." and "PRUEBA" are one text.</summary>
    public static string Canonical(string? purpose) =>
        new(TextNormalizer.ForComparison(purpose).ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    public static bool IsPlaceholder(string? purpose, WeakPurposeOptions o) => IsPlaceholderCanonical(Canonical(purpose), o);

    /// <summary><see cref="IsPlaceholder"/> of a text already in <see cref="Canonical"/> form.</summary>
    internal static bool IsPlaceholderCanonical(string text, WeakPurposeOptions o) =>
        text.Length < o.MinMeaningfulChars || o.Placeholders.Contains(text) || AtMostTwoDistinct(text);

    /// <summary>"aaaa", "abab…": at most two different characters (counted without allocating).</summary>
    private static bool AtMostTwoDistinct(string text)
    {
        char? first = null, second = null;
        foreach (var c in text)
        {
            if (c == first || c == second) continue;
            if (first is null) first = c;
            else if (second is null) second = c;
            else return false;
        }
        return true;
    }

    public static IEnumerable<AlertCandidate> WeakPurposes(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        var o = ctx.Options.WeakPurpose;
        foreach (var user in ByEndUser(records.Where(r => r.IsQuery)))
        {
            var label = ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode);
            var weak = user.Where(r => IsPlaceholder(r.Purpose, o)).ToList();
            if (weak.Count >= o.PlaceholderQueries)
                yield return new AlertCandidate(Key(MisuseRule.WeakPurpose, day, "vacia", user.Key.InstitutionId, user.Key.EndUserCode),
                    MisuseRule.WeakPurpose, AlertSeverity.Low, day,
                    $"{label} hizo {weak.Count} consultas con una finalidad vacía o de relleno (por ejemplo «{weak[0].Purpose}») el {DayText(day)}.",
                    weak, user.Key.InstitutionId, user.Key.EndUserCode);
            var same = user.GroupBy(r => Canonical(r.Purpose)).MaxBy(g => g.Count());
            if (same is not null && same.Count() >= o.SameTextQueries)
                yield return new AlertCandidate(Key(MisuseRule.WeakPurpose, day, "repetida", user.Key.InstitutionId, user.Key.EndUserCode),
                    MisuseRule.WeakPurpose, AlertSeverity.Low, day,
                    $"{label} usó la misma finalidad («{same.First().Purpose}») en {Number(same.Count())} consultas el {DayText(day)}.",
                    same.ToList(), user.Key.InstitutionId, user.Key.EndUserCode);
        }
    }

    public static IEnumerable<AlertCandidate> BroadNameSearches(DateOnly day, IReadOnlyList<AuditFact> records, DetectionContext ctx)
    {
        foreach (var user in ByEndUser(records.Where(r => r.IsQuery && r.QueryType == QueryType.Name)))
        {
            if (user.Count() < ctx.Options.NameSearchesPerDay) continue;
            yield return new AlertCandidate(Key(MisuseRule.BroadNameSearch, day, user.Key.InstitutionId, user.Key.EndUserCode),
                MisuseRule.BroadNameSearch, AlertSeverity.Medium, day,
                $"{ctx.EndUserLabel(user.Key.InstitutionId, user.Key.EndUserCode)} hizo {user.Count()} búsquedas por nombre el {DayText(day)} " +
                $"(el límite de atención es {ctx.Options.NameSearchesPerDay} por día).",
                user.ToList(), user.Key.InstitutionId, user.Key.EndUserCode);
        }
    }

    /// <summary>The median of the end user's queries per working day over the baseline days (days without queries count as 0).</summary>
    public static double Median(IEnumerable<int> perDay)
    {
        var sorted = perDay.Order().ToList();
        if (sorted.Count == 0) return 0;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
