using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Endpoints;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with antiforgery, so a link on another site cannot sign the user out.
        app.MapPost("/cuenta/salir", async (SignInManager<ApplicationUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/cuenta/ingresar");
        }).RequireAuthorization();
    }
}
