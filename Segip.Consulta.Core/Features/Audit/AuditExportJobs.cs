using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>A background export as its owner's page sees it (progress polled, download when completed).</summary>
public sealed class AuditExportJob
{
    public required Guid Id { get; init; }
    public required string Owner { get; init; }
    public required AuditExportFormat Format { get; init; }
    /// <summary>Records to export; null until the job has counted a search the page only knew as "more than 10 000".</summary>
    public int? Total { get; internal set; }
    public required string FileName { get; init; }
    /// <summary>Where the instance that ran the job wrote the file.</summary>
    public string FilePath { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public long Processed { get; internal set; }
    public ExportJobStatus Status { get; internal set; } = ExportJobStatus.Running;
    public string? Error { get; internal set; }

    public double Percent => Total switch
    {
        null => 0,
        0 => 100,
        { } total => Math.Min(100, Math.Round(100.0 * Processed / total, 1)),
    };
}

/// <summary>
/// Runs large exports (100 000 records and more) off the request and the Blazor circuit: the file is
/// written under the data folder (<c>exports/</c>), the page polls the progress, and only the user who
/// asked can download it. Each job is a row (<see cref="ExportJob"/>) refreshed while it runs, so it outlives
/// this process: a job whose instance stopped (shut down, killed, crashed) is shown failed with the reason
/// (<see cref="InterruptedReason"/>), never silently lost. Jobs and files older than a day are removed.
/// </summary>
public sealed class AuditExportJobs(AuditExportService exports, AuditSearchService search, DatabaseSettings database,
    IDbContextFactory<ConsultaDbContext> contexts, TimeProvider time, ILogger<AuditExportJobs> logger) : IHostedService
{
    public const string InterruptedReason =
        "La exportación se interrumpió porque se detuvo el servidor que la generaba. Vuelva a solicitarla.";
    public const string FailedReason = "No se pudo generar la exportación. Intente nuevamente.";
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    /// <summary>How often a running job refreshes its row (progress and heartbeat).</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);
    /// <summary>A running job whose heartbeat is older than this belongs to an instance that is gone.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, AuditExportJob> jobs = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly string instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private string Folder => Path.Combine(database.DataFolder, "exports");

    /// <param name="total">The records to export, or null to count them in the job (the page's count stopped at its limit).</param>
    public async Task<AuditExportJob> StartAsync(AuditScope scope, AuditExportFormat format, int? total, char separator = ',')
    {
        await RemoveExpiredAsync();
        Directory.CreateDirectory(Folder);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var job = new AuditExportJob
        {
            Id = id, Owner = scope.Actor.Name, Format = format, Total = total, CreatedUtc = now,
            FileName = AuditExportService.FileName(format, now), FilePath = Path.Combine(Folder, $"{id:N}.{(format == AuditExportFormat.Csv ? "csv" : "pdf")}"),
        };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ExportJobs.Add(new ExportJob
            {
                Id = id, Owner = job.Owner, Format = format.ToString(), FileName = job.FileName, FilePath = job.FilePath, Total = total,
                Parameters = JsonSerializer.Serialize(new { scope.Filter, Separator = separator.ToString() }),
                Status = ExportJobStatus.Running, Instance = instance, HeartbeatUtc = now,
            });
            await db.SaveChangesAsync();
        }
        jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, scope, separator));
        return job;
    }

    /// <summary>The job, only for the user who started it: live if it runs here, else as its row tells.</summary>
    public async Task<AuditExportJob?> GetAsync(Guid id, string owner, CancellationToken ct = default)
    {
        if (jobs.TryGetValue(id, out var live)) return live.Owner == owner ? live : null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.Owner == owner, ct);
        return row is null ? null : await ViewAsync(row, ct);
    }

    /// <summary>The user's most recent job of the last day, so a reloaded page (or another instance) shows it again.</summary>
    public async Task<AuditExportJob?> LatestAsync(string owner, CancellationToken ct = default)
    {
        var since = time.GetUtcNow().UtcDateTime - KeepFor;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.ExportJobs.AsNoTracking().Where(j => j.Owner == owner && j.CreatedUtc >= since)
            .OrderByDescending(j => j.CreatedUtc).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(found, owner, ct) : null;
    }

    /// <summary>The finished file of a completed job, for its owner.</summary>
    public async Task<AuditExportJob?> CompletedAsync(Guid id, string owner, CancellationToken ct = default) =>
        await GetAsync(id, owner, ct) is { Status: ExportJobStatus.Completed } job && File.Exists(job.FilePath) ? job : null;

    /// <summary>A row as the page sees it; a running row whose instance stopped beating is marked failed first.</summary>
    private async Task<AuditExportJob> ViewAsync(ExportJob row, CancellationToken ct)
    {
        if (row.Status == ExportJobStatus.Running && row.HeartbeatUtc < time.GetUtcNow().UtcDateTime - StaleAfter)
        {
            await FailOrphansAsync(ct);
            row = new ExportJob
            {
                Id = row.Id, Owner = row.Owner, Format = row.Format, Parameters = row.Parameters, FileName = row.FileName, FilePath = row.FilePath,
                Total = row.Total, Processed = row.Processed, Status = ExportJobStatus.Failed, Error = InterruptedReason,
                Instance = row.Instance, CreatedUtc = row.CreatedUtc, HeartbeatUtc = row.HeartbeatUtc,
            };
        }
        return new AuditExportJob
        {
            Id = row.Id, Owner = row.Owner, Format = Enum.Parse<AuditExportFormat>(row.Format), Total = row.Total, FileName = row.FileName,
            FilePath = row.FilePath, CreatedUtc = row.CreatedUtc, Processed = row.Processed, Status = row.Status, Error = row.Error,
        };
    }

    /// <summary>Marks failed every running job whose instance stopped refreshing it (one statement, safe on any instance).</summary>
    public async Task<int> FailOrphansAsync(CancellationToken ct = default)
    {
        var limit = time.GetUtcNow().UtcDateTime - StaleAfter;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ExportJobs.Where(j => j.Status == ExportJobStatus.Running && j.HeartbeatUtc < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Failed).SetProperty(j => j.Error, InterruptedReason), ct);
    }

    private async Task RunAsync(AuditExportJob job, AuditScope scope, char separator)
    {
        var progress = new Progress(job);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var heartbeat = BeatAsync(job, done.Token);
        try
        {
            job.Total ??= await search.CountAsync(scope, stopping.Token);
            await using (var file = new FileStream(job.FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                if (job.Format == AuditExportFormat.Csv) await exports.WriteCsvAsync(scope, file, separator, progress, stopping.Token);
                else await exports.WritePdfAsync(scope, file, progress, stopping.Token);
            }
            job.Status = ExportJobStatus.Completed;
        }
        catch (Exception ex)
        {
            var interrupted = stopping.IsCancellationRequested;
            if (!interrupted) logger.LogError(ex, "Falló la exportación {JobId} de la bitácora", job.Id);
            job.Error = interrupted ? InterruptedReason : FailedReason;
            job.Status = ExportJobStatus.Failed;
            try { File.Delete(job.FilePath); } catch (IOException) { }
        }
        await done.CancelAsync();
        await heartbeat;
        await SaveAsync(job);
    }

    /// <summary>Refreshes the row while the job runs: its progress for other instances, its heartbeat for orphan detection.</summary>
    private async Task BeatAsync(AuditExportJob job, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HeartbeatEvery, time, ct);
                await SaveAsync(job, ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            // The database is unreachable: the job goes on; its row is written again when it ends.
            logger.LogWarning(ex, "No se pudo actualizar el avance de la exportación {JobId}", job.Id);
        }
    }

    private async Task SaveAsync(AuditExportJob job, CancellationToken ct = default)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.ExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, job.Status).SetProperty(j => j.Error, job.Error).SetProperty(j => j.Total, job.Total)
                .SetProperty(j => j.Processed, job.Processed).SetProperty(j => j.HeartbeatUtc, now), ct);
            if (job.Status != ExportJobStatus.Running) jobs.TryRemove(job.Id, out _);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept in memory: this instance still shows the outcome; others see the job failed once its heartbeat is stale.
            logger.LogWarning(ex, "No se pudo guardar el estado de la exportación {JobId}", job.Id);
        }
    }

    private async Task RemoveExpiredAsync()
    {
        var limit = time.GetUtcNow().UtcDateTime - KeepFor;
        await using var db = await contexts.CreateDbContextAsync();
        var expired = await db.ExportJobs.Where(j => j.CreatedUtc < limit && j.Status != ExportJobStatus.Running)
            .Select(j => j.FilePath).ToListAsync();
        foreach (var path in expired)
        {
            try { File.Delete(path); } catch (IOException) { }
        }
        await db.ExportJobs.Where(j => j.CreatedUtc < limit && j.Status != ExportJobStatus.Running).ExecuteDeleteAsync();
    }

    /// <summary>
    /// At start-up, the jobs a dead instance left running are shown failed with the reason. In the background: an
    /// instance whose database is down must still start (and answer 503 until it returns), not wait on this.
    /// </summary>
    Task IHostedService.StartAsync(CancellationToken ct)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await FailOrphansAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is unreachable or not migrated yet: reading a job applies the same rule later.
                logger.LogWarning(ex, "No se pudieron revisar las exportaciones interrumpidas al iniciar");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>On shutdown, the jobs running here stop and are recorded as interrupted.</summary>
    async Task IHostedService.StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        // Real time, not the TimeProvider: tests freeze their clock.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!jobs.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50, ct);
    }

    /// <summary>Synchronous progress: <see cref="System.Progress{T}"/> would post to a thread pool and lag behind.</summary>
    private sealed class Progress(AuditExportJob job) : IProgress<long>
    {
        public void Report(long value) => job.Processed = value;
    }
}
