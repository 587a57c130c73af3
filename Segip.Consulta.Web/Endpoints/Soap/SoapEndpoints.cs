using SoapCore;
using SoapCore.Extensibility;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>SOAP 1.1 endpoint with SoapCore at <c>/soap/ConsultaService.asmx</c> (WSDL at <c>?wsdl</c>).</summary>
public static class SoapEndpoints
{
    public static IServiceCollection AddSoapServices(this IServiceCollection services)
    {
        services.AddSoapCore();
        services.AddSingleton<IAsyncMessageFilter, WsSecurityHeaderFilter>();
        services.AddScoped<ConsultaSoapService>();
        return services;
    }

    public static void UseConsultaSoapEndpoint(this IApplicationBuilder app)
    {
        app.UseSoapEndpoint<ConsultaSoapService>(o =>
        {
            o.Path = SoapNames.Path;
            o.EncoderOptions = [new SoapEncoderOptions { MessageVersion = System.ServiceModel.Channels.MessageVersion.Soap11 }];
            o.SoapSerializer = SoapSerializer.XmlSerializer;
            o.CaseInsensitivePath = true;
        });
    }
}
