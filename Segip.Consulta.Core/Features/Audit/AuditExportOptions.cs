using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>Exports of the bitácora (<c>Audit:Exports</c>).</summary>
public sealed class AuditExportOptions
{
    public const string SectionName = "Audit:Exports";

    /// <summary>Searches with at least this many records are exported in the background with a progress bar.</summary>
    public int BackgroundThreshold { get; set; } = 100_000;
}

public sealed class AuditExportOptionsValidator : IValidateOptions<AuditExportOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditExportOptions options) =>
        new SettingsCheck(AuditExportOptions.SectionName)
            .AtLeast(nameof(options.BackgroundThreshold), options.BackgroundThreshold, 1)
            .Result();
}
