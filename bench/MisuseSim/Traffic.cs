using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Bench.MisuseSim;

/// <summary>An abuse case the simulator injected: the rule that should catch it, its subject and its Bolivian day.</summary>
public sealed record Injection(MisuseRule Rule, DateOnly Day, int? InstitutionId = null, string? EndUserCode = null,
    string? DocumentNumber = null, string? ClientIp = null)
{
    public bool Matches(MisuseAlert a) => a.Rule == Rule && a.Day == Day
        && (EndUserCode is null || a.EndUserCode == EndUserCode)
        && (DocumentNumber is null || a.DocumentNumber == DocumentNumber)
        && (ClientIp is null || a.ClientIp == ClientIp)
        && (InstitutionId is null || a.InstitutionId == InstitutionId);

    /// <summary>Any alert on the injected subject and day (another rule firing on the same abuse is not a false alert).</summary>
    public bool Touches(MisuseAlert a) => a.Day == Day
        && ((EndUserCode is not null && a.EndUserCode == EndUserCode) || (DocumentNumber is not null && a.DocumentNumber == DocumentNumber)
            || (ClientIp is not null && a.ClientIp == ClientIp) || (EndUserCode is null && InstitutionId is not null && a.InstitutionId == InstitutionId));
}

public sealed record SimRecord(DateTime LocalTime, AuditEntry Entry, Injection? Injection);

/// <summary>
/// Generates each day's traffic: working-hour rhythm (Mon–Fri, peaks mid-morning and mid-afternoon, a trickle on
/// Saturdays within hours), per-user volumes that vary day to day, ~3 % not found, occasional refusals, name
/// searches at the electoral tribunal; and, on chosen days, one labelled abuse scenario per rule.
/// </summary>
public sealed class Traffic(World world, Random random, int perDay)
{
    private static readonly double[] HourWeights = [0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 12, 11, 6, 5, 9, 11, 10, 7, 4, 2, 0, 0, 0, 0];
    private readonly List<Injection> injections = [];
    private int round;
    public IReadOnlyList<Injection> Injections => injections;

    public List<SimRecord> Day(DateOnly day, int index)
    {
        var records = new List<SimRecord>();
        var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var volume = weekday ? perDay : 0;
        var mean = (double)volume / world.Users.Count;
        foreach (var user in world.Users)
        {
            var count = Poisson(mean * (0.6 + 0.8 * random.NextDouble()));
            for (var q = 0; q < count; q++) records.Add(Normal(user, day, WorkingMinute(day)));
        }
        // The first eight days build the baselines; then two abuse scenarios each working day, rotating over the rules.
        if (index >= 8 && weekday)
            for (var i = 0; i < 2; i++) records.AddRange(Inject(day, round++));
        return records.OrderBy(r => r.LocalTime).ToList();
    }

    private DateTime WorkingMinute(DateOnly day)
    {
        var pick = random.NextDouble() * HourWeights.Sum();
        var hour = 0;
        while (pick > HourWeights[hour]) pick -= HourWeights[hour++];
        return day.ToDateTime(new TimeOnly(hour, random.Next(60)));
    }

    private string RandomDocument() => random.Next(1_000_000, 12_000_000).ToString();

    private SimRecord Normal(SimUser user, DateOnly day, DateTime at, Injection? injection = null, string? document = null,
        QueryResult? result = null, string? purpose = null, QueryType? type = null, RefusalReason? refusal = null, string? ip = null)
    {
        var kind = type ?? (user.Profile == Profile.Electoral && random.Next(10) == 0 ? QueryType.Name
            : random.Next(5) == 0 ? QueryType.Verification : QueryType.Document);
        var number = kind == QueryType.Name ? null : document ?? RandomDocument();
        var outcome = result ?? (random.Next(100) switch { < 3 => QueryResult.NotFound, < 4 => QueryResult.Refused, _ => QueryResult.Found });
        var reason = refusal ?? (outcome == QueryResult.Refused ? RefusalReason.QuotaExhausted : null);
        return new SimRecord(at, new AuditEntry
        {
            InstitutionId = user.InstitutionId, EndUserCode = user.Code, Channel = Channel.WebService, ClientIp = ip ?? user.Ip,
            QueryType = kind, SearchKeys = number is null ? "NOMBRE PEREZ JUAN 1985-03-14" : $"CI {number}", DocumentNumber = number,
            Purpose = purpose ?? user.Purposes[random.Next(user.Purposes.Length)], Result = outcome, RefusalReason = reason,
        }, injection);
    }

    private SimUser AnyUser(Func<SimUser, bool>? where = null)
    {
        var pool = world.Users.Where(where ?? (_ => true)).ToList();
        return pool[random.Next(pool.Count)];
    }

    private IEnumerable<SimRecord> Inject(DateOnly day, int round)
    {
        var rule = (MisuseRule)(1 + round % 8);
        var at = day.ToDateTime(new TimeOnly(10, 0));
        var user = AnyUser(u => u.Profile != Profile.Electoral);
        switch (rule)
        {
            case MisuseRule.VolumeSpike:
            {
                var x = Add(new(rule, day, user.InstitutionId, user.Code));
                return Enumerable.Range(0, 400).Select(i => Normal(user, day, at.AddMinutes(i % 480), x));
            }
            case MisuseRule.OutsideWorkingHours:
            {
                var x = Add(new(rule, day, user.InstitutionId, user.Code));
                return Enumerable.Range(0, 15).Select(i => Normal(user, day, day.ToDateTime(new TimeOnly(22, 0)).AddMinutes(i * 4), x));
            }
            case MisuseRule.Enumeration:
            {
                var x = Add(new(rule, day, user.InstitutionId, user.Code));
                var start = random.Next(2_000_000, 9_000_000);
                return Enumerable.Range(0, 40).Select(i => Normal(user, day, at.AddMinutes(i), x, (start + i).ToString(),
                    i % 3 == 0 ? QueryResult.Found : QueryResult.NotFound, type: QueryType.Document));
            }
            case MisuseRule.HeavilyQueriedPerson:
            {
                var document = RandomDocument();
                var x = Add(new(rule, day, DocumentNumber: document));
                return Enumerable.Range(0, 8).Select(i => Normal(AnyUser(), day, at.AddMinutes(i * 5), x, document, QueryResult.Found, type: QueryType.Document));
            }
            case MisuseRule.ProtectedPerson:
            {
                var document = world.ProtectedDocuments[random.Next(world.ProtectedDocuments.Count)];
                var x = Add(new(rule, day, user.InstitutionId, user.Code, document));
                return [Normal(user, day, at, x, document, QueryResult.Found, type: QueryType.Document)];
            }
            case MisuseRule.RepeatedRefusals:
            {
                var disabled = Add(new(rule, day, user.InstitutionId, user.Code));
                var other = AnyUser(u => u.InstitutionId != user.InstitutionId);
                var address = $"203.0.113.{random.Next(1, 250)}";
                var fromAddress = Add(new(rule, day, ClientIp: address));
                return Enumerable.Range(0, 8).Select(i => Normal(user, day, at.AddMinutes(i * 3), disabled, result: QueryResult.Refused, refusal: RefusalReason.EndUserNotEnabled))
                    .Concat(Enumerable.Range(0, 15).Select(i => Normal(other, day, at.AddMinutes(60 + i), fromAddress, result: QueryResult.Refused, refusal: RefusalReason.IpNotAllowed, ip: address)));
            }
            case MisuseRule.WeakPurpose:
            {
                var x = Add(new(rule, day, user.InstitutionId, user.Code));
                string[] fillers = ["prueba", "xxx", "consulta", "....", "asdf"];
                return Enumerable.Range(0, 10).Select(i => Normal(user, day, at.AddMinutes(i * 7), x, purpose: fillers[i % fillers.Length]));
            }
            default:
            {
                var tse = AnyUser(u => u.Profile == Profile.Electoral);
                var x = Add(new(MisuseRule.BroadNameSearch, day, tse.InstitutionId, tse.Code));
                return Enumerable.Range(0, 60).Select(i => Normal(tse, day, at.AddMinutes(i * 3), x, type: QueryType.Name, result: QueryResult.Found));
            }
        }
    }

    private Injection Add(Injection injection)
    {
        injections.Add(injection);
        return injection;
    }

    private int Poisson(double mean)
    {
        // Knuth's method is fine for the small means of one user's day.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > limit);
        return k - 1;
    }
}
