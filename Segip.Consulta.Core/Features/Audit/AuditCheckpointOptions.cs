using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// When the chain head is signed automatically (<c>Audit:Checkpoints</c>): after
/// <see cref="EveryRecords"/> new records or <see cref="IntervalMinutes"/> minutes with new records,
/// whichever comes first, checked every <see cref="PollSeconds"/> seconds.
/// </summary>
public sealed class AuditCheckpointOptions
{
    public const string SectionName = "Audit:Checkpoints";

    public bool Enabled { get; set; } = true;
    public int IntervalMinutes { get; set; } = 10;
    public int EveryRecords { get; set; } = 10_000;
    public int PollSeconds { get; set; } = 30;
}

public sealed class AuditCheckpointOptionsValidator : IValidateOptions<AuditCheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditCheckpointOptions options) =>
        new SettingsCheck(AuditCheckpointOptions.SectionName)
            .AtLeast(nameof(options.IntervalMinutes), options.IntervalMinutes, 1)
            .AtLeast(nameof(options.EveryRecords), options.EveryRecords, 1)
            .AtLeast(nameof(options.PollSeconds), options.PollSeconds, 1)
            .Result();
}
