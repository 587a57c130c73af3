using System.Diagnostics;
using System.Text;
using System.Xml;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Endpoints.Soap;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// SOAP answers and faults carry SEGIP's WS-Security signature over the Body and a Timestamp, verified
/// here by xmlsec1 (Debian, libxmlsec1 — not .NET's SignedXml that produced it) and by SignedXml.
/// </summary>
[Trait("Category", "Integration")]
public class SoapSignatureTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    private async Task<string> RawSoapAsync(string? password)
    {
        using var client = app.Client();
        var message = SoapCalls.Envelope("ConsultarDocumento", string.Format(SoapCalls.DocumentBody, "BD-001"), "demo-banco", password);
        using var request = new HttpRequestMessage(HttpMethod.Post, SoapCalls.SoapPath) { Content = new StringContent(message, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{SoapCalls.Svc.NamespaceName}/ConsultaService/ConsultarDocumento\"");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    [Theory]
    [InlineData("Demo-Banco-2026", "ENCONTRADO")]
    [InlineData("incorrecta", "CREDENCIAL_INVALIDA")]
    public async Task Answers_and_faults_are_signed_and_xmlsec1_verifies_them(string password, string expected)
    {
        var xml = await RawSoapAsync(password);
        Assert.Contains(expected, xml);
        var certificate = app.Get<SigningCertificate>().Certificate;

        Assert.True(SoapSignature.Verify(Load(xml), certificate));
        var timestamp = Load(xml).GetElementsByTagName("Timestamp", Utility).OfType<XmlElement>().Single();
        Assert.True(DateTime.Parse(timestamp["Expires", Utility]!.InnerText).ToUniversalTime() > DateTime.UtcNow);

        var (ok, output) = await XmlSec1Async(xml, certificate);
        Assert.True(ok, output);
        // The same message with one changed character in the Body must fail for both verifiers.
        var tampered = xml.Replace(expected, expected.ToLowerInvariant());
        Assert.False(SoapSignature.Verify(Load(tampered), certificate));
        Assert.False((await XmlSec1Async(tampered, certificate)).Ok);
    }

    /// <summary>The generated certificate is ECDSA (ECDSA-SHA256); an RSA certificate an operator configures still signs (RSA-SHA256).</summary>
    [Theory]
    [InlineData(false, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256")]
    [InlineData(true, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")]
    public async Task The_signature_follows_the_certificate_key_and_xmlsec1_verifies_it(bool rsa, string method)
    {
        using var certificate = rsa ? SigningCertificate.CreateSelfSignedRsa() : SigningCertificate.CreateSelfSigned();
        var envelope = Load("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
            "<r xmlns=\"urn:prueba\"><resultado>ENCONTRADO</resultado></r></soap:Body></soap:Envelope>");

        new SoapSignature(SigningCertificate.FromCertificate(certificate), TimeProvider.System).Sign(envelope);
        var xml = envelope.OuterXml;

        Assert.Equal(method, envelope.GetElementsByTagName("SignatureMethod", "http://www.w3.org/2000/09/xmldsig#")
            .OfType<XmlElement>().Single().GetAttribute("Algorithm"));
        Assert.True(SoapSignature.Verify(Load(xml), certificate));
        var (ok, output) = await XmlSec1Async(xml, certificate);
        Assert.True(ok, output);
        var tampered = xml.Replace("ENCONTRADO", "NO_ENCONTRADO");
        Assert.False(SoapSignature.Verify(Load(tampered), certificate));
        Assert.False((await XmlSec1Async(tampered, certificate)).Ok);
    }

    private static async Task<(bool Ok, string Output)> XmlSec1Async(string xml, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var folder = Directory.CreateTempSubdirectory("segip-xmlsec-").FullName;
        try
        {
            var message = Path.Combine(folder, "respuesta.xml");
            var pem = Path.Combine(folder, "segip.pem");
            await File.WriteAllTextAsync(message, xml);
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
            var result = await ExternalProgram.RunAsync("xmlsec1",
                ["--verify", "--pubkey-cert-pem", pem, "--id-attr:Id", "http://schemas.xmlsoap.org/soap/envelope/:Body", "--id-attr:Id", $"{Utility}:Timestamp", message]);
            return (result.ExitCode == 0, result.Output + result.Errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
