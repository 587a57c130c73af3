// Ejemplo de cliente SOAP 1.1 del servicio web del SEGIP (HttpClient y LINQ to XML, .NET 8 o superior).
// Uso: dotnet run -- http://localhost:5080   (instancia local con datos de demostración)
// Con WCF o "Add Service Reference", genere el proxy desde {dirección}/soap/ConsultaService.asmx?wsdl y agregue el
// mismo encabezado wsse:Security en cada mensaje.
using System.Xml.Linq;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://localhost:5080";
XNamespace soap = "http://schemas.xmlsoap.org/soap/envelope/";
XNamespace wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
XNamespace svc = "http://consulta.segip.gob.bo/servicio/v1";
using var http = new HttpClient();

// 1. Consulta por documento.
var found = await Call("ConsultarDocumento", "demo-banco", "Demo-Banco-2026",
    new XElement(svc + "codigoUsuarioFinal", "BD-001"), new XElement(svc + "tipoDocumento", "CI"),
    new XElement(svc + "numeroDocumento", "1234567"), new XElement(svc + "finalidad", "Apertura de cuenta de ahorro"));
var person = found.Element(svc + "persona")!;
Console.WriteLine($"{found.Element(svc + "resultado")!.Value}: {person.Element(svc + "nombres")!.Value}, nacido el " +
    DateOnly.Parse(person.Element(svc + "fechaNacimiento")!.Value).ToString("dd/MM/yyyy"));

// 2. Contrastación: cada <coincidencia campo="..."> es un xs:boolean.
var verification = await Call("Contrastar", "demo-banco", "Demo-Banco-2026",
    new XElement(svc + "codigoUsuarioFinal", "BD-001"), new XElement(svc + "tipoDocumento", "CI"),
    new XElement(svc + "numeroDocumento", "1234567"), new XElement(svc + "nombres", "Juan Carlos"),
    new XElement(svc + "primerApellido", "Gomez"), new XElement(svc + "finalidad", "Verificación de cliente"));
var matches = verification.Descendants(svc + "coincidencia").ToDictionary(m => (string)m.Attribute("campo")!, m => (bool)m);
Console.WriteLine("Coincidencias: " + string.Join(", ", matches.Select(m => $"{m.Key}={m.Value}")));
if (!matches["nombres"] || matches["primerApellido"]) throw new InvalidOperationException("Coincidencias inesperadas.");

// 3. Un rechazo es un soap:Fault; decida por detail/error/codigo.
try
{
    await Call("ConsultarDocumento", "demo-banco", "Demo-Banco-2026",
        new XElement(svc + "codigoUsuarioFinal", "BD-002"), new XElement(svc + "tipoDocumento", "CI"),
        new XElement(svc + "numeroDocumento", "1234567"), new XElement(svc + "finalidad", "Apertura de cuenta de ahorro"));
    throw new InvalidOperationException("Se esperaba un fault.");
}
catch (SoapFault fault)
{
    Console.WriteLine($"Fault {fault.Codigo}: {fault.Message}");
    if (fault.Codigo != "USUARIO_FINAL_NO_HABILITADO") throw;
}
return 0;

async Task<XElement> Call(string operation, string credential, string secret, params XElement[] parameters)
{
    var envelope = new XElement(soap + "Envelope",
        new XElement(soap + "Header", new XElement(wsse + "Security", new XElement(wsse + "UsernameToken",
            new XElement(wsse + "Username", credential),
            new XElement(wsse + "Password", new XAttribute("Type",
                "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"), secret)))),
        new XElement(soap + "Body", new XElement(svc + operation, parameters)));
    using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/soap/ConsultaService.asmx")
    {
        Content = new StringContent(envelope.ToString(), System.Text.Encoding.UTF8, "text/xml"),
    };
    request.Headers.Add("SOAPAction", $"\"{svc.NamespaceName}/ConsultaService/{operation}\"");
    using var response = await http.SendAsync(request);
    var body = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(soap + "Body")!;
    if (body.Element(soap + "Fault") is { } fault)
        throw new SoapFault(fault.Descendants(svc + "codigo").Single().Value, fault.Element("faultstring")!.Value);
    return body.Descendants(svc + operation + "Result").Single();
}

sealed class SoapFault(string codigo, string message) : Exception(message)
{
    public string Codigo { get; } = codigo;
}
