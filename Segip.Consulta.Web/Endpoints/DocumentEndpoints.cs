using System.Security.Claims;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

public static class DocumentEndpoints
{
    /// <summary>Signed agreements and amendments, downloaded from the agreement page.</summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/documentos/{id:int}", async (int id, ClaimsPrincipal user, AgreementService agreements, CancellationToken ct) =>
        {
            var result = await agreements.GetDocumentAsync(ActorFactory.From(user), id, ct);
            return result.Status switch
            {
                ServiceStatus.Ok => Results.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName),
                ServiceStatus.Forbidden => Results.Forbid(),
                _ => Results.NotFound(),
            };
        }).RequireAuthorization(Policies.ManageAgreements);
    }
}
