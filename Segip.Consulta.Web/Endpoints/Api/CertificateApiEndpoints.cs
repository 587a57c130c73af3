using Microsoft.AspNetCore.Mvc;
using Segip.Consulta.Core.Features.Certificates;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary><c>GET /api/v1/consultas/{consultaId}/certificado</c>: the signed certificate of one of the institution's own queries.</summary>
public static class CertificateApiEndpoints
{
    public static void MapCertificateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/consultas/{consultaId:guid}/certificado", async ([FromRoute(Name = "consultaId")] Guid queryId, HttpContext http, CertificateService certificates, CancellationToken ct) =>
            {
                var client = http.Client();
                var endUser = http.Request.Headers[ApiCaller.EndUserHeader].ToString();
                var request = http.Request;
                var result = await certificates.IssueAsync(new CertificateRequest(queryId, client.InstitutionId,
                    $"credencial:{client.ClientId}", $"{request.Scheme}://{request.Host}{request.PathBase}")
                {
                    Channel = Core.Domain.Channel.WebService,
                    EndUserCode = string.IsNullOrWhiteSpace(endUser) ? null : endUser.Trim().ToUpperInvariant(),
                    ClientIp = http.ClientIp(),
                    CorrelationId = CorrelationId.Get(http),
                }, ct);
                // Another institution's query answers exactly like an unknown one (404).
                return result.ToHttpResult(http, issued => Results.File(issued.Pdf, "application/pdf", issued.FileName),
                    field => field == nameof(CertificateRequest.QueryId) ? "consultaId" : field);
            })
            .WithName("DescargarCertificado")
            .WithSummary("Certificado de consulta firmado (PDF)")
            .WithDescription("Emite el certificado firmado digitalmente de una consulta realizada por la misma institución, con código de verificación y código QR hacia la página pública /verificar/{codigo}. Cada descarga emite un certificado nuevo y queda en la bitácora. Exige, como una consulta, el convenio vigente, el canal, la IP y un usuario final (cabecera X-Usuario-Final) registrado y habilitado ahora; si no, 403 con el código del rechazo, también en la bitácora. Una consulta de otra institución responde 404, igual que una inexistente; una consulta denegada responde 409.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status409Conflict, ApiProblems.ContentType);
    }
}
