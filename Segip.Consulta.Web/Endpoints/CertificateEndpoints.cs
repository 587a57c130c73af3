using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>The officer's certificate download, and the rate limit that guards the public verification page.</summary>
public static class CertificateEndpoints
{
    /// <summary>Rate-limiter policy of /verificar: fixed window per client IP, against enumeration of codes.</summary>
    public const string VerificationPolicy = "verificacion";

    public static void MapCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/consultas/{consultaId:guid}/certificado", DownloadAsync).RequireAuthorization(Policies.Query);
    }

    private static async Task<IResult> DownloadAsync([FromRoute(Name = "consultaId")] Guid queryId, HttpContext http, CertificateService certificates,
        OfficerContextService officers, CancellationToken ct)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || await officers.GetAsync(userId, ct) is not { } officer)
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Su cuenta no pertenece a una institución.");
        var request = http.Request;
        try
        {
            var result = await certificates.IssueAsync(new CertificateRequest(queryId, officer.InstitutionId,
                http.User.Identity?.Name ?? userId, $"{request.Scheme}://{request.Host}{request.PathBase}")
            {
                EndUserCode = officer.EndUserCode,
                ClientIp = http.Connection.RemoteIpAddress?.ToString(),
                CorrelationId = http.TraceIdentifier,
            }, ct);
            return result.ToHttpResult(http, issued => Results.File(issued.Pdf, "application/pdf", issued.FileName));
        }
        catch (AuditWriteException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No se pudo registrar la emisión en la bitácora; el certificado no se emitió. Intente nuevamente.");
        }
    }

    /// <summary><see cref="VerificationOptions.PermitsPerMinute"/> requests per client IP and minute on /verificar.</summary>
    public static void AddVerificationRateLimit(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.SectionName)
            .Validate(o => o.PermitsPerMinute > 0, "Verification:PermitsPerMinute debe ser mayor que cero.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<VerificationOptions>>((o, verification) =>
        {
            var permits = verification.Value.PermitsPerMinute;
            o.AddPolicy(VerificationPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "desconocida",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(TooManyRequestsPage, ct);
            };
        });
    }

    private const string TooManyRequestsPage = """
        <!DOCTYPE html>
        <html lang="es-BO"><head><meta charset="utf-8" /><title>Demasiadas solicitudes · SEGIP Consulta</title></head>
        <body style="font-family: 'DejaVu Sans', sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem;">
        <h1>Demasiadas solicitudes</h1>
        <p>Se realizaron demasiadas verificaciones de certificados desde su dirección en poco tiempo.
        Espere un minuto e intente nuevamente.</p>
        <p><a href="/verificar">Volver a la verificación de certificados</a></p>
        </body></html>
        """;
}

/// <summary>Section <c>Verification</c>: the public certificate verification page.</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "Verification";

    /// <summary>Requests per client IP and minute on /verificar.</summary>
    public int PermitsPerMinute { get; set; } = 30;
}
