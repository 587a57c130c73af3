using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// Downloads of the bitácora: any search as CSV (streamed) or as the PDF report, and the files of
/// background exports. Scope (an institution admin's own institution) is enforced by the Core services.
/// </summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/bitacora").RequireAuthorization(Policies.Audit);

        group.MapGet("/exportar/csv", (HttpContext http, AuditSearchService search, AuditExportService exports, TimeProvider time) =>
        {
            var (scope, refusal) = Authorize(http, search);
            if (scope is null) return refusal!;
            // "pyc" (punto y coma): the separator Excel expects with Bolivian regional settings.
            var separator = http.Request.Query["separador"] == "pyc" ? ';' : ',';
            return Results.Stream(stream => exports.WriteCsvAsync(scope, stream, separator, ct: http.RequestAborted),
                "text/csv; charset=utf-8", AuditExportService.FileName(AuditExportFormat.Csv, time.GetUtcNow().UtcDateTime));
        });

        group.MapGet("/exportar/pdf", async (HttpContext http, AuditSearchService search, AuditExportService exports, TimeProvider time) =>
        {
            var (scope, refusal) = Authorize(http, search);
            if (scope is null) return refusal!;
            // PDFsharp writes synchronously, which Kestrel forbids on the response: build the file in memory first.
            using var buffer = new MemoryStream();
            await exports.WritePdfAsync(scope, buffer, ct: http.RequestAborted);
            return Results.File(buffer.ToArray(), "application/pdf", AuditExportService.FileName(AuditExportFormat.Pdf, time.GetUtcNow().UtcDateTime));
        });

        group.MapGet("/exportaciones/{id:guid}", async (Guid id, HttpContext http, AuditExportJobs jobs) =>
        {
            var owner = ActorFactory.From(http.User).Name;
            var job = await jobs.CompletedAsync(id, owner, http.RequestAborted);
            if (job is null) return Results.Problem(statusCode: 404, title: "Exportación no disponible", detail: "La exportación no existe, no terminó o pertenece a otro usuario.");
            return Results.File(job.FilePath, job.Format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/pdf", job.FileName);
        });
    }

    /// <summary>The search in the query string, authorised for the signed-in user; or the 400/403 answer.</summary>
    private static (AuditScope? Scope, IResult? Refusal) Authorize(HttpContext http, AuditSearchService search)
    {
        var (filter, errors) = AuditQueryString.Parse(http.Request.Query);
        if (errors.Count > 0) return (null, ServiceResultHttp.Invalid(http, errors));
        var result = search.Authorize(ActorFactory.From(http.User), filter);
        return result.IsOk ? (result.Value, null) : (null, result.ToHttpResult(http, _ => Results.Empty));
    }
}
