using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The institution's end users and quota, managed by its own system. The Core services enforce the
/// scope: the credential acts as its institution's admin (<see cref="Actor.ForCredential"/>).
/// </summary>
public static class EndUserApiEndpoints
{
    public static void MapEndUserApi(this RouteGroupBuilder api)
    {
        api.MapGet("/usuarios-finales", async (HttpContext http, EndUserService users) =>
            {
                var client = http.Client();
                var result = await users.ListAsync(client.Actor(), client.InstitutionId, http.RequestAborted);
                return result.IsOk ? Results.Json(result.Value!.Select(Data).ToList(), ApiJson.Options) : Failure(http, result);
            })
            .WithName("ListarUsuariosFinales")
            .WithSummary("Usuarios finales de la institución")
            .WithDescription("Lista los usuarios finales registrados por la institución de la credencial, ordenados por código.")
            .Produces<List<EndUserData>>()
            .AnswerExample("usuarios", "Dos usuarios finales", """[{"codigo":"BD-001","numeroDocumento":"4455667","nombreCompleto":"ANA QUISPE LIMA","cargo":"Cajera","correo":null,"habilitado":true},{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo","habilitado":false}]""");

        api.MapPost("/usuarios-finales", async (HttpContext http, EndUserService users) =>
            {
                var (body, error) = await ApiJson.ReadAsync<EndUserBody>(http);
                if (error is not null) return error;
                var client = http.Client();
                var result = await users.RegisterAsync(client.Actor(), client.InstitutionId, Input(body!), http.RequestAborted);
                return result.IsOk
                    ? Results.Json(Data(result.Value!), ApiJson.Options, statusCode: StatusCodes.Status201Created)
                        .WithLocation($"/api/v1/usuarios-finales/{Uri.EscapeDataString(result.Value!.Code)}")
                    : Failure(http, result);
            })
            .WithName("RegistrarUsuarioFinal")
            .WithSummary("Registrar un usuario final")
            .WithDescription("Registra un usuario final habilitado. El código se guarda en mayúsculas y es único en la institución (409 CONFLICTO si ya existe).")
            .JsonBody<EndUserBody>("""{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo"}""")
            .Produces<EndUserData>(StatusCodes.Status201Created)
            .AnswerExample("registrado", "Usuario final registrado", """{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo","habilitado":true}""", StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict, ApiProblems.ContentType);

        api.MapPut("/usuarios-finales/{codigo}", async (HttpContext http, EndUserService users, string codigo) =>
            {
                var (body, error) = await ApiJson.ReadAsync<EndUserBody>(http);
                if (error is not null) return error;
                var client = http.Client();
                var result = await users.UpdateAsync(client.Actor(), client.InstitutionId, codigo, Input(body!), http.RequestAborted);
                return result.IsOk ? Results.Json(Data(result.Value!), ApiJson.Options) : Failure(http, result);
            })
            .WithName("EditarUsuarioFinal")
            .WithSummary("Editar un usuario final")
            .WithDescription("Cambia número de documento, nombre, cargo y correo. El código lo fija la ruta y no cambia.")
            .JsonBody<EndUserBody>("""{"numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS DE PAZ","cargo":"Jefa de oficina","correo":"cmendez@banco.bo"}""")
            .Produces<EndUserData>()
            .AnswerExample("usuario", "El usuario final tras la operación", """{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo","habilitado":true}""")
            .ProducesProblem(StatusCodes.Status404NotFound, ApiProblems.ContentType);

        api.MapPost("/usuarios-finales/{codigo}/habilitar", async (HttpContext http, EndUserService users, string codigo) =>
            {
                var client = http.Client();
                var result = await users.EnableAsync(client.Actor(), client.InstitutionId, codigo, http.RequestAborted);
                return result.IsOk ? Results.Json(Data(result.Value!), ApiJson.Options) : Failure(http, result);
            })
            .WithName("HabilitarUsuarioFinal")
            .WithSummary("Habilitar un usuario final")
            .WithDescription("El usuario final vuelve a poder consultar. Idempotente.")
            .Produces<EndUserData>()
            .AnswerExample("usuario", "El usuario final tras la operación", """{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo","habilitado":true}""")
            .ProducesProblem(StatusCodes.Status404NotFound, ApiProblems.ContentType);

        api.MapPost("/usuarios-finales/{codigo}/inhabilitar", async (HttpContext http, EndUserService users, string codigo) =>
            {
                string? reason = null;
                if (http.Request.ContentLength is > 0)
                {
                    var (body, error) = await ApiJson.ReadAsync<DisableBody>(http, optional: true);
                    if (error is not null) return error;
                    reason = body?.Reason;
                }
                var client = http.Client();
                var result = await users.DisableAsync(client.Actor(), client.InstitutionId, codigo, reason, http.RequestAborted);
                return result.IsOk ? Results.Json(Data(result.Value!), ApiJson.Options) : Failure(http, result);
            })
            .WithName("InhabilitarUsuarioFinal")
            .WithSummary("Inhabilitar un usuario final")
            .WithDescription("Sus consultas siguientes se rechazan con 403 USUARIO_FINAL_NO_HABILITADO. Cuerpo opcional con el motivo.")
            .JsonBody<DisableBody>("""{"motivo":"Dejó la institución"}""", required: false)
            .Produces<EndUserData>()
            .AnswerExample("usuario", "El usuario final tras la operación", """{"codigo":"BD-010","numeroDocumento":"3344556","nombreCompleto":"CARLA MÉNDEZ ROJAS","cargo":"Oficial de créditos","correo":"cmendez@banco.bo","habilitado":true}""")
            .ProducesProblem(StatusCodes.Status404NotFound, ApiProblems.ContentType);

        api.MapGet("/cuota", async (HttpContext http, QuotaService quota) =>
            {
                var status = await quota.GetAsync(http.Client().InstitutionId, http.RequestAborted);
                return Results.Json(new QuotaAnswer(status.MonthlyLimit, status.Used, status.Remaining, status.Period), ApiJson.Options);
            })
            .WithName("ConsultarCuota")
            .WithSummary("Cuota mensual")
            .WithDescription("Límite mensual del convenio, consultas usadas y restantes en el mes en curso (hora de Bolivia).")
            .Produces<QuotaAnswer>()
            .AnswerExample("con_limite", "Convenio con límite mensual", """{"limiteMensual":5000,"usadas":1234,"restantes":3766,"periodo":"2026-11"}""")
            .AnswerExample("sin_limite", "Convenio sin límite", """{"limiteMensual":null,"usadas":1234,"restantes":null,"periodo":"2026-11"}""");
    }

    private static EndUserInput Input(EndUserBody b) =>
        new() { Code = b.Code, DocumentNumber = b.DocumentNumber, FullName = b.FullName, Position = b.Position, Email = b.Email };

    private static EndUserData Data(EndUserView u) => new(u.Code, u.DocumentNumber, u.FullName, u.Position, u.Email, u.IsEnabled);

    private static IResult Failure<T>(HttpContext http, ServiceResult<T> result) =>
        result.ToHttpResult(http, _ => Results.Empty, field => EndUserInput.ContractNames.TryGetValue(field, out var name) ? name : field);
}

internal static class CredentialActor
{
    /// <summary>The credential acting as its institution's admin, on its own data only.</summary>
    public static Actor Actor(this Core.Features.Credentials.ApiClient client) =>
        Core.Features.Accounts.Actor.ForCredential(client.ClientId, client.InstitutionId);
}

internal static class ResultLocation
{
    /// <summary>Adds a Location header to a JSON result (201 Created).</summary>
    public static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.Location = location;
            return inner.ExecuteAsync(http);
        }
    }
}
