using System.Text;
using System.Xml;
using System.Xml.Linq;
using static Segip.Consulta.Web.Endpoints.Soap.SoapNames;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>An incoming SOAP call: the operation element of the body and the UsernameToken of the header.</summary>
public sealed record SoapCall(XElement Operation, string? ClientId, string? Secret);

/// <summary>
/// Reads and writes SOAP 1.1 envelopes. Reading is hardened: no DTD (so no entity expansion or external
/// entities), no resolver, a size cap; anything that is not a SOAP 1.1 envelope becomes a fault.
/// </summary>
public static class SoapEnvelope
{
    /// <summary>Far above any legitimate call (a few hundred characters), far below what could hurt.</summary>
    public const int MaxCharacters = 256 * 1024;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new() { Async = true, Encoding = new UTF8Encoding(false) };

    public static async Task<SoapCall> ReadAsync(HttpContext http)
    {
        // application/soap+xml is SOAP 1.2's media type.
        if (http.Request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true)
            throw new SoapFaultException(SoapFaults.VersionMismatch());
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(http.Request.Body, ReaderSettings);
            document = await XDocument.LoadAsync(reader, LoadOptions.None, http.RequestAborted);
        }
        catch (XmlException)
        {
            throw new SoapFaultException(SoapFaults.Malformed(
                "El mensaje no es XML válido (se rechazan también las declaraciones DTD y los mensajes de más de 256 KB)."));
        }
        var root = document.Root!;
        if (root.Name.LocalName == "Envelope" && root.Name.Namespace != Env)
            throw new SoapFaultException(SoapFaults.VersionMismatch());
        if (root.Name != Env + "Envelope")
            throw new SoapFaultException(SoapFaults.Malformed("El mensaje no es un sobre SOAP 1.1 (soap:Envelope)."));

        var header = root.Element(Env + "Header");
        foreach (var entry in header?.Elements() ?? [])
            if (entry.Name != Wsse + "Security" && (string?)entry.Attribute(Env + "mustUnderstand") is "1" or "true")
                throw new SoapFaultException(SoapFaults.MustUnderstand(entry.Name.LocalName));

        var operations = root.Element(Env + "Body")?.Elements().ToList() ?? [];
        if (operations.Count != 1)
            throw new SoapFaultException(SoapFaults.Malformed("El cuerpo del sobre SOAP debe contener exactamente una operación."));
        var (clientId, secret) = UsernameToken(header);
        return new SoapCall(operations[0], clientId, secret);
    }

    /// <summary>Credential id and secret of a WS-Security UsernameToken with a PasswordText password; nulls otherwise.</summary>
    private static (string? ClientId, string? Secret) UsernameToken(XElement? header)
    {
        var token = header?.Element(Wsse + "Security")?.Element(Wsse + "UsernameToken");
        var password = token?.Element(Wsse + "Password");
        var type = (string?)password?.Attribute("Type");
        // Only PasswordText: a digest would need the secret in clear on the server, which is never stored.
        if (token is null || password is null || (type is not null && type != PasswordText)) return (null, null);
        return (token.Element(Wsse + "Username")?.Value.Trim(), password.Value);
    }

    /// <summary>
    /// Writes <c>soap:Envelope/soap:Body/{content}</c> as text/xml UTF-8, answers and faults alike signed by
    /// SEGIP (<see cref="SoapSignature"/>: WS-Security header with Timestamp and an XML signature over the Body).
    /// </summary>
    public static async Task WriteAsync(HttpContext http, XElement content)
    {
        http.Response.ContentType = ContentType;
        var envelope = new XElement(Env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Envelope11),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "tns", Namespace),
            new XElement(Env + "Body", content));
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = envelope.CreateReader()) document.Load(reader);
        http.RequestServices.GetRequiredService<SoapSignature>().Sign(document);
        await using var writer = XmlWriter.Create(http.Response.Body, WriterSettings);
        document.WriteTo(writer);
        await writer.FlushAsync();
    }
}
