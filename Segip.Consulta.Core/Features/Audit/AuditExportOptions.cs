namespace Segip.Consulta.Core.Features.Audit;

/// <summary>Exports of the bitácora (<c>Audit:Exports</c>).</summary>
public sealed class AuditExportOptions
{
    public const string SectionName = "Audit:Exports";

    /// <summary>Searches with at least this many records are exported in the background with a progress bar.</summary>
    public int BackgroundThreshold { get; set; } = 100_000;
}
