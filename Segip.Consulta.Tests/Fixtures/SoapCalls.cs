using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>A raw SOAP answer: status, headers and the envelope, already checked against the WSDL's schema.</summary>
public sealed record SoapAnswer(HttpResponseMessage Response, XDocument Envelope)
{
    public int Status => (int)Response.StatusCode;
    public XElement? Fault => Envelope.Descendants(SoapCalls.Env + "Fault").SingleOrDefault();
    public string? Code => Envelope.Descendants(SoapCalls.Svc + "codigo").SingleOrDefault()?.Value;
}

/// <summary>Calls the running app's SOAP service with hand-written envelopes, as an institution's system would.</summary>
public static class SoapCalls
{
    public static readonly XNamespace Env = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Svc = "http://consulta.segip.gob.bo/servicio/v1";
    public const string SoapPath = "/soap/ConsultaService.asmx";

    public const string DocumentBody =
        "<c:codigoUsuarioFinal>{0}</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>1234567</c:numeroDocumento><c:finalidad>Apertura de cuenta</c:finalidad>";

    public static string Envelope(string operation, string body, string? user, string? password) => $"""
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="{Svc}">
          <soap:Header>{(user is null ? "" : $"""
            <wsse:Security soap:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
              <wsse:UsernameToken>
                <wsse:Username>{SecurityElement.Escape(user)}</wsse:Username>
                <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">{SecurityElement.Escape(password)}</wsse:Password>
              </wsse:UsernameToken>
            </wsse:Security>
            """)}</soap:Header>
          <soap:Body><c:{operation}>{body}</c:{operation}></soap:Body>
        </soap:Envelope>
        """;

    public static Task<SoapAnswer> SoapAsync(this AppFactory app, string operation, string body,
        string? user = "demo-banco", string? password = "Demo-Banco-2026") =>
        app.PostSoapAsync(Envelope(operation, body, user, password), "text/xml", operation);

    /// <summary>Posts any text as the SOAP message; every answer must validate against the WSDL's schema.</summary>
    public static async Task<SoapAnswer> PostSoapAsync(this AppFactory app, string message, string contentType = "text/xml", string? operation = null)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, SoapPath) { Content = new StringContent(message, Encoding.UTF8, contentType) };
        if (operation is not null) request.Headers.Add("SOAPAction", $"\"{Svc.NamespaceName}/ConsultaService/{operation}\"");
        var response = await client.SendAsync(request);
        var envelope = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Validate(await WsdlSchemaAsync(app), envelope);
        return new SoapAnswer(response, envelope);
    }

    /// <summary>The xs:schema of the WSDL the app serves, compiled once per app.</summary>
    public static async Task<XmlSchemaSet> WsdlSchemaAsync(AppFactory app)
    {
        if (Schemas.TryGetValue(app, out var cached)) return cached;
        using var client = app.Client();
        var wsdl = XDocument.Parse(await client.GetStringAsync(SoapPath + "?wsdl"));
        var set = new XmlSchemaSet();
        set.Add(XmlSchema.Read(SchemaOf(wsdl).CreateReader(), (_, e) => throw e.Exception)!);
        set.Compile();
        Schemas.AddOrUpdate(app, set);
        return set;
    }

    /// <summary>The WSDL's embedded schema as a standalone document (namespace declarations copied from the definitions).</summary>
    public static XElement SchemaOf(XDocument wsdl)
    {
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var schema = new XElement(wsdl.Descendants(xs + "schema").Single());
        foreach (var ns in wsdl.Root!.Attributes().Where(a => a.IsNamespaceDeclaration))
            if (schema.Attribute(ns.Name) is null) schema.Add(new XAttribute(ns.Name, ns.Value));
        return schema;
    }

    /// <summary>Validates the body's answer or the fault's detail against the schema (strictly: every element must be declared).</summary>
    private static void Validate(XmlSchemaSet schema, XDocument envelope)
    {
        var body = envelope.Root!.Element(Env + "Body")!;
        var content = body.Element(Env + "Fault") is { } fault ? fault.Element("detail")!.Elements().Single() : body.Elements().Single();
        var errors = new List<string>();
        new XDocument(new XElement(content)).Validate(schema, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, $"La respuesta SOAP no cumple el WSDL: {string.Join("; ", errors)}\n{content}");
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFactory, XmlSchemaSet> Schemas = new();
}
