using System.Security;
using System.Text;
using System.Xml.Linq;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Calls the running app's SOAP 1.1 endpoint with a hand-written envelope (WS-Security UsernameToken).</summary>
public static class SoapClient
{
    public static readonly XNamespace Service = "http://consulta.segip.gob.bo/servicio/v1";
    public const string Path = "/soap/ConsultaService.asmx";

    public static async Task<(int Status, XDocument Envelope)> SoapCallAsync(this AppFactory app, string operation, string body,
        string user = "demo-banco", string password = "Demo-Banco-2026")
    {
        var envelope = $"""
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="{Service}">
              <soap:Header>
                <wsse:Security soap:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
                  <wsse:UsernameToken>
                    <wsse:Username>{SecurityElement.Escape(user)}</wsse:Username>
                    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">{SecurityElement.Escape(password)}</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>
              </soap:Header>
              <soap:Body><c:{operation}>{body}</c:{operation}></soap:Body>
            </soap:Envelope>
            """;
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{Service}/ConsultaService/{operation}\"");
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}
