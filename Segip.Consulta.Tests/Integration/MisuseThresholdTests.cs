using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Thresholds edited in the app (auditors and SEGIP administrators, with history) and working hours kept on the
/// institution: the running detector applies both.
/// </summary>
[Trait("Category", "Integration")]
public class MisuseThresholdTests
{
    // Saturday 14/03/2026 22:00 in Bolivia: outside the default Monday–Friday 08:00–20:00.
    private static readonly DateTimeOffset SaturdayNight = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Auditor = new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);
    private static readonly Actor Admin = new("admin@segip.demo", new HashSet<string> { Roles.SegipAdmin }, null);

    protected virtual Engine Engine => Engine.Sqlite;

    private async Task<(CoreHost Host, FakeTimeProvider Clock, int Bank)> HostAsync()
    {
        var clock = new FakeTimeProvider(SaturdayNight);
        var host = await CoreHost.CreateAsync(persons: 50, clock: clock, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var bank = await db.Institutions.Where(i => i.Acronym == "BDEMO").Select(i => i.Id).SingleAsync();
        return (host, clock, bank);
    }

    private static MisuseThresholdInput OutsideHours(double? minQueries) =>
        new(MisuseRule.OutsideWorkingHours, new Dictionary<string, double?> { ["MinQueries"] = minQueries });

    public static TheoryData<string, bool> RolesAndAccess => new()
    {
        { Roles.Auditor, true }, { Roles.SegipAdmin, true }, { Roles.Legal, false }, { Roles.InstitutionAdmin, false }, { Roles.Officer, false },
    };

    [Theory]
    [MemberData(nameof(RolesAndAccess))]
    public async Task Only_auditors_and_segip_administrators_read_and_change_the_thresholds(string role, bool allowed)
    {
        var (host, _, bank) = await HostAsync();
        await using var _ = host;
        var service = host.Get<MisuseThresholdService>();
        var actor = new Actor($"{role.ToLowerInvariant()}@segip.demo", new HashSet<string> { role }, role is Roles.InstitutionAdmin or Roles.Officer ? bank : null);

        var list = await service.ListAsync(actor);
        var update = await service.UpdateAsync(actor, OutsideHours(25));

        Assert.Equal(allowed ? ServiceStatus.Ok : ServiceStatus.Forbidden, list.Status);
        Assert.Equal(allowed ? ServiceStatus.Ok : ServiceStatus.Forbidden, update.Status);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(allowed ? 1 : 0, await db.MisuseThresholds.CountAsync());
        Assert.Equal(allowed ? 1 : 0, await db.ChangeRecords.CountAsync(c => c.EntityType == MisuseThresholdService.EntityType));
    }

    [Fact]
    public async Task A_value_out_of_range_or_missing_gets_a_spanish_error_and_changes_nothing()
    {
        var (host, _, _) = await HostAsync();
        await using var _ = host;
        var service = host.Get<MisuseThresholdService>();

        var tooHigh = await service.UpdateAsync(Auditor, OutsideHours(5000));
        var missing = await service.UpdateAsync(Auditor, OutsideHours(null));
        var fraction = await service.UpdateAsync(Auditor, new(MisuseRule.VolumeSpike,
            new Dictionary<string, double?> { ["Factor"] = 1, ["Floor"] = 150.5, ["BaselineDays"] = 30 }));
        var noThresholds = await service.UpdateAsync(Auditor, new(MisuseRule.ProtectedPerson, new Dictionary<string, double?>()));

        Assert.Equal(["«Consultas fuera de horario por día» debe estar entre 1 y 1.000."], tooHigh.Errors["MinQueries"]);
        Assert.Equal(["Indique «Consultas fuera de horario por día»."], missing.Errors["MinQueries"]);
        Assert.Equal(["«Múltiplo de la mediana» debe estar entre 1,5 y 100."], fraction.Errors["Factor"]);
        Assert.Equal(["«Mínimo absoluto de consultas por día» debe ser un número entero."], fraction.Errors["Floor"]);
        Assert.Equal(ServiceStatus.Invalid, noThresholds.Status);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.MisuseThresholds.ToListAsync());
        Assert.Equal(0, await db.ChangeRecords.CountAsync(c => c.EntityType == MisuseThresholdService.EntityType));
    }

    [Fact]
    public async Task The_running_detector_applies_a_new_threshold_and_the_change_is_in_the_history()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        var detector = host.Get<MisuseDetector>();
        var service = host.Get<MisuseThresholdService>();
        await MisuseDetectionTests.QueriesAsync(host, clock, bank, 5);
        await detector.CatchUpAsync();
        Assert.DoesNotContain(await AlertsAsync(host), a => a.Rule == MisuseRule.OutsideWorkingHours);

        Assert.True((await service.UpdateAsync(Admin, OutsideHours(5))).Value);
        Assert.False((await service.UpdateAsync(Admin, OutsideHours(5))).Value); // the same values again: nothing to record
        await MisuseDetectionTests.QueriesAsync(host, clock, bank, 1);
        await detector.CatchUpAsync();

        var alert = Assert.Single(await AlertsAsync(host), a => a.Rule == MisuseRule.OutsideWorkingHours);
        Assert.Equal(6, alert.EvidenceCount);
        var view = Assert.Single((await service.ListAsync(Auditor)).Value!, r => r.Rule.Rule == MisuseRule.OutsideWorkingHours);
        Assert.Equal(5, Assert.Single(view.Values).Value);
        Assert.Equal(10, view.Values[0].Default);
        Assert.NotNull(view.UpdatedUtc);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var change = Assert.Single(await db.ChangeRecords.Where(c => c.EntityType == MisuseThresholdService.EntityType).ToListAsync());
        Assert.Equal(("FUERA_DE_HORARIO", "admin@segip.demo"), (change.EntityId, change.UserName));
        Assert.Contains("\"Consultas fuera de horario por día\":\"10\"", change.Before);
        Assert.Contains("\"Consultas fuera de horario por día\":\"5\"", change.After);
    }

    [Fact]
    public async Task The_working_hours_rule_reads_the_hours_declared_on_the_institution()
    {
        var (host, clock, bank) = await HostAsync();
        await using var _ = host;
        var institutions = host.Get<InstitutionService>();
        var input = (await institutions.GetAsync(Admin, bank)).Value!.Data;

        input.WorkingDays = WorkingDays.None;
        input.WorkStart = "21:00";
        input.WorkEnd = "08:00";
        var invalid = await institutions.UpdateAsync(Admin, bank, input);
        Assert.Equal(["Elija al menos un día de trabajo."], invalid.Errors[nameof(InstitutionInput.WorkingDays)]);
        Assert.Equal(["La hora de fin debe ser posterior a la de inicio (23:59 significa hasta la medianoche)."], invalid.Errors[nameof(InstitutionInput.WorkEnd)]);

        // The bank declares it works every day until midnight: Saturday night is within its hours.
        input.WorkingDays = WorkingDays.All;
        input.WorkStart = "07:00";
        input.WorkEnd = "23:59";
        Assert.True((await institutions.UpdateAsync(Admin, bank, input)).IsOk);
        await MisuseDetectionTests.QueriesAsync(host, clock, bank, 12);
        await host.Get<MisuseDetector>().CatchUpAsync();
        Assert.DoesNotContain(await AlertsAsync(host), a => a.Rule == MisuseRule.OutsideWorkingHours);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var stored = await db.Institutions.SingleAsync(i => i.Id == bank);
        Assert.Equal((WorkingDays.All, new TimeOnly(7, 0), new TimeOnly(23, 59)), (stored.WorkingDays, stored.WorkStart, stored.WorkEnd));
        var change = await db.ChangeRecords.Where(c => c.EntityType == InstitutionService.EntityType && c.EntityId == bank.ToString())
            .OrderByDescending(c => c.Id).FirstAsync();
        Assert.Contains("de 08:00 a 20:00", change.Before);
        Assert.Contains("de 07:00 a 23:59", change.After);
    }

    [Fact]
    public async Task An_institution_registered_without_hours_gets_monday_to_friday_eight_to_twenty()
    {
        var (host, clock, _) = await HostAsync();
        await using var _ = host;
        var created = await host.Get<InstitutionService>().CreateAsync(Admin,
            new InstitutionInput { Name = "Caja de Salud Simulada", Acronym = "CSS", Type = InstitutionType.Publica });
        Assert.True(created.IsOk, created.Message);
        await MisuseDetectionTests.QueriesAsync(host, clock, created.Value, 12);
        await host.Get<MisuseDetector>().CatchUpAsync();

        var alert = Assert.Single(await AlertsAsync(host), a => a.Rule == MisuseRule.OutsideWorkingHours);
        Assert.Contains($"({WorkingSchedule.Default.Describe()})", alert.Explanation);
        Assert.EndsWith("de 08:00 a 20:00", WorkingSchedule.Default.Describe());
        Assert.Equal(5, WorkingSchedule.Default.Describe().Split(',').Length);
    }

    private static async Task<List<MisuseAlert>> AlertsAsync(CoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.MisuseAlerts.AsNoTracking().ToListAsync();
    }
}
