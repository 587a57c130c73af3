using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Features.Citizens;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// Citizens: sign-in through Ciudadanía Digital (challenge and completion), sign-out, and the CSV of their
/// own queries. The person always comes from the session, never from the request.
/// </summary>
public static class CitizenEndpoints
{
    public const string StartPath = "/ciudadania/entrar";
    public const string CallbackPath = "/ciudadania/completar";
    public const string SignOutPath = "/ciudadania/salir";
    public const string HomePath = "/mis-datos";

    public static void MapCitizenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(StartPath, async (HttpContext http, IOptions<CitizenOptions> options, IAntiforgery antiforgery) =>
        {
            if (!options.Value.IsEnabled) return Results.NotFound();
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            return Results.Challenge(new AuthenticationProperties { RedirectUri = CallbackPath }, [CitizenOptions.Scheme]);
        }).AllowAnonymous();

        app.MapGet(CallbackPath, async (HttpContext http, CitizenSignIn citizens) =>
        {
            var external = await http.AuthenticateAsync(CitizenOptions.ExternalScheme);
            var refusal = await citizens.SignInAsync(http, external);
            await http.SignOutAsync(CitizenOptions.ExternalScheme);
            return Results.LocalRedirect(refusal is null ? HomePath : $"{CitizenSetup.CitizenLoginPath}?error={refusal}");
        }).AllowAnonymous();

        // A POST with antiforgery, so a link on another site cannot sign the citizen out.
        app.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await http.SignOutAsync(CitizenOptions.SessionScheme);
            return Results.LocalRedirect(CitizenSetup.CitizenLoginPath + "?salida=1");
        }).RequireAuthorization(Policies.Citizen);

        app.MapGet(HomePath + "/consultas.csv", (HttpContext http, CitizenQueryService queries) =>
        {
            var actor = ActorFactory.From(http.User);
            var (filter, refusal) = ReadFilter(http);
            if (refusal is not null) return refusal;
            return Results.Stream(stream => CitizenCsvWriter.WriteAsync(stream, queries.StreamAsync(actor, filter, http.RequestAborted), http.RequestAborted),
                "text/csv; charset=utf-8", "consultas-a-mis-datos.csv");
        }).RequireAuthorization(Policies.Citizen);

        // The signed report of the same rows; the person comes from the session, so no parameter can name another one.
        app.MapGet(HomePath + "/reporte.pdf", async (HttpContext http, CitizenReportService reports) =>
        {
            var request = http.Request;
            var (filter, refusal) = ReadFilter(http);
            if (refusal is not null) return refusal;
            var result = await reports.IssueAsync(ActorFactory.From(http.User), filter,
                $"{request.Scheme}://{request.Host}{request.PathBase}", http.RequestAborted);
            return result.ToHttpResult(http, issued => Results.File(issued.Pdf, "application/pdf", $"reporte-consultas-{issued.Number}.pdf"));
        }).RequireAuthorization(Policies.Citizen);
    }

    /// <summary>
    /// The page's filters from the address (<c>anio</c>, <c>institucion</c>): empty means "all"; anything unreadable is
    /// refused with a Spanish message instead of the framework's binding error.
    /// </summary>
    private static (CitizenQueryFilter Filter, IResult? Refusal) ReadFilter(HttpContext http)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        int? year = null, institution = null;
        var yearText = query["anio"].ToString();
        if (yearText.Length > 0)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100) year = y;
            else errors["anio"] = ["El año debe ser un número de cuatro cifras, por ejemplo 2026."];
        }
        var institutionText = query["institucion"].ToString();
        if (institutionText.Length > 0)
        {
            if (int.TryParse(institutionText, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0) institution = i;
            else errors["institucion"] = ["La institución elegida no es válida; elíjala de la lista."];
        }
        var filter = new CitizenQueryFilter { Year = year, InstitutionId = institution };
        return errors.Count == 0 ? (filter, null) : (filter, ServiceResultHttp.Invalid(http, errors));
    }
}
