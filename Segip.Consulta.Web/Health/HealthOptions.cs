using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Health;

/// <summary>Thresholds of the health checks (<c>HealthChecks</c> section; appsettings.Example.json documents each).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "HealthChecks";

    /// <summary>Numbers in the checks' descriptions are written the Bolivian way (75.067 MB, 1,5 s).</summary>
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("es-BO");

    /// <summary>A single audit batch taking longer than this means the writer is stalled (not ready).</summary>
    public int AuditStallSeconds { get; set; } = 30;
    /// <summary>The signing certificate is reported degraded when it expires within this many days.</summary>
    public int CertificateWarningDays { get; set; } = 30;
    /// <summary>Unsigned records older than this since the last checkpoint are reported degraded.</summary>
    public int CheckpointMaxAgeMinutes { get; set; } = 60;
    /// <summary>Free space under which the SQLite database's disk is reported degraded (unhealthy under a fifth).</summary>
    public int MinFreeDiskMegabytes { get; set; } = 1024;
    /// <summary>PostgreSQL replication lag above which the database is reported degraded.</summary>
    public int MaxReplicationLagSeconds { get; set; } = 30;
}

public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        new SettingsCheck(HealthOptions.SectionName)
            .AtLeast(nameof(options.AuditStallSeconds), options.AuditStallSeconds, 1)
            .AtLeast(nameof(options.CertificateWarningDays), options.CertificateWarningDays, 0)
            .AtLeast(nameof(options.CheckpointMaxAgeMinutes), options.CheckpointMaxAgeMinutes, 1)
            .AtLeast(nameof(options.MinFreeDiskMegabytes), options.MinFreeDiskMegabytes, 0)
            .AtLeast(nameof(options.MaxReplicationLagSeconds), options.MaxReplicationLagSeconds, 1)
            .Result();
}
