using System.Xml;
using System.Xml.Linq;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Web.Endpoints.Api;
using static Segip.Consulta.Web.Endpoints.Soap.SoapNames;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The REST answers (<see cref="ApiAnswers"/>) in the XML form the WSDL declares, so both channels disclose
/// exactly the same. Element order follows the WSDL's sequences: a field of the level without a value is
/// <c>xsi:nil</c>, a field outside the level is absent.
/// </summary>
public static class SoapAnswers
{
    /// <summary>The person's elements in the WSDL's order (the catalogue's order, without the document's fields).</summary>
    private static readonly string[] PersonOrder =
        [.. FieldCatalog.All.Select(f => f.Code).Where(c => !ApiAnswers.DocumentFields.ContainsKey(c))];

    private static readonly string[] DocumentOrder = ["estado", "fechaEmision", "fechaVencimiento"];

    public static XElement Document(DocumentAnswer a) => Result("ConsultarDocumento",
        Common(a.QueryId, a.Result),
        a.Person is null ? null : Person(a.Person, "persona"),
        a.Document is null ? null : Document(a.Document),
        Fields(a.DisclosedFields),
        Time(a.Timestamp));

    public static XElement Verification(VerificationAnswer a) => Result("Contrastar",
        Common(a.QueryId, a.Result),
        a.DocumentStatus is null ? null : new XElement(Svc + "estadoDocumento", a.DocumentStatus),
        a.Matches is null ? null : new XElement(Svc + "coincidencias", a.Matches.Select(m =>
            new XElement(Svc + "coincidencia", new XAttribute("campo", m.Key), XmlConvert.ToString(m.Value)))),
        Time(a.Timestamp));

    public static XElement Name(NameAnswer a) => Result("ConsultarPorNombre",
        Common(a.QueryId, a.Result),
        new XElement(Svc + "personas", a.Persons.Select(p => Person(p, "persona"))),
        Fields(a.DisclosedFields),
        Time(a.Timestamp));

    private static XElement Result(string operation, params object?[] content) =>
        new(Svc + (operation + "Response"), new XElement(Svc + (operation + "Result"), content));

    private static object[] Common(Guid queryId, string result) =>
        [new XElement(Svc + "consultaId", queryId.ToString()), new XElement(Svc + "resultado", result)];

    private static XElement Fields(IEnumerable<string> codes) => new(Svc + "camposDevueltos", codes.Select(c => new XElement(Svc + "campo", c)));

    private static XElement Time(DateTimeOffset at) => new(Svc + "fechaHora", at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

    private static XElement Person(PersonData data, string name)
    {
        var person = new XElement(Svc + name);
        foreach (var code in PersonOrder)
            if (data.TryGetValue(code, out var value)) person.Add(Value(code, value));
        if (data.TryGetValue("documento", out var document) && document is DocumentData d) person.Add(Document(d));
        return person;
    }

    private static XElement Document(DocumentData data)
    {
        var document = new XElement(Svc + "documento",
            new XElement(Svc + "tipo", data["tipo"]),
            new XElement(Svc + "numero", data["numero"]),
            data["complemento"] is string complement ? new XElement(Svc + "complemento", complement) : null);
        foreach (var name in DocumentOrder)
            if (data.TryGetValue(name, out var value)) document.Add(Value(name, value));
        return document;
    }

    /// <summary>One field: its text (booleans as xs:boolean), or xsi:nil when the registry has no value.</summary>
    private static XElement Value(string name, object? value) => value switch
    {
        null => new XElement(Svc + name, new XAttribute(Xsi + "nil", "true")),
        bool b => new XElement(Svc + name, XmlConvert.ToString(b)),
        _ => new XElement(Svc + name, value.ToString()),
    };
}
