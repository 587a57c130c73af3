using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Segip.Consulta.Core.Features.Signing;
using static Segip.Consulta.Web.Endpoints.Soap.SoapNames;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// WS-Security (SOAP Message Security 1.0, X.509 token profile) signature of every SOAP answer and fault:
/// <c>wsse:Security</c> in the header holds a <c>wsu:Timestamp</c> (valid five minutes), SEGIP's certificate as
/// a <c>BinarySecurityToken</c> and an XML signature (exclusive C14N, ECDSA-SHA256 or RSA-SHA256 after the
/// certificate's key, SHA-256 digests) over
/// <c>soap:Body</c> and the Timestamp, referenced by <c>wsu:Id</c>. Verifiable with any WS-Security stack or
/// with xmlsec1 (SoapSignatureTests).
/// </summary>
public sealed class SoapSignature(SigningCertificate signing, TimeProvider time)
{
    public const string Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private const string X509Token = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    private const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(5);

    private readonly string token = Convert.ToBase64String(signing.Certificate.RawData);

    static SoapSignature() => EcdsaSha256SignatureDescription.Register();

    /// <summary>Adds the signed <c>wsse:Security</c> header to an envelope whose <c>soap:Body</c> is complete.</summary>
    public void Sign(XmlDocument envelope)
    {
        var root = envelope.DocumentElement!;
        var body = root["Body", Envelope11]!;
        // Declared once on the envelope, so the canonical form signed here is the one serialized on the wire.
        root.SetAttribute("xmlns:wsse", WsSecurity);
        root.SetAttribute("xmlns:wsu", Utility);
        var header = envelope.CreateElement("soap", "Header", Envelope11);
        root.InsertBefore(header, body);
        var security = Append(header, "wsse", "Security", WsSecurity);

        var now = time.GetUtcNow().UtcDateTime;
        var timestamp = Append(security, "wsu", "Timestamp", Utility);
        SetId(timestamp, "TS-1");
        Append(timestamp, "wsu", "Created", Utility).InnerText = Instant(now);
        Append(timestamp, "wsu", "Expires", Utility).InnerText = Instant(now + Validity);

        var binaryToken = Append(security, "wsse", "BinarySecurityToken", WsSecurity);
        SetId(binaryToken, "X509-1");
        binaryToken.SetAttribute("ValueType", X509Token);
        binaryToken.SetAttribute("EncodingType", Base64Binary);
        binaryToken.InnerText = token;
        SetId(body, "Body-1");

        using var key = (AsymmetricAlgorithm?)signing.Certificate.GetECDsaPrivateKey() ?? signing.Certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("La firma WS-Security requiere un certificado de firma con clave ECDSA o RSA.");
        var signed = new WsuSignedXml(envelope) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = key is ECDsa ? EcdsaSha256SignatureDescription.Url : SignedXml.XmlDsigRSASHA256Url;
        foreach (var id in new[] { "Body-1", "TS-1" })
        {
            var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
            reference.AddTransform(new XmlDsigExcC14NTransform());
            signed.AddReference(reference);
        }
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoNode(TokenReference(envelope)));
        signed.ComputeSignature();
        security.AppendChild(envelope.ImportNode(signed.GetXml(), true));
    }

    /// <summary>Checks the signature with a certificate of the key history (tests, tools).</summary>
    public static bool Verify(XmlDocument envelope, X509Certificate2 certificate)
    {
        var signature = envelope.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).OfType<XmlElement>().SingleOrDefault();
        if (signature is null) return false;
        var signed = new WsuSignedXml(envelope);
        signed.LoadXml(signature);
        return signed.SignedInfo!.References.Count == 2 && signed.CheckSignature(certificate, verifySignatureOnly: true);
    }

    private XmlElement TokenReference(XmlDocument envelope)
    {
        var reference = envelope.CreateElement("wsse", "SecurityTokenReference", WsSecurity);
        var inner = Append(reference, "wsse", "Reference", WsSecurity);
        inner.SetAttribute("URI", "#X509-1");
        inner.SetAttribute("ValueType", X509Token);
        return reference;
    }

    private static void SetId(XmlElement element, string id)
    {
        var attribute = element.OwnerDocument.CreateAttribute("wsu", "Id", Utility);
        attribute.Value = id;
        element.Attributes.Append(attribute);
    }

    private static XmlElement Append(XmlNode parent, string prefix, string name, string ns)
    {
        var element = (parent.OwnerDocument ?? (XmlDocument)parent).CreateElement(prefix, name, ns);
        parent.AppendChild(element);
        return element;
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>SignedXml resolves only unqualified Id attributes; WS-Security references elements by wsu:Id.</summary>
    private sealed class WsuSignedXml(XmlDocument document) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            document?.SelectSingleNode($"//*[@*[local-name()='Id' and namespace-uri()='{Utility}']='{idValue}']") as XmlElement
            ?? base.GetIdElement(document, idValue);
    }
}
