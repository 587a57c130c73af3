using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Background exports outlive the instance that runs them: a job left running by an instance that stopped is shown
/// to its auditor as failed with the Spanish reason, and a finished job is found through any instance.
/// </summary>
[Trait("Category", "Integration")]
public class ExportJobRecoveryTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
    private static string Auditor => SeededAuditLog.Auditor.Name;

    public async ValueTask InitializeAsync() => host = await CoreHost.CreateAsync(persons: 10, clock: clock, engine: Engine);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    /// <summary>The row a killed instance leaves behind: running, its heartbeat at <paramref name="heartbeat"/>.</summary>
    private async Task<Guid> JobLeftRunningAsync(DateTime heartbeat)
    {
        var id = Guid.NewGuid();
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        db.ExportJobs.Add(new ExportJob
        {
            Id = id, Owner = Auditor, Format = "Pdf", Parameters = "{}", FileName = "bitacora-20261126-105500.pdf",
            FilePath = Path.Combine(host.Folder, "exports", $"{id:N}.pdf"), Total = 250_000, Processed = 120_000,
            Status = ExportJobStatus.Running, Instance = "otro-servidor/4242/x", CreatedUtc = heartbeat.AddMinutes(-3), HeartbeatUtc = heartbeat,
        });
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task A_job_left_running_by_a_stopped_instance_is_shown_failed_with_the_reason_after_a_restart()
    {
        var id = await JobLeftRunningAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(-5));

        // The instance comes back (or another one starts): its start-up marks the orphan failed.
        await using var restarted = await CoreHost.AttachAsync(host);
        var jobs = restarted.Get<AuditExportJobs>();
        await ((IHostedService)jobs).StartAsync(default);

        // The sweep runs in the background (start-up never waits on the database): bounded by attempts, not by time.
        ExportJob row = default!;
        for (var i = 0; i < 400; i++)
        {
            await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
            row = await db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == id);
            if (row.Status != ExportJobStatus.Running) break;
            await Task.Delay(50);
        }
        Assert.Equal(ExportJobStatus.Failed, row.Status);
        Assert.Equal(AuditExportJobs.InterruptedReason, row.Error);
        var seen = await jobs.LatestAsync(Auditor);
        Assert.Equal(id, seen!.Id);
        Assert.Equal(ExportJobStatus.Failed, seen.Status);
        Assert.Equal("La exportación se interrumpió porque se detuvo el servidor que la generaba. Vuelva a solicitarla.", seen.Error);
        Assert.Null(await jobs.GetAsync(id, "otra@persona"));
        Assert.Null(await jobs.CompletedAsync(id, Auditor));
    }

    [Fact]
    public async Task A_job_whose_instance_was_just_killed_turns_failed_once_its_heartbeat_is_stale()
    {
        var id = await JobLeftRunningAsync(clock.GetUtcNow().UtcDateTime);
        await using var other = await CoreHost.AttachAsync(host);
        var jobs = other.Get<AuditExportJobs>();

        // Still within the heartbeat window: it may be running elsewhere, so it is shown running with its progress.
        var running = await jobs.GetAsync(id, Auditor);
        Assert.Equal(ExportJobStatus.Running, running!.Status);
        Assert.Equal(48, running.Percent);

        clock.Advance(AuditExportJobs.StaleAfter + TimeSpan.FromSeconds(1));
        var failed = await jobs.GetAsync(id, Auditor);
        Assert.Equal(ExportJobStatus.Failed, failed!.Status);
        Assert.Equal(AuditExportJobs.InterruptedReason, failed.Error);
    }

    [Fact]
    public async Task A_finished_job_is_found_and_its_file_served_through_another_instance()
    {
        var scope = host.Get<AuditSearchService>().Authorize(SeededAuditLog.Auditor, new()).Value!;
        var job = await host.Get<AuditExportJobs>().StartAsync(scope, AuditExportFormat.Csv, total: null);
        await using var other = await CoreHost.AttachAsync(host);
        var jobs = other.Get<AuditExportJobs>();

        AuditExportJob? seen = null;
        // Bounded by attempts, not by a timing assertion: the job either finishes or the test fails.
        for (var i = 0; i < 600 && seen?.Status != ExportJobStatus.Completed; i++)
        {
            seen = await jobs.GetAsync(job.Id, Auditor);
            if (seen?.Status != ExportJobStatus.Completed) await Task.Delay(50);
        }
        Assert.Equal(ExportJobStatus.Completed, seen!.Status);
        var completed = await jobs.CompletedAsync(job.Id, Auditor);
        Assert.True(File.Exists(completed!.FilePath));
        Assert.Equal(job.FileName, completed.FileName);
    }
}
