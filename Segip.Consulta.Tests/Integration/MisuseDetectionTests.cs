using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The detector over a real database: resume after restart, several instances, the protected list and the review.</summary>
[Trait("Category", "Integration")]
public class MisuseDetectionTests
{
    // Saturday 14/03/2026 22:00 in Bolivia.
    private static readonly DateTimeOffset SaturdayNight = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Auditor = new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);
    private static readonly Actor Admin = new("admin@segip.demo", new HashSet<string> { Roles.SegipAdmin }, null);

    protected virtual Engine Engine => Engine.Sqlite;

    private async Task<(CoreHost Host, FakeTimeProvider Clock, int Bank)> HostAsync(IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(SaturdayNight);
        var host = await CoreHost.CreateAsync(persons: 50, clock: clock, settings: settings, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var bank = await db.Institutions.Where(i => i.Acronym == "BDEMO").Select(i => i.Id).SingleAsync();
        return (host, clock, bank);
    }

    /// <summary>Queries of BD-001 one minute apart, through the real audit writer.</summary>
    internal static async Task QueriesAsync(CoreHost host, FakeTimeProvider clock, int bank, int count, string? document = null)
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var number = document ?? (4_000_000 + i * 13).ToString();
            await log.AppendAsync(new AuditEntry
            {
                InstitutionId = bank, EndUserCode = "BD-001", Channel = Channel.WebService, QueryType = QueryType.Document,
                SearchKeys = $"CI {number}", DocumentNumber = number, Purpose = "Evaluación de crédito de consumo", Result = QueryResult.Found,
            });
        }
    }

    private static MisuseDetector NewInstance(CoreHost host) => ActivatorUtilities.CreateInstance<MisuseDetector>(host.Services);

    private static async Task<List<MisuseAlert>> AlertsAsync(CoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.MisuseAlerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_restarted_detector_resumes_after_its_position_and_raises_no_alert_twice()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        await host.Get<ProtectedPersonService>().AddAsync(Admin, new() { DocumentNumber = "1234567", Reason = "Autoridad bajo protección" });
        await QueriesAsync(host, clock, bank, 12);
        await QueriesAsync(host, clock, bank, 1, "1234567");

        var (records, raised) = await NewInstance(host).CatchUpAsync();
        var first = await AlertsAsync(host);
        Assert.Equal(13, records);
        Assert.Contains(first, a => a.Rule == MisuseRule.OutsideWorkingHours && a.EndUserCode == "BD-001" && a.EvidenceCount == 13);
        var protectedAlert = Assert.Single(first, a => a.Rule == MisuseRule.ProtectedPerson);
        Assert.Equal(AlertSeverity.High, protectedAlert.Severity);
        Assert.Equal(AlertState.New, protectedAlert.State);
        Assert.Equal(first.Count, raised);

        // "Restart": a new instance with empty memory reads nothing again, and more of the same pattern the same night adds no alert.
        Assert.Equal((0, 0), await NewInstance(host).CatchUpAsync());
        await QueriesAsync(host, clock, bank, 5);
        var (again, more) = await NewInstance(host).CatchUpAsync();
        Assert.Equal(5, again);
        Assert.Equal(0, more);
        Assert.Equal(first.Select(a => a.Fingerprint), (await AlertsAsync(host)).Select(a => a.Fingerprint));
    }

    [Fact]
    public async Task Two_instances_running_together_store_each_alert_once()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        await QueriesAsync(host, clock, bank, 30);

        await Task.WhenAll(NewInstance(host).CatchUpAsync(), NewInstance(host).CatchUpAsync(), NewInstance(host).CatchUpAsync());

        var alerts = await AlertsAsync(host);
        Assert.Single(alerts, a => a.Rule == MisuseRule.OutsideWorkingHours);
        Assert.Equal(alerts.Count, alerts.Select(a => a.Fingerprint).Distinct().Count());
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(await db.AuditRecords.MaxAsync(r => r.Sequence), (await db.DetectorPositions.SingleAsync()).LastSequence);
    }

    [Fact]
    public async Task Only_segip_administrators_keep_the_protected_list_and_each_change_is_in_the_history()
    {
        var (host, _, bank) = await HostAsync();
        await using var __ = host;
        var service = host.Get<ProtectedPersonService>();
        var institutionAdmin = new Actor("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);

        Assert.Equal(ServiceStatus.Forbidden, (await service.ListAsync(Auditor)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await service.AddAsync(Auditor, new() { DocumentNumber = "7654321", Reason = "Motivo de prueba" })).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await service.AddAsync(institutionAdmin, new() { DocumentNumber = "7654321", Reason = "Motivo de prueba" })).Status);
        var invalid = await service.AddAsync(Admin, new() { DocumentNumber = "12-AB", Reason = "" });
        Assert.Equal(ServiceStatus.Invalid, invalid.Status);
        Assert.Equal(new[] { "DocumentNumber", "Reason" }, invalid.Errors.Keys.Order());

        var added = await service.AddAsync(Admin, new() { DocumentNumber = " 7654321 ", Reason = "Alta autoridad del Estado" });
        Assert.True(added.IsOk, added.Message);
        Assert.Equal(ServiceStatus.Conflict, (await service.AddAsync(Admin, new() { DocumentNumber = "7654321", Reason = "Otra vez" })).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await service.RemoveAsync(Auditor, added.Value!.Id)).Status);
        Assert.True((await service.RemoveAsync(Admin, added.Value.Id)).IsOk);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var history = await db.ChangeRecords.Where(c => c.EntityType == ProtectedPersonService.EntityType).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(new[] { "Agregar", "Quitar" }, history.Select(c => c.Action));
        Assert.All(history, c => Assert.Equal("admin@segip.demo", c.UserName));
        Assert.Contains("7654321", history[0].After);
        Assert.Empty(await db.ProtectedPersons.ToListAsync());
    }

    [Fact]
    public async Task An_alert_is_reviewed_and_closed_with_a_conclusion_and_each_step_is_in_the_history()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        await QueriesAsync(host, clock, bank, 12);
        await NewInstance(host).CatchUpAsync();
        var alerts = host.Get<MisuseAlertService>();
        var id = (await AlertsAsync(host)).Single(a => a.Rule == MisuseRule.OutsideWorkingHours).Id;
        var institutionAdmin = new Actor("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);

        Assert.Equal(ServiceStatus.Forbidden, (await alerts.GetAsync(institutionAdmin, id)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await alerts.CloseAsync(institutionAdmin, id, new() { Conclusion = "Conclusión suficiente" })).Status);
        Assert.Equal(ServiceStatus.Invalid, (await alerts.CloseAsync(Auditor, id, new() { Conclusion = "corta" })).Status);
        Assert.Equal(ServiceStatus.Invalid, (await alerts.AssignAsync(Auditor, id, new() { AssignedTo = "nadie@ejemplo.bo" })).Status);
        Assert.Equal(1, (await alerts.CountsAsync(Auditor)).New);
        // The alert page offers exactly these steps: each offered is accepted below, each withdrawn is refused.
        Assert.Equal([AlertAction.StartReview, AlertAction.Assign, AlertAction.Close], (await alerts.GetAsync(Auditor, id)).Value!.AllowedActions.Order());

        var reviewing = await alerts.StartReviewAsync(Auditor, id);
        Assert.Equal(AlertState.InReview, reviewing.Value!.State);
        Assert.Equal("auditor@segip.demo", reviewing.Value.AssignedTo);
        Assert.Equal([AlertAction.Assign, AlertAction.Close], reviewing.Value.AllowedActions.Order());
        var again = await alerts.StartReviewAsync(Auditor, id);
        Assert.Equal((ServiceStatus.Conflict, "Solo una alerta NUEVA pasa a revisión."), (again.Status, again.Message));
        var closed = await alerts.CloseAsync(Auditor, id, new() { Conclusion = "Turno nocturno autorizado por el banco; sin uso indebido." });
        Assert.Equal(AlertState.Closed, closed.Value!.State);
        Assert.Empty(closed.Value.AllowedActions);
        Assert.Equal(ServiceStatus.Conflict, (await alerts.CloseAsync(Auditor, id, new() { Conclusion = "Otra conclusión distinta" })).Status);
        Assert.Equal(ServiceStatus.Conflict, (await alerts.AssignAsync(Auditor, id, new() { AssignedTo = "auditor@segip.demo" })).Status);
        Assert.Equal(0, (await alerts.CountsAsync(Auditor)).New + (await alerts.CountsAsync(Auditor)).InReview);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var history = await db.ChangeRecords.Where(c => c.EntityType == MisuseAlertService.EntityType && c.EntityId == id.ToString())
            .OrderBy(c => c.Id).Select(c => c.Action).ToListAsync();
        Assert.Equal(new[] { "IniciarRevision", "Cerrar" }, history);
    }

    [Fact]
    public async Task With_the_setting_an_institution_admin_reads_its_own_alerts_but_not_protected_person_ones()
    {
        var (host, clock, bank) = await HostAsync(new Dictionary<string, string?> { ["Misuse:InstitutionAdminsSeeOwnAlerts"] = "true" });
        await using var _ = host;
        await host.Get<ProtectedPersonService>().AddAsync(Admin, new() { DocumentNumber = "1234567", Reason = "Autoridad bajo protección" });
        await QueriesAsync(host, clock, bank, 12);
        await QueriesAsync(host, clock, bank, 1, "1234567");
        await NewInstance(host).CatchUpAsync();
        var alerts = host.Get<MisuseAlertService>();
        var own = new Actor("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);
        var other = new Actor("admin@otra.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank + 100);

        var seen = await alerts.SearchAsync(own, new AlertFilter());
        Assert.True(seen.IsOk, seen.Message);
        Assert.Contains(seen.Value!.Items, a => a.Rule == MisuseRule.OutsideWorkingHours);
        Assert.DoesNotContain(seen.Value.Items, a => a.Rule == MisuseRule.ProtectedPerson);
        Assert.Empty((await alerts.SearchAsync(other, new AlertFilter())).Value!.Items);
        var id = seen.Value.Items[0].Id;
        Assert.Empty((await alerts.GetAsync(own, id)).Value!.AllowedActions);
        Assert.Equal(ServiceStatus.Forbidden, (await alerts.CloseAsync(own, id, new() { Conclusion = "Revisado por la institución" })).Status);
    }

    [Fact]
    public async Task A_first_start_at_the_current_end_reads_no_old_record_until_new_ones_arrive()
    {
        var (host, clock, bank) = await HostAsync(new Dictionary<string, string?> { ["Misuse:StartAtCurrentEnd"] = "true" });
        await using var _ = host;
        await QueriesAsync(host, clock, bank, 12);

        Assert.Equal((0, 0), await NewInstance(host).CatchUpAsync());
        await QueriesAsync(host, clock, bank, 10);
        Assert.Equal(10, (await NewInstance(host).CatchUpAsync()).Records);
        // The day's earlier records still count once the detector is running: the whole day is evaluated.
        Assert.Equal(22, Assert.Single(await AlertsAsync(host), a => a.Rule == MisuseRule.OutsideWorkingHours).EvidenceCount);
    }

    /// <summary>30 night queries of BD-001, read by the detector in batches of 5 and passes of at most 12 records.</summary>
    private async Task<CoreHost> ThirtyNightQueriesInSmallBatchesAsync()
    {
        var (host, clock, bank) = await HostAsync(new Dictionary<string, string?>
        {
            ["Misuse:BatchSize"] = "5", ["Misuse:RecordsPerPass"] = "12",
        });
        await QueriesAsync(host, clock, bank, 30);
        return host;
    }

    [Fact]
    public async Task A_pass_reads_several_batches_and_commits_once_ending_at_its_first_alert_or_its_record_limit()
    {
        var host = await ThirtyNightQueriesInSmallBatchesAsync();
        await using var _ = host;
        var detector = NewInstance(host);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var sequences = await db.AuditRecords.Where(r => r.EndUserCode == "BD-001").OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync();
        async Task<long> PositionAsync() => (await db.DetectorPositions.AsNoTracking().SingleAsync()).LastSequence;

        // Two batches of 5: the 10th query of the night reaches the working-hours threshold, and the pass stores that
        // alert at once (with the position at that record) instead of reading on.
        Assert.Equal((10, 1), await detector.RunOnceAsync());
        Assert.Equal(sequences[9], await PositionAsync());
        // Then at most 12 records per pass (5 + 5 + 2), whatever the batch size, and the rest.
        Assert.Equal((12, 0), await detector.RunOnceAsync());
        Assert.Equal(sequences[21], await PositionAsync());
        Assert.Equal((8, 0), await detector.RunOnceAsync());
        Assert.Equal((0, 0), await detector.RunOnceAsync());
        // Stored once, with the counts of its first firing.
        Assert.Equal(10, Assert.Single(await AlertsAsync(host)).EvidenceCount);
    }

    [Fact]
    public async Task The_workers_paced_catch_up_rests_between_full_batches_and_still_reviews_every_record_once()
    {
        var host = await ThirtyNightQueriesInSmallBatchesAsync();
        await using var _ = host;

        // Three passes (10 up to the alert, 12, 8), resting after each full batch as the background worker does.
        Assert.Equal((30, 1), await NewInstance(host).CatchUpAsync(paced: true));

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(await db.AuditRecords.MaxAsync(r => r.Sequence), (await db.DetectorPositions.SingleAsync()).LastSequence);
        Assert.Equal(10, Assert.Single(await AlertsAsync(host)).EvidenceCount);
    }

    /// <summary>Answered document queries of <paramref name="endUsers"/> end users, a few seconds apart, each on its own document.</summary>
    private static async Task SpreadQueriesAsync(CoreHost host, FakeTimeProvider clock, int bank, string prefix, int endUsers, int each, int firstDocument)
    {
        var log = host.Get<AuditLog>();
        for (var i = 0; i < endUsers * each; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            var number = (firstDocument + i * 7).ToString();
            await log.AppendAsync(new AuditEntry
            {
                InstitutionId = bank, EndUserCode = $"{prefix}-{i % endUsers:000}", Channel = Channel.WebService, QueryType = QueryType.Document,
                SearchKeys = $"CI {number}", DocumentNumber = number, Purpose = "Evaluación de crédito de consumo", Result = QueryResult.Found,
            });
        }
    }

    [Fact]
    public async Task A_pass_reads_and_evaluates_only_its_new_records_not_the_whole_day()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        await SpreadQueriesAsync(host, clock, bank, "DIA", endUsers: 20, each: 15, firstDocument: 5_000_000);
        var detector = NewInstance(host);
        Assert.Equal(300, (await detector.CatchUpAsync()).Records);

        // 7 new records of a new end user on new persons: 7 read from the log and 7 counted; no rule reaches its threshold.
        await SpreadQueriesAsync(host, clock, bank, "NUEVO", endUsers: 1, each: 7, firstDocument: 6_000_000);
        Assert.Equal((7, 0), await detector.RunOnceAsync());
        Assert.Equal((7, 7), detector.LastPassWork);

        // Three times as many new records, three times the work — the 300 earlier records of the day are not looked at again.
        await SpreadQueriesAsync(host, clock, bank, "OTRO", endUsers: 3, each: 7, firstDocument: 7_000_000);
        Assert.Equal((21, 0), await detector.RunOnceAsync());
        Assert.Equal((21, 21), detector.LastPassWork);

        // A restarted instance reads the day once from the log up to the saved position, then only what is new.
        var restarted = NewInstance(host);
        await SpreadQueriesAsync(host, clock, bank, "TRAS", endUsers: 1, each: 5, firstDocument: 8_000_000);
        Assert.Equal((5, 0), await restarted.RunOnceAsync());
        Assert.Equal((328 + 5, 328 + 5), restarted.LastPassWork);
        await SpreadQueriesAsync(host, clock, bank, "TRAS", endUsers: 1, each: 4, firstDocument: 9_000_000);
        Assert.Equal((4, 0), await restarted.RunOnceAsync());
        Assert.Equal((4, 4), restarted.LastPassWork);
    }
}
