using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Audit;

public enum ExportJobStatus { Running, Completed, Failed }

/// <summary>A background export as its owner's page sees it (progress polled, download when completed).</summary>
public sealed class AuditExportJob
{
    public required Guid Id { get; init; }
    public required string Owner { get; init; }
    public required AuditExportFormat Format { get; init; }
    /// <summary>Records to export; null until the job has counted a search the page only knew as "more than 10 000".</summary>
    public int? Total { get; internal set; }
    public required string FileName { get; init; }
    internal string FilePath { get; init; } = "";
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
/// asked can download it. Jobs live in this process; files older than a day are removed.
/// </summary>
public sealed class AuditExportJobs(AuditExportService exports, AuditSearchService search, DatabaseSettings database, TimeProvider time, ILogger<AuditExportJobs> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<Guid, AuditExportJob> jobs = new();
    private string Folder => Path.Combine(database.DataFolder, "exports");

    /// <param name="total">The records to export, or null to count them in the job (the page's count stopped at its limit).</param>
    public AuditExportJob Start(AuditScope scope, AuditExportFormat format, int? total, char separator = ',')
    {
        RemoveExpired();
        Directory.CreateDirectory(Folder);
        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var job = new AuditExportJob
        {
            Id = id, Owner = scope.Actor.Name, Format = format, Total = total, CreatedUtc = now,
            FileName = AuditExportService.FileName(format, now), FilePath = Path.Combine(Folder, $"{id:N}.{(format == AuditExportFormat.Csv ? "csv" : "pdf")}"),
        };
        jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, scope, separator));
        return job;
    }

    /// <summary>The job, only for the user who started it.</summary>
    public AuditExportJob? Get(Guid id, string owner) =>
        jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    /// <summary>The finished file of a completed job, for its owner.</summary>
    public string? CompletedFile(Guid id, string owner) =>
        Get(id, owner) is { Status: ExportJobStatus.Completed } job && File.Exists(job.FilePath) ? job.FilePath : null;

    private async Task RunAsync(AuditExportJob job, AuditScope scope, char separator)
    {
        var progress = new Progress(job);
        try
        {
            job.Total ??= await search.CountAsync(scope);
            await using (var file = new FileStream(job.FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                if (job.Format == AuditExportFormat.Csv) await exports.WriteCsvAsync(scope, file, separator, progress);
                else await exports.WritePdfAsync(scope, file, progress);
            }
            job.Status = ExportJobStatus.Completed;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Falló la exportación {JobId} de la bitácora", job.Id);
            job.Error = "No se pudo generar la exportación. Intente nuevamente.";
            job.Status = ExportJobStatus.Failed;
            try { File.Delete(job.FilePath); } catch (IOException) { }
        }
    }

    private void RemoveExpired()
    {
        var limit = time.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var job in jobs.Values.Where(j => j.CreatedUtc < limit && j.Status != ExportJobStatus.Running))
        {
            jobs.TryRemove(job.Id, out _);
            try { File.Delete(job.FilePath); } catch (IOException) { }
        }
    }

    /// <summary>Synchronous progress: <see cref="System.Progress{T}"/> would post to a thread pool and lag behind.</summary>
    private sealed class Progress(AuditExportJob job) : IProgress<long>
    {
        public void Report(long value) => job.Processed = value;
    }
}
