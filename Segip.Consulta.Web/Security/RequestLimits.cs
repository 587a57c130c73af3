using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Web.Endpoints.Soap;
using System.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Web.Endpoints;
using Segip.Consulta.Web.Endpoints.Api;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Segip.Consulta.Web.Security;

/// <summary>Settings of section <c>Limits</c>: request body size and the slowest acceptable upload.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Limits";
    public int MaxRequestBodyKilobytes { get; set; } = 1024;
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;
    public int RequestBodyGraceSeconds { get; set; } = 5;
}

/// <summary>Kestrel refuses a grace period of one second or less, and a zero limit would refuse every body.</summary>
public sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options) =>
        new SettingsCheck(RequestLimitOptions.SectionName)
            .AtLeast(nameof(options.MaxRequestBodyKilobytes), options.MaxRequestBodyKilobytes, 1)
            .AtLeast(nameof(options.MinRequestBodyBytesPerSecond), options.MinRequestBodyBytesPerSecond, 1)
            .AtLeast(nameof(options.RequestBodyGraceSeconds), options.RequestBodyGraceSeconds, 2)
            .Result();
}

/// <summary>
/// A body over the limit answers 413 and one sent too slowly 408 — the caller's fault, so a warning in
/// the log, never a 500 with a stack trace. REST and pages get problem+json, SOAP a fault with the code (SoapFaults).
/// A declared Content-Length over the limit is refused before reading; SOAP bodies are read here first
/// (they are small) so a limit hit while reading is answered here too, not inside SoapCore.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, IOptions<RequestLimitOptions> options, ILogger<RequestLimits> logger)
{
    public const string TooLargeCode = ApiProblems.TooLargeCode;
    public const string TooSlowCode = ApiProblems.TooSlowCode;

    public async Task InvokeAsync(HttpContext http)
    {
        var limits = options.Value;
        var max = (long)limits.MaxRequestBodyKilobytes * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max;
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            rate.MinDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(limits.RequestBodyGraceSeconds));
        try
        {
            if (http.Request.ContentLength > max)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            if (WebServiceRequests.IsSoap(http) && HttpMethods.IsPost(http.Request.Method))
            {
                http.Request.EnableBuffering();
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                http.Request.Body.Position = 0;
            }
            await next(http);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status408RequestTimeout
                                                && !http.Response.HasStarted)
        {
            logger.LogWarning("Solicitud rechazada con {Status} ({Reason}) en {Path} desde {Ip}", ex.StatusCode, ex.Message,
                LogText.Clean(http.Request.Path.Value), http.Connection.RemoteIpAddress);
            await AnswerAsync(http, ex.StatusCode, limits.MaxRequestBodyKilobytes);
        }
    }

    private static Task AnswerAsync(HttpContext http, int status, int maxKilobytes)
    {
        var tooLarge = status == StatusCodes.Status413PayloadTooLarge;
        var code = tooLarge ? TooLargeCode : TooSlowCode;
        var detail = tooLarge
            ? $"El cuerpo de la solicitud supera el máximo permitido de {maxKilobytes} KB."
            : "El cuerpo de la solicitud llegó demasiado lento y se agotó el tiempo de espera. Intente nuevamente.";
        http.Response.Clear();
        // The rest of the body is not read: the connection cannot be reused.
        http.Response.Headers.Connection = "close";
        if (WebServiceRequests.IsSoap(http)) return SoapFaults.WriteAsync(http, SoapFaults.Client(code, detail));
        return ApiProblems.Create(http, status, code, detail).ExecuteAsync(http);
    }
}
