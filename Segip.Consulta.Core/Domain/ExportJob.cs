namespace Segip.Consulta.Core.Domain;

public enum ExportJobStatus { Running, Completed, Failed }

/// <summary>
/// A background export of the bitácora, kept in the database so that it outlives the instance that runs it: a job
/// whose instance died is shown failed with its reason instead of vanishing (see AuditExportJobs).
/// </summary>
public class ExportJob : ICreationStamped
{
    public Guid Id { get; set; }
    /// <summary>The user who asked for it; only they see and download it.</summary>
    public required string Owner { get; set; }
    public required string Format { get; set; }
    /// <summary>The search exported (JSON of the filter) and the CSV separator: what the job was asked to do.</summary>
    public required string Parameters { get; set; }
    public required string FileName { get; set; }
    /// <summary>The file written on the instance that ran the job (under its data folder).</summary>
    public required string FilePath { get; set; }
    public int? Total { get; set; }
    public long Processed { get; set; }
    public ExportJobStatus Status { get; set; }
    /// <summary>Why it failed, in Spanish, as the page shows it.</summary>
    public string? Error { get; set; }
    /// <summary>The process running it (<c>host/pid/start</c>), for the operator.</summary>
    public required string Instance { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Refreshed while the job runs; a running job whose heartbeat stopped belongs to a dead instance.</summary>
    public DateTime HeartbeatUtc { get; set; }
}
