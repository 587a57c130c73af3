using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Core.Features.Audit;

public enum AuditExportFormat { Csv, Pdf }

/// <summary>
/// Writes a search as CSV or as the PDF report. Used by the download endpoints for ordinary searches
/// and by <see cref="AuditExportJobs"/> for large ones.
/// </summary>
public sealed class AuditExportService(AuditSearchService search, AuditVerifier verifier, TimeProvider time)
{
    public Task<long> WriteCsvAsync(AuditScope scope, Stream output, char separator, IProgress<long>? progress = null, CancellationToken ct = default) =>
        AuditCsvWriter.WriteAsync(output, search.StreamAsync(scope, ct: ct), separator, progress, ct);

    /// <summary>The PDF report, with the chain verified over the records' range (from the signed checkpoint before it).</summary>
    public async Task<int> WritePdfAsync(AuditScope scope, Stream output, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var summary = await search.SummarizeAsync(scope, ct);
        var chain = summary.FirstSequence is { } first
            ? await verifier.VerifyAsync(first, summary.LastSequence, ct)
            : new ChainVerification(0, null, "No hay registros en el rango: nada que verificar.");
        var names = await search.FilterOptionsAsync(scope.Actor, ct);
        var header = new AuditReportHeader(scope.Actor.Name, time.GetUtcNow().UtcDateTime,
            AuditFilterDescription.Describe(scope.Filter, names), summary, chain);
        return await AuditPdfReport.WriteAsync(output, header, search.StreamAsync(scope, ct: ct), progress, ct);
    }

    public static string FileName(AuditExportFormat format, DateTime utc) =>
        $"bitacora-{Common.BoliviaClock.ToLocal(utc):yyyyMMdd-HHmmss}.{(format == AuditExportFormat.Csv ? "csv" : "pdf")}";
}
