using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

public static class DocumentEndpoints
{
    /// <summary>Signed agreements and amendments, downloaded from the agreement page.</summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/documentos/{id:int}", async (int id, HttpContext http, AgreementService agreements, CancellationToken ct) =>
            (await agreements.GetDocumentAsync(ActorFactory.From(http.User), id, ct))
                .ToHttpResult(http, file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.ReadAgreements);
    }
}
