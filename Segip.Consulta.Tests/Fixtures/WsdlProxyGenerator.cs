using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Writes an XmlSerializer-based C# proxy from a WSDL 1.1 document (document/literal, SOAP 1.1), the way
/// "Add Service Reference" does: one class per schema type or element, typed from the XSD (xs:boolean →
/// bool, xs:date → DateTime, optional/nillable → nullable), and one async method per operation. dotnet-svcutil
/// is not available here; this stays small because it only knows the constructs a document/literal WSDL uses.
/// </summary>
public static class WsdlProxyGenerator
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/wsdl/soap/";

    public static string Generate(XDocument wsdl, string ns)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(XmlSchema.Read(SoapCalls.SchemaOf(wsdl).CreateReader(), (_, e) => throw e.Exception)!);
        schemas.Compile();
        var code = new StringBuilder($"namespace {ns};\nusing System.Xml.Serialization;\n\n");
        foreach (XmlSchema schema in schemas.Schemas())
            foreach (var simple in schema.SchemaTypes.Values.OfType<XmlSchemaSimpleType>())
                if (simple.Content is XmlSchemaSimpleTypeRestriction restriction) Simple[simple.QualifiedName] = restriction.BaseTypeName;
        foreach (XmlSchema schema in schemas.Schemas())
        {
            foreach (XmlSchemaComplexType type in schema.SchemaTypes.Values.OfType<XmlSchemaComplexType>())
                Class(code, type, Pascal(type.Name!), $"[XmlType(\"{type.Name}\", Namespace = \"{type.QualifiedName.Namespace}\")]");
            foreach (XmlSchemaElement element in schema.Elements.Values)
                if (element.SchemaType is XmlSchemaComplexType anonymous)
                    Class(code, anonymous, Pascal(element.Name!), $"[XmlRoot(\"{element.Name}\", Namespace = \"{element.QualifiedName.Namespace}\")]");
        }
        Proxy(code, wsdl);
        return code.ToString();
    }

    private static void Class(StringBuilder code, XmlSchemaComplexType type, string name, string attribute)
    {
        var targetNs = type.QualifiedName.IsEmpty ? ((XmlSchemaElement)type.Parent!).QualifiedName.Namespace : type.QualifiedName.Namespace;
        code.AppendLine(attribute).AppendLine($"public partial class {name}\n{{");
        if (type.ContentModel is XmlSchemaSimpleContent { Content: XmlSchemaSimpleContentExtension extension })
        {
            foreach (XmlSchemaAttribute a in extension.Attributes)
                code.AppendLine($"    [XmlAttribute(\"{a.Name}\")] public string {Pascal(a.Name!)} {{ get; set; }} = \"\";");
            code.AppendLine($"    [XmlText] public {Clr(extension.BaseTypeName, out _)} Value {{ get; set; }}");
        }
        else if (type.Particle is XmlSchemaSequence sequence)
            foreach (XmlSchemaElement e in sequence.Items)
            {
                var typeName = e.SchemaTypeName.IsEmpty ? e.ElementSchemaType!.QualifiedName : e.SchemaTypeName;
                var clr = Clr(typeName, out var dataType);
                var repeated = e.MaxOccurs > 1;
                var valueType = !repeated && clr is "bool" or "int" or "System.DateTime";
                if (valueType && (e.MinOccurs == 0 || e.IsNillable)) clr += "?";
                else if (!valueType && (e.MinOccurs == 0 || e.IsNillable) && !repeated) clr += "?";
                var nullable = e.IsNillable && !valueType ? ", IsNullable = true" : "";
                var dt = dataType is null ? "" : $", DataType = \"{dataType}\"";
                code.AppendLine($"    [XmlElement(\"{e.Name}\", Namespace = \"{targetNs}\"{nullable}{dt})] public {clr}{(repeated ? "[]" : "")} {Pascal(e.Name!)} {{ get; set; }}{(repeated ? " = [];" : clr.EndsWith('?') ? "" : " = default!;")}");
            }
        code.AppendLine("}\n");
    }

    /// <summary>XSD type → C# type (simple restrictions → their base); dataType for XmlSerializer where needed.</summary>
    private static string Clr(XmlQualifiedName type, out string? dataType)
    {
        dataType = null;
        if (type.Namespace != XmlSchema.Namespace) return SimpleBase(type) is { } b ? Clr(b, out dataType) : Pascal(type.Name);
        switch (type.Name)
        {
            case "boolean": return "bool";
            case "int": return "int";
            case "date": dataType = "date"; return "System.DateTime";
            case "dateTime": return "System.DateTime";
            case "base64Binary": return "byte[]";
            default: return "string";
        }
    }

    private static XmlQualifiedName? SimpleBase(XmlQualifiedName type) =>
        Simple.TryGetValue(type, out var restriction) ? restriction : null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<XmlQualifiedName, XmlQualifiedName> Simple = [];

    private static void Proxy(StringBuilder code, XDocument wsdl)
    {
        var address = wsdl.Descendants(Soap + "address").Single().Attribute("location")!.Value;
        code.AppendLine($$"""
            public sealed class SoapFaultException(string code, string text, DetalleError? detail) : System.Exception(text)
            {
                public string Code { get; } = code;
                public DetalleError? Detail { get; } = detail;
            }

            public partial class ConsultaServiceClient(System.Net.Http.HttpClient http, string user, string password)
            {
                public string Address { get; set; } = "{{address}}";
                private static readonly System.Xml.Linq.XNamespace Env = "http://schemas.xmlsoap.org/soap/envelope/";
                private static readonly System.Xml.Linq.XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

                private async Task<TResponse> CallAsync<TRequest, TResponse>(string action, TRequest request)
                {
                    var body = new System.Xml.Linq.XDocument();
                    using (var writer = body.CreateWriter()) new XmlSerializer(typeof(TRequest)).Serialize(writer, request);
                    var envelope = new System.Xml.Linq.XElement(Env + "Envelope",
                        new System.Xml.Linq.XElement(Env + "Header", new System.Xml.Linq.XElement(Wsse + "Security",
                            new System.Xml.Linq.XElement(Wsse + "UsernameToken", new System.Xml.Linq.XElement(Wsse + "Username", user),
                                new System.Xml.Linq.XElement(Wsse + "Password", new System.Xml.Linq.XAttribute("Type",
                                    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"), password)))),
                        new System.Xml.Linq.XElement(Env + "Body", body.Root));
                    using var message = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, Address)
                    {
                        Content = new System.Net.Http.StringContent(envelope.ToString(), System.Text.Encoding.UTF8, "text/xml"),
                    };
                    message.Headers.Add("SOAPAction", "\"" + action + "\"");
                    using var response = await http.SendAsync(message);
                    var answer = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
                    var content = answer.Root!.Element(Env + "Body")!.Elements().Single();
                    if (content.Name == Env + "Fault")
                    {
                        var detail = content.Element("detail")?.Elements().FirstOrDefault();
                        throw new SoapFaultException(content.Element("faultcode")!.Value, content.Element("faultstring")!.Value,
                            detail is null ? null : (DetalleError?)new XmlSerializer(typeof(DetalleError), new XmlRootAttribute(detail.Name.LocalName) { Namespace = detail.Name.NamespaceName }).Deserialize(Reader(detail)));
                    }
                    return (TResponse)new XmlSerializer(typeof(TResponse)).Deserialize(Reader(content))!;
                }

                // A text reader: XElement.CreateReader cannot read xs:base64Binary content.
                private static System.Xml.XmlReader Reader(System.Xml.Linq.XElement element) =>
                    System.Xml.XmlReader.Create(new System.IO.StringReader(element.ToString()));
            """);
        var binding = wsdl.Descendants(Wsdl + "binding").Single();
        foreach (var operation in wsdl.Descendants(Wsdl + "portType").Elements(Wsdl + "operation"))
        {
            var name = operation.Attribute("name")!.Value;
            var action = binding.Elements(Wsdl + "operation").Single(o => o.Attribute("name")!.Value == name).Element(Soap + "operation")!.Attribute("soapAction")!.Value;
            code.AppendLine($"    public Task<{name}Response> {name}Async({name} request) => CallAsync<{name}, {name}Response>(\"{action}\", request);");
        }
        code.AppendLine("}");
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
