using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Misuse;

namespace Segip.Consulta.Tests.Unit;

/// <summary>Each misuse rule fires on its pattern and stays quiet on a normal working day.</summary>
[Trait("Category", "Unit")]
public class MisuseRulesTests
{
    // Wednesday 11/03/2026 and Saturday 14/03/2026 in Bolivia.
    private static readonly DateOnly Wednesday = new(2026, 3, 11);
    private static readonly DateOnly Saturday = new(2026, 3, 14);
    private const int Bank = 1, Telecom = 2;

    private static DetectionContext Context(IReadOnlySet<string>? protectedDocs = null,
        Dictionary<(int?, string), double>? medians = null) =>
        new(new MisuseOptions(), protectedDocs ?? new HashSet<string>(),
            new Dictionary<int, string> { [Bank] = "BD", [Telecom] = "TEL" }, medians ?? []);

    private long sequence;

    /// <summary>A record at Bolivian local time <paramref name="local"/>.</summary>
    private AuditFact Record(DateOnly day, TimeOnly local, string endUser = "BD-014", int institution = Bank,
        string? document = null, QueryResult result = QueryResult.Found, QueryType type = QueryType.Document,
        string purpose = "Apertura de cuenta de ahorro", RefusalReason? refusal = null, string? ip = "10.0.0.5") =>
        new(++sequence, day.ToDateTime(local, DateTimeKind.Utc) - BoliviaClock.Offset, institution, endUser, ip, type,
            document ?? (3_000_000 + sequence * 7919 % 5_000_000).ToString(), purpose, result, refusal);

    /// <summary>A normal working day: 20 end users of two institutions, 25 queries each between 08:30 and 17:30, varied purposes, a few not found.</summary>
    private List<AuditFact> NormalDay(DateOnly day)
    {
        var records = new List<AuditFact>();
        string[] purposes = ["Apertura de cuenta de ahorro", "Evaluación de crédito de consumo", "Alta de línea móvil postpago", "Verificación de identidad del cliente"];
        for (var u = 0; u < 20; u++)
        for (var q = 0; q < 25; q++)
        {
            var institution = u < 10 ? Bank : Telecom;
            var time = new TimeOnly(8, 30).AddMinutes((u * 37 + q * 21) % 540);
            records.Add(Record(day, time, $"{(institution == Bank ? "BD" : "TEL")}-{u:000}", institution,
                result: q % 12 == 0 ? QueryResult.NotFound : QueryResult.Found, purpose: purposes[(u + q) % purposes.Length]));
        }
        return records.OrderBy(r => r.TimestampUtc).ToList();
    }

    private static IReadOnlyList<AlertCandidate> Run(DateOnly day, List<AuditFact> records, DetectionContext ctx) =>
        MisuseRules.Evaluate(day, records, ctx).ToList();

    [Fact]
    public void A_normal_day_raises_no_alert()
    {
        var medians = NormalDay(Wednesday).Select(r => (r.InstitutionId, r.EndUserCode!)).Distinct().ToDictionary(k => k, _ => 25.0);
        Assert.Empty(Run(Wednesday, NormalDay(Wednesday), Context(medians: medians)));
    }

    [Fact]
    public void Volume_spike_fires_above_factor_times_median_and_the_floor_and_explains_it_in_spanish()
    {
        var day = NormalDay(Saturday.AddDays(-3));
        for (var i = 0; i < 412; i++) day.Add(Record(Saturday.AddDays(-3), new TimeOnly(9, 0).AddMinutes(i % 600)));
        var ctx = Context(medians: new() { [(Bank, "BD-014")] = 9 });

        var alert = Assert.Single(Run(Saturday.AddDays(-3), day, ctx), a => a.Rule == MisuseRule.VolumeSpike);

        Assert.Equal("BD-014", alert.EndUserCode);
        Assert.Equal(412, alert.Evidence.Count);
        Assert.Equal("BD-014 (BD) hizo 412 consultas el miércoles 11/03/2026; su mediana de los últimos 30 días es 9 por día hábil.", alert.Explanation);
        // A user whose median is high is not a spike at the same count.
        Assert.DoesNotContain(MisuseRules.VolumeSpike(Wednesday, day, Context(medians: new() { [(Bank, "BD-014")] = 100 })), a => a.EndUserCode == "BD-014");
    }

    [Fact]
    public void Outside_working_hours_fires_on_a_saturday_and_at_night_but_honours_an_institution_schedule()
    {
        var records = Enumerable.Range(0, 12).Select(i => Record(Saturday, new TimeOnly(22, 0).AddMinutes(i * 3))).ToList();

        var alert = Assert.Single(MisuseRules.OutsideWorkingHours(Saturday, records, Context()));
        Assert.Contains("fuera del horario declarado", alert.Explanation);
        Assert.Contains("sábado 14/03/2026", alert.Explanation);

        var everyDay = new Dictionary<int, WorkingSchedule> { [Bank] = new(WorkingDays.All, new TimeOnly(0, 0), new TimeOnly(23, 59)) };
        Assert.Empty(MisuseRules.OutsideWorkingHours(Saturday, records, Context() with { Schedules = everyDay }));
        Assert.Empty(MisuseRules.OutsideWorkingHours(Wednesday, NormalDay(Wednesday), Context()));
    }

    [Fact]
    public void Enumeration_fires_on_a_high_not_found_share_and_on_consecutive_document_numbers()
    {
        var notFound = Enumerable.Range(0, 40).Select(i => Record(Wednesday, new TimeOnly(10, 0).AddMinutes(i),
            result: i % 4 == 0 ? QueryResult.Found : QueryResult.NotFound)).ToList();
        var share = Assert.Single(MisuseRules.Enumeration(Wednesday, notFound, Context()));
        Assert.Contains("30 de sus 40 consultas", share.Explanation);
        Assert.Equal(30, share.Evidence.Count);

        var run = Enumerable.Range(0, 12).Select(i => Record(Wednesday, new TimeOnly(11, 0).AddMinutes(i), document: (4_500_100 + i).ToString())).ToList();
        var consecutive = Assert.Single(MisuseRules.Enumeration(Wednesday, run, Context()));
        Assert.Contains("12 números de documento consecutivos (del 4500100 al 4500111)", consecutive.Explanation);
        Assert.Equal(AlertSeverity.High, consecutive.Severity);

        Assert.Empty(MisuseRules.Enumeration(Wednesday, NormalDay(Wednesday), Context()));
    }

    [Fact]
    public void One_person_queried_by_many_end_users_within_the_window_fires_once()
    {
        var records = NormalDay(Wednesday);
        records.AddRange(Enumerable.Range(0, 7).Select(i => Record(Wednesday, new TimeOnly(15, 0).AddMinutes(i * 5), $"X-{i}",
            i % 2 == 0 ? Bank : Telecom, document: "5551234")));

        var alert = Assert.Single(MisuseRules.PersonCrowd(Wednesday, records, Context()));
        Assert.Equal("5551234", alert.DocumentNumber);
        Assert.StartsWith("El documento 5551234 fue consultado por 7 usuarios finales de 2 instituciones en 60 minutos", alert.Explanation);

        // The same seven queries spread over the day are ordinary.
        var spread = Enumerable.Range(0, 7).Select(i => Record(Wednesday, new TimeOnly(8, 30).AddMinutes(i * 80), $"X-{i}", document: "5551234")).ToList();
        Assert.Empty(MisuseRules.PersonCrowd(Wednesday, spread, Context()));
    }

    [Fact]
    public void A_single_query_on_a_protected_person_raises_a_high_severity_alert()
    {
        var records = NormalDay(Wednesday);
        records.Add(Record(Wednesday, new TimeOnly(12, 0), "BD-003", document: "1234567"));

        var alert = Assert.Single(Run(Wednesday, records, Context(new HashSet<string> { "1234567" })));
        Assert.Equal(MisuseRule.ProtectedPerson, alert.Rule);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal("BD-003 (BD) consultó a una persona protegida (documento 1234567) una vez el miércoles 11/03/2026.", alert.Explanation);
        Assert.Empty(MisuseRules.ProtectedPersons(Wednesday, NormalDay(Wednesday), Context(new HashSet<string> { "1234567" })));
    }

    [Fact]
    public void Repeated_refusals_fire_for_a_disabled_end_user_an_expired_agreement_and_one_address()
    {
        var records = new List<AuditFact>();
        records.AddRange(Enumerable.Range(0, 6).Select(i => Record(Wednesday, new TimeOnly(9, i), "BD-002",
            result: QueryResult.Refused, refusal: RefusalReason.EndUserNotEnabled)));
        records.AddRange(Enumerable.Range(0, 25).Select(i => Record(Wednesday, new TimeOnly(10, i), "TEL-9", Telecom,
            result: QueryResult.Refused, refusal: RefusalReason.AgreementNotInForce)));
        records.AddRange(Enumerable.Range(0, 12).Select(i => Record(Wednesday, new TimeOnly(11, i), "TEL-8", Telecom,
            result: QueryResult.Refused, refusal: RefusalReason.IpNotAllowed, ip: "203.0.113.9")));

        var alerts = MisuseRules.RepeatedRefusals(Wednesday, records, Context()).ToList();

        Assert.Equal(3, alerts.Count);
        Assert.Contains(alerts, a => a.Explanation == "BD-002 (BD) siguió intentando consultar estando inhabilitado: 6 intentos rechazados el miércoles 11/03/2026.");
        Assert.Contains(alerts, a => a.Explanation.StartsWith("TEL intentó 25 consultas sin convenio vigente"));
        Assert.Contains(alerts, a => a.ClientIp == "203.0.113.9");
        // Two refusals of a quota running out are not a pattern.
        Assert.Empty(MisuseRules.RepeatedRefusals(Wednesday, records.Take(4).ToList(), Context()));
    }

    [Fact]
    public void Weak_purposes_fire_on_placeholders_and_on_one_text_repeated_hundreds_of_times()
    {
        var placeholders = new[] { "prueba", "xxxxx", "Consulta", "....a", "test." }
            .Select((p, i) => Record(Wednesday, new TimeOnly(9, i), purpose: p)).ToList();
        var weak = Assert.Single(MisuseRules.WeakPurposes(Wednesday, placeholders, Context()));
        Assert.Contains("finalidad vacía o de relleno", weak.Explanation);

        var same = Enumerable.Range(0, 210).Select(i => Record(Wednesday, new TimeOnly(9, 0).AddMinutes(i), purpose: "Apertura de cuenta corriente")).ToList();
        var repeated = Assert.Single(MisuseRules.WeakPurposes(Wednesday, same, Context()));
        Assert.Contains("misma finalidad («Apertura de cuenta corriente») en 210 consultas", repeated.Explanation);

        Assert.False(MisuseRules.IsPlaceholder("Evaluación de crédito", new WeakPurposeOptions()));
        Assert.Empty(MisuseRules.WeakPurposes(Wednesday, NormalDay(Wednesday), Context()));
    }

    [Fact]
    public void Broad_name_searches_fire_past_the_daily_limit_only()
    {
        var searches = Enumerable.Range(0, 45).Select(i => Record(Wednesday, new TimeOnly(9, 0).AddMinutes(i * 5), "TSE-001",
            type: QueryType.Name) with { DocumentNumber = null }).ToList();

        var alert = Assert.Single(MisuseRules.BroadNameSearches(Wednesday, searches, Context()));
        Assert.Contains("45 búsquedas por nombre", alert.Explanation);
        Assert.Empty(MisuseRules.BroadNameSearches(Wednesday, searches.Take(20).ToList(), Context()));
    }

    [Fact]
    public void Alerts_of_the_same_day_and_subject_share_a_fingerprint_whatever_the_batch()
    {
        var records = Enumerable.Range(0, 12).Select(i => Record(Saturday, new TimeOnly(22, 0).AddMinutes(i))).ToList();
        var first = MisuseRules.OutsideWorkingHours(Saturday, records, Context()).Single();
        records.AddRange(Enumerable.Range(0, 5).Select(i => Record(Saturday, new TimeOnly(23, 0).AddMinutes(i))));
        Assert.Equal(first.Fingerprint, MisuseRules.OutsideWorkingHours(Saturday, records, Context()).Single().Fingerprint);
    }

    [Fact]
    public void Median_counts_quiet_days_and_longest_run_ignores_repeats()
    {
        Assert.Equal(9, MisuseRules.Median([0, 9, 9, 12, 3]));
        Assert.Equal(0, MisuseRules.Median([]));
        var run = MisuseRules.LongestConsecutiveRun(new[] { "10", "11", "11", "12", "40", "13" }.Select(d => Record(Wednesday, new TimeOnly(9, 0), document: d)));
        Assert.Equal(new[] { "10", "11", "12", "13" }, run.Select(r => r.DocumentNumber));
    }
}
