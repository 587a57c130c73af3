using Segip.Consulta.Core.Data;
namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The SOAP 1.1 endpoint at <c>/soap/ConsultaService.asmx</c>, hand-written over <see cref="SoapEnvelope"/>
/// so the wire is exactly what the WSDL (<c>?wsdl</c>, <see cref="ConsultaWsdl"/>) declares.
/// </summary>
public static class SoapEndpoints
{
    public static IServiceCollection AddSoapServices(this IServiceCollection services) =>
        services.AddSingleton<ConsultaSoapService>().AddSingleton<SoapSignature>();

    public static void UseConsultaSoapEndpoint(this IApplicationBuilder app) => app.Run(HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) && ConsultaWsdl.IsRequested(request))
        {
            await ConsultaWsdl.WriteAsync(http);
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await SoapFaults.WriteAsync(http, SoapFaults.Malformed("Use POST con un sobre SOAP 1.1, o GET ?wsdl para obtener el WSDL.")
                with { Status = StatusCodes.Status405MethodNotAllowed });
            return;
        }
        try
        {
            var call = await SoapEnvelope.ReadAsync(http);
            var answer = await http.RequestServices.GetRequiredService<ConsultaSoapService>().InvokeAsync(http, call);
            await SoapEnvelope.WriteAsync(http, answer);
        }
        catch (SoapFaultException ex)
        {
            await SoapFaults.WriteAsync(http, ex.Fault);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex) && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<ILogger<ConsultaSoapService>>()
                .LogWarning(ex, "Servicio SOAP: base de datos inaccesible, correlación {CorrelationId}", Api.CorrelationId.Get(http));
            await SoapFaults.WriteAsync(http, SoapFaults.Unavailable(DatabaseUnavailable.RetryAfterSeconds));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<ILogger<ConsultaSoapService>>()
                .LogError(ex, "Servicio SOAP: error interno, correlación {CorrelationId}", Api.CorrelationId.Get(http));
            await SoapFaults.WriteAsync(http, SoapFaults.Internal());
        }
    }
}
