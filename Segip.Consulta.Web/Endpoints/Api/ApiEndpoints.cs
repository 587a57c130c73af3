using Microsoft.Extensions.Options;
namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>
/// Marks the web-service operations: they are not authorised by a cookie policy but by the
/// institution's credential (<see cref="ApiClientFilter"/>), which the authorisation audit checks for.
/// </summary>
public sealed record WebServiceCredentialRequired;

/// <summary>The REST web service for institutions' systems, <c>/api/v1</c> (docs/contract.md).</summary>
public static class ApiEndpoints
{
    public const string BasePath = "/api/v1";

    public static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath)
            .AddEndpointFilter<ApiClientFilter>()
            .WithMetadata(new WebServiceCredentialRequired())
            .DisableAntiforgery()
            .WithTags("Servicio web v1")
            .ProducesProblem(StatusCodes.Status400BadRequest, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status403Forbidden, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)
            .ProducesProblem(StatusCodes.Status500InternalServerError, ApiProblems.ContentType);
        api.MapQueryApi();
        api.MapEndUserApi();
        api.MapCertificateApi();

        // Anything else under /api answers in the API's terms, not with the web application's pages.
        app.Map("/api/{**rest}", (HttpContext http) => ApiProblems.NotFound(http, "La operación solicitada no existe en el servicio web."))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }

    public static IServiceCollection AddApiServices(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiRateLimitOptions>, ApiRateLimitOptionsValidator>();
        services.AddSingleton<ApiRateLimiter>();
        services.AddOptions<CredentialFailureOptions>().BindConfiguration(CredentialFailureOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CredentialFailureOptions>, CredentialFailureOptionsValidator>();
        services.AddSingleton<CredentialFailureThrottle>();
        services.AddSingleton<WebServiceAccess>();
        services.AddSingleton<SigningKeysDocuments>();
        services.AddApiDocumentation();
        return services;
    }
}
