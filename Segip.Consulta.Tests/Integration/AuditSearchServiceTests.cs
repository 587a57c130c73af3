using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AuditSearchServiceTests(SeededAuditLog log) : IClassFixture<SeededAuditLog>
{
    private AuditSearchService Search => log.Host.Get<AuditSearchService>();

    private async Task<IReadOnlyList<long>> SequencesAsync(AuditSearchFilter filter, Actor? actor = null)
    {
        var result = await Search.SearchAsync(actor ?? SeededAuditLog.Auditor, filter, AuditSort.Time, descending: false, pageSize: 200);
        Assert.True(result.IsOk, result.Message);
        Assert.Equal(result.Value!.Total, result.Value.Rows.Count);
        return result.Value.Rows.Select(r => r.Sequence).ToList();
    }

    private IReadOnlyList<long> Expected(Func<AuditRecord, bool> predicate) =>
        log.Records.Where(predicate).Select(r => r.Sequence).ToList();

    [Fact]
    public async Task Who_has_queried_this_person_is_one_search_by_document_number()
    {
        var result = await Search.SearchAsync(SeededAuditLog.Auditor, new AuditSearchFilter { DocumentNumber = " 1234567 " });

        Assert.True(result.IsOk);
        Assert.Equal(6, result.Value!.Total);
        Assert.All(result.Value.Rows, r => Assert.Equal("CI 1234567", r.SearchKeys));
        Assert.Contains(result.Value.Rows, r => r.InstitutionName == "Banco Demo S.A." && r.EndUserCode == "BD-001");
        Assert.Equal(result.Value.Rows.Select(r => r.Sequence).OrderDescending(), result.Value.Rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Each_filter_returns_exactly_the_matching_records()
    {
        Assert.Equal(Expected(r => r.InstitutionId == log.Tse), await SequencesAsync(new() { InstitutionId = log.Tse }));
        Assert.Equal(Expected(r => r.AgreementId == log.BankAgreement), await SequencesAsync(new() { AgreementId = log.BankAgreement }));
        Assert.Equal(Expected(r => r.EndUserCode == "VEN-001"), await SequencesAsync(new() { EndUserCode = "ven-001" }));
        Assert.Equal(Expected(r => r.Channel == Channel.WebService), await SequencesAsync(new() { Channel = Channel.WebService }));
        Assert.Equal(Expected(r => r.QueryType == QueryType.Verification), await SequencesAsync(new() { QueryType = QueryType.Verification }));
        Assert.Equal(Expected(r => r.Result == QueryResult.Refused), await SequencesAsync(new() { Result = QueryResult.Refused }));
        Assert.Equal(Expected(r => r.Purpose!.Contains("Apertura")), await SequencesAsync(new() { PurposeText = "APERTURA de" }));
        Assert.Equal(Expected(r => r.Purpose == SeededAuditLog.TrickyPurpose), await SequencesAsync(new() { PurposeText = "\"preferente\";" }));
        Assert.Empty(await SequencesAsync(new() { PurposeText = "100%" }));
    }

    [Fact]
    public async Task Dates_are_bolivian_days_with_both_ends_included()
    {
        var from = new DateOnly(2025, 12, 30);
        var to = new DateOnly(2026, 1, 2);
        var expected = Expected(r => DateOnly.FromDateTime(BoliviaClock.ToLocal(r.TimestampUtc)) is var d && d >= from && d <= to);

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, await SequencesAsync(new() { From = from, To = to }));
        Assert.Equal(Expected(r => r.TimestampUtc >= AuditSearchFilter.StartUtc(to) && r.Result == QueryResult.Found && r.InstitutionId == log.Bank),
            await SequencesAsync(new() { From = to, Result = QueryResult.Found, InstitutionId = log.Bank }));
        Assert.Equal(Expected(r => DateOnly.FromDateTime(BoliviaClock.ToLocal(r.TimestampUtc)) is var d && d >= from && d <= to && r.Channel == Channel.Web),
            await SequencesAsync(new() { From = from, To = to, Channel = Channel.Web }));
        Assert.Empty(await SequencesAsync(new() { From = new DateOnly(2027, 1, 1) }));
        Assert.Empty(await SequencesAsync(new() { To = new DateOnly(2025, 1, 1), Result = QueryResult.Refused }));
    }

    [Fact]
    public async Task Pages_are_cut_on_the_server_in_the_order_asked()
    {
        var first = await Search.SearchAsync(SeededAuditLog.Auditor, new(), AuditSort.Time, descending: false, page: 0, pageSize: 25);
        var third = await Search.SearchAsync(SeededAuditLog.Auditor, new(), AuditSort.Time, descending: false, page: 2, pageSize: 25);
        Assert.Equal(60, first.Value!.Total);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), first.Value.Rows.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(51, 10).Select(i => (long)i), third.Value!.Rows.Select(r => r.Sequence));

        var byInstitution = await Search.SearchAsync(SeededAuditLog.Auditor, new(), AuditSort.Institution, descending: true, pageSize: 200);
        Assert.Equal(log.Records.OrderByDescending(r => r.InstitutionId).ThenByDescending(r => r.Sequence).Select(r => r.Sequence),
            byInstitution.Value!.Rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task An_institution_admin_sees_only_its_own_institution()
    {
        Assert.Equal(Expected(r => r.InstitutionId == log.Bank), await SequencesAsync(new(), log.BankAdmin));
        Assert.Equal(Expected(r => r.InstitutionId == log.Bank && r.DocumentNumber == SeededAuditLog.PersonQueried),
            await SequencesAsync(new() { DocumentNumber = SeededAuditLog.PersonQueried }, log.BankAdmin));

        var other = await Search.SearchAsync(log.BankAdmin, new() { InstitutionId = log.Tse });
        Assert.Equal(ServiceStatus.Forbidden, other.Status);
        var tseRecord = log.Records.First(r => r.InstitutionId == log.Tse).Sequence;
        Assert.Equal(ServiceStatus.NotFound, (await Search.GetAsync(log.BankAdmin, tseRecord)).Status);
        var ownRecord = log.Records.First(r => r.InstitutionId == log.Bank).Sequence;
        Assert.True((await Search.GetAsync(log.BankAdmin, ownRecord)).IsOk);

        var options = await Search.FilterOptionsAsync(log.BankAdmin);
        Assert.Equal(["Banco Demo S.A."], options.Institutions.Select(i => i.Name));

        var officer = new Actor("oficial", new HashSet<string> { Roles.Officer }, log.Bank);
        var legal = new Actor("juridico", new HashSet<string> { Roles.Legal }, null);
        Assert.Equal(ServiceStatus.Forbidden, (await Search.SearchAsync(officer, new())).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Search.SearchAsync(legal, new())).Status);
    }

    [Fact]
    public async Task A_record_detail_holds_every_column()
    {
        var record = log.Records[7];
        var detail = (await Search.GetAsync(SeededAuditLog.Auditor, record.Sequence)).Value!;

        Assert.Equal(record.QueryId, detail.QueryId);
        Assert.Equal(SeededAuditLog.TrickyPurpose, detail.Purpose);
        Assert.Equal(record.ClientIp, detail.ClientIp);
        Assert.Equal(Convert.ToHexString(record.Hash), detail.HashHex);
        Assert.Equal("Tribunal Supremo Electoral", detail.InstitutionName);
        Assert.Equal(ServiceStatus.NotFound, (await Search.GetAsync(SeededAuditLog.Auditor, 9999)).Status);
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_spanish_messages_per_field()
    {
        var result = await Search.SearchAsync(SeededAuditLog.Auditor,
            new() { DocumentNumber = "12AB", From = new DateOnly(2026, 2, 1), To = new DateOnly(2026, 1, 1) });

        Assert.Equal(ServiceStatus.Invalid, result.Status);
        Assert.Equal(["El número de documento debe tener de 1 a 10 dígitos."], result.Errors[nameof(AuditSearchFilter.DocumentNumber)]);
        Assert.Equal(["La fecha final no puede ser anterior a la inicial."], result.Errors[nameof(AuditSearchFilter.To)]);
    }

    [Fact]
    public async Task Statistics_totals_equal_the_raw_counts()
    {
        var stats = await log.Host.Get<AuditStatisticsService>().ComputeAsync(log.Scope(new()));

        Assert.Equal(60, stats.Total);
        var localYears = log.Records.GroupBy(r => BoliviaClock.ToLocal(r.TimestampUtc).Year).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(localYears.OrderBy(y => y.Key).Select(y => (y.Key, y.Value)), stats.ByYear.Select(y => (y.Key, y.Count)));
        Assert.Equal([(2025, 11, 11), (2025, 12, 31), (2026, 1, 18)], stats.ByMonth.Select(m => (m.Year, m.Month, m.Count)));
        Assert.Equal(60, stats.ByInstitution.Sum(i => i.Count));
        Assert.Equal(20, stats.ByInstitution.Single(i => i.Key == log.Bank).Count);
        Assert.Equal(log.Records.Count(r => r.Channel == Channel.Web), stats.ByChannel.Single(c => c.Key == Channel.Web).Count);
        foreach (var result in stats.ByResult)
            Assert.Equal(log.Records.Count(r => r.Result == result.Key), result.Count);
        Assert.Equal(60, stats.ByResult.Sum(r => r.Count));

        var again = await log.Host.Get<AuditStatisticsService>().ComputeAsync(log.Scope(new()));
        Assert.Equal(stats.ByMonth, again.ByMonth);
        Assert.Equal(stats.ByInstitution, again.ByInstitution);

        var from = new DateOnly(2025, 12, 15);
        var to = new DateOnly(2026, 1, 5);
        var period = await log.Host.Get<AuditStatisticsService>().ComputeAsync(log.Scope(new() { From = from, To = to, Channel = Channel.Web }));
        var inPeriod = log.Records.Where(r => DateOnly.FromDateTime(BoliviaClock.ToLocal(r.TimestampUtc)) is var d && d >= from && d <= to && r.Channel == Channel.Web).ToList();
        Assert.Equal(inPeriod.Count, period.Total);
        Assert.Equal(inPeriod.GroupBy(r => BoliviaClock.ToLocal(r.TimestampUtc).Month).OrderBy(g => g.Key == 1).Select(g => g.Count()),
            period.ByMonth.Select(m => m.Count));

        var bankOnly = await log.Host.Get<AuditStatisticsService>().ComputeAsync(log.Scope(new(), log.BankAdmin));
        Assert.Equal(20, bankOnly.Total);
        Assert.All(bankOnly.Quotas, q => Assert.Equal(log.Bank, q.InstitutionId));
    }
}
