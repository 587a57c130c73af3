using Microsoft.AspNetCore.Mvc;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// The web service's errors as RFC 9457 problem details: Spanish <c>title</c>/<c>detail</c>, the
/// contract's stable <c>code</c>, the <c>correlationId</c>, and for 400 an <c>errors</c> map keyed by
/// the contract's field names.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";
    public const string NotFoundCode = "RECURSO_NO_ENCONTRADO";
    public const string ConflictCode = "CONFLICTO";
    public const string InternalErrorCode = "ERROR_INTERNO";
    /// <summary>The database cannot be reached (503 with Retry-After); answered by the data layer's provider.</summary>
    public const string UnavailableCode = "SERVICIO_NO_DISPONIBLE";
    /// <summary>A body over the size limit (413) or sent too slowly (408): see Security/RequestLimits.</summary>
    public const string TooLargeCode = "SOLICITUD_DEMASIADO_GRANDE";
    public const string TooSlowCode = "TIEMPO_DE_SOLICITUD_AGOTADO";

    /// <summary>Every code an answer may carry, in the order of the error catalogue (docs/integracion/errores.md).</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        RefusalReason.InvalidRequest.ToCode(), RefusalReason.InvalidCredential.ToCode(),
        RefusalReason.AgreementNotInForce.ToCode(), RefusalReason.ChannelNotAllowed.ToCode(), RefusalReason.EndUserNotEnabled.ToCode(),
        RefusalReason.IpNotAllowed.ToCode(), RefusalReason.ConsentRequired.ToCode(), RefusalReason.OperationNotAllowed.ToCode(),
        NotFoundCode, ConflictCode, RefusalReason.QuotaExhausted.ToCode(), RefusalReason.RateLimited.ToCode(),
        InternalErrorCode, UnavailableCode, TooLargeCode, TooSlowCode,
    ];

    public static int StatusFor(RefusalReason reason) => reason switch
    {
        RefusalReason.InvalidRequest => StatusCodes.Status400BadRequest,
        RefusalReason.InvalidCredential => StatusCodes.Status401Unauthorized,
        RefusalReason.QuotaExhausted or RefusalReason.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status403Forbidden,
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "Solicitud inválida",
        401 => "Credencial inválida",
        403 => "Operación denegada",
        404 => "Recurso no encontrado",
        408 => "Tiempo de espera agotado",
        409 => "Conflicto",
        413 => "Solicitud demasiado grande",
        429 => "Demasiadas solicitudes",
        503 => "Servicio no disponible",
        _ => "Error interno",
    };

    /// <summary>A refusal of the query gate (already audited, hence the consultaId).</summary>
    public static IResult FromRefusal(HttpContext http, QueryOutcome outcome, int? retryAfterSeconds = null)
    {
        var reason = outcome.Refusal!.Value;
        return Create(http, StatusFor(reason), reason.ToCode(), outcome.RefusalMessage ?? RefusalMessages.For(reason),
            outcome.Errors, outcome.QueryId, retryAfterSeconds);
    }

    public static IResult Refusal(HttpContext http, RefusalReason reason, Guid? queryId = null, int? retryAfterSeconds = null) =>
        Create(http, StatusFor(reason), reason.ToCode(), RefusalMessages.For(reason), null, queryId, retryAfterSeconds);

    public static IResult Invalid(HttpContext http, IReadOnlyDictionary<string, string[]> errors, Guid? queryId = null) =>
        Create(http, 400, RefusalReason.InvalidRequest.ToCode(), RefusalMessages.For(RefusalReason.InvalidRequest), errors, queryId);

    /// <summary>401 CREDENCIAL_INVALIDA; <paramref name="detail"/> only when the caller proved its secret (pinned certificate missing).</summary>
    public static IResult Unauthorized(HttpContext http, string? detail = null, Guid? queryId = null)
    {
        // A script of a page (the reference page's "probar") sends Sec-Fetch-Mode cors/same-origin: a Basic
        // challenge would make the browser open its own login prompt instead of showing the problem+json.
        if (http.Request.Headers["Sec-Fetch-Mode"].ToString() is "" or "navigate")
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"SEGIP Consulta\", charset=\"UTF-8\"";
        return Create(http, StatusCodes.Status401Unauthorized, RefusalReason.InvalidCredential.ToCode(),
            detail ?? RefusalMessages.For(RefusalReason.InvalidCredential), null, queryId);
    }

    public static IResult NotFound(HttpContext http, string detail) => Create(http, 404, NotFoundCode, detail);

    public static IResult Conflict(HttpContext http, string detail, IReadOnlyDictionary<string, string[]>? errors) =>
        Create(http, 409, ConflictCode, detail, errors);

    public static IResult InternalError(HttpContext http) => Create(http, 500, InternalErrorCode,
        "Ocurrió un error interno. Si persiste, comuníquese con el SEGIP indicando el identificador de correlación.");

    /// <summary>The database cannot be reached: nothing was queried or recorded; retry shortly.</summary>
    public static IResult Unavailable(HttpContext http) => Create(http, StatusCodes.Status503ServiceUnavailable,
        DatabaseUnavailable.Code, DatabaseUnavailable.Message, retryAfterSeconds: DatabaseUnavailable.RetryAfterSeconds);

    public static IResult Create(HttpContext http, int status, string code, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null, Guid? queryId = null, int? retryAfterSeconds = null)
    {
        var problem = new ProblemDetails
        {
            Type = "urn:segip:consulta:error:" + code,
            Title = TitleFor(status),
            Status = status,
            Detail = detail,
            Instance = http.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["correlationId"] = CorrelationId.Get(http);
        if (queryId is { } id) problem.Extensions["consultaId"] = id;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        if (retryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(problem, ApiJson.Options, ContentType, status);
    }
}
