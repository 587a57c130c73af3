using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Web.Endpoints.Api;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// The one translation of a Core <see cref="ServiceResult{T}"/> into an HTTP answer, for the web service
/// and the staff endpoints alike: the value through <c>ok</c>, anything else as RFC 9457 problem details
/// with the service's Spanish message and a stable code (400 <c>SOLICITUD_INVALIDA</c>, 403
/// <c>OPERACION_NO_PERMITIDA</c>, 404 <c>RECURSO_NO_ENCONTRADO</c>, 409 <c>CONFLICTO</c>).
/// </summary>
public static class ServiceResultHttp
{
    /// <param name="fieldName">Renames the input's property names to the contract's field names in <c>errors</c>.</param>
    public static IResult ToHttpResult<T>(this ServiceResult<T> result, HttpContext http, Func<T, IResult> ok,
        Func<string, string>? fieldName = null)
    {
        var errors = fieldName is null ? result.Errors : result.Errors.ToDictionary(e => fieldName(e.Key), e => e.Value);
        return result.Status switch
        {
            ServiceStatus.Ok => ok(result.Value!),
            ServiceStatus.Invalid => Invalid(http, errors),
            ServiceStatus.NotFound => ApiProblems.NotFound(http, result.Message ?? "El recurso solicitado no existe."),
            ServiceStatus.Conflict => ApiProblems.Conflict(http, result.Message ?? "La operación no es posible en el estado actual.", errors),
            _ => ApiProblems.Create(http, StatusCodes.Status403Forbidden, result.Code ?? RefusalReason.OperationNotAllowed.ToCode(),
                result.Message ?? "No tiene permiso para esta operación."),
        };
    }

    /// <summary>
    /// Parameters an endpoint could not read before any service ran (a mistyped date in the address): the same
    /// 400 <c>SOLICITUD_INVALIDA</c> answer as a service's validation errors, keyed by the parameter names.
    /// </summary>
    public static IResult Invalid(HttpContext http, IReadOnlyDictionary<string, string[]> errors) => ApiProblems.Invalid(http, errors);
}
