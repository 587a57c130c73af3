using System.Xml.Linq;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>Names of the SOAP 1.1 contract (docs/contract.md; the WSDL is <c>ConsultaService.wsdl</c>).</summary>
public static class SoapNames
{
    public const string Namespace = "http://consulta.segip.gob.bo/servicio/v1";
    public const string Path = "/soap/ConsultaService.asmx";
    public const string Envelope11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Envelope12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public const string ContentType = "text/xml; charset=utf-8";

    public static readonly XNamespace Svc = Namespace;
    public static readonly XNamespace Env = Envelope11;
    public static readonly XNamespace Wsse = WsSecurity;
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
