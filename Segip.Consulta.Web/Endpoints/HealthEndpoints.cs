using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary>Operators' probes (docs/operations.md): anonymous, cheap, no data.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Text("Vivo", "text/plain; charset=utf-8")).AllowAnonymous();
        app.MapGet("/health/ready", async (DatabaseInitializer db, CancellationToken ct) =>
        {
            var (ready, detail) = await db.CheckReadyAsync(ct);
            return ready
                ? Results.Text(detail, "text/plain; charset=utf-8")
                : Results.Text(detail, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
    }
}
