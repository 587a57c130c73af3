using System.Security;
using System.Text;
using System.Xml.Linq;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The SOAP 1.1 endpoint, called with hand-written envelopes and read back from the raw XML.</summary>
[Trait("Category", "Integration")]
public class SoapServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Svc = "http://consulta.segip.gob.bo/servicio/v1";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Path = "/soap/ConsultaService.asmx";

    private async Task<(int Status, XDocument Envelope)> CallAsync(string operation, string body, string user = "demo-banco", string password = "Demo-Banco-2026")
    {
        var envelope = $"""
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="{Svc}">
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
        request.Headers.Add("SOAPAction", $"\"{Svc}/ConsultaService/{operation}\"");
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private const string DocumentBody =
        "<c:codigoUsuarioFinal>{0}</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>1234567</c:numeroDocumento><c:finalidad>Apertura de cuenta</c:finalidad>";

    [Fact]
    public async Task ConsultarDocumento_answers_the_same_level_2_data_as_rest()
    {
        var (status, xml) = await CallAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-001"));
        Assert.Equal(200, status);
        var result = xml.Descendants(Svc + "ConsultarDocumentoResult").Single();
        Assert.Equal("ENCONTRADO", result.Element(Svc + "resultado")!.Value);
        var person = result.Element(Svc + "persona")!;
        Assert.Equal("JUAN CARLOS", person.Element(Svc + "nombres")!.Value);
        Assert.Equal("1985-03-14", person.Element(Svc + "fechaNacimiento")!.Value);
        Assert.Equal("true", person.Element(Svc + "apellidoCasada")!.Attribute(Xsi + "nil")!.Value);
        Assert.Null(person.Element(Svc + "sexo"));
        Assert.Null(person.Element(Svc + "fotografia"));
        Assert.Equal("VIGENTE", result.Element(Svc + "documento")!.Element(Svc + "estado")!.Value);
        Assert.Null(result.Element(Svc + "documento")!.Element(Svc + "fechaEmision"));

        var rest = await app.QueryDocumentAsync();
        foreach (var field in new[] { "nombres", "primerApellido", "segundoApellido", "fechaNacimiento" })
            Assert.Equal((string?)rest.Json["persona"]![field], person.Element(Svc + field)!.Value);

        var record = await app.AuditRecordAsync(result.Element(Svc + "consultaId")!.Value);
        Assert.Equal(Channel.SERVICIO_WEB, record.Channel);
        Assert.Equal("BD-001", record.EndUserCode);
    }

    [Fact]
    public async Task Refusals_are_soap_faults_carrying_the_contract_code()
    {
        var (status, xml) = await CallAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-002"));
        Assert.Equal(500, status);
        var fault = xml.Descendants(Soap + "Fault").Single();
        Assert.EndsWith("Client.USUARIO_FINAL_NO_HABILITADO", fault.Element("faultcode")!.Value);
        Assert.Contains("no está habilitado", fault.Element("faultstring")!.Value);
        var detail = fault.Element("detail")!.Elements().Single();
        Assert.Equal(Svc + "error", detail.Name);
        Assert.Equal("USUARIO_FINAL_NO_HABILITADO", detail.Element(Svc + "codigo")!.Value);
        var record = await app.AuditRecordAsync(detail.Element(Svc + "consultaId")!.Value);
        Assert.Equal(RefusalReason.USUARIO_FINAL_NO_HABILITADO, record.RefusalReason);

        var (_, wrongSecret) = await CallAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-001"), password: "incorrecta");
        Assert.Equal("CREDENCIAL_INVALIDA", wrongSecret.Descendants(Svc + "codigo").Single().Value);

        var (_, expired) = await CallAsync("ConsultarDocumento", string.Format(DocumentBody, "VEN-001"), "demo-vencido", "Demo-Vencido-2026");
        Assert.Equal("CONVENIO_NO_VIGENTE", expired.Descendants(Svc + "codigo").Single().Value);

        var (_, invalid) = await CallAsync("ConsultarDocumento",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>12AB</c:numeroDocumento>");
        Assert.Equal("SOLICITUD_INVALIDA", invalid.Descendants(Svc + "codigo").Single().Value);
        Assert.Contains(invalid.Descendants(Svc + "campo"), c => c.Value == "numeroDocumento");
        Assert.Contains(invalid.Descendants(Svc + "campo"), c => c.Value == "finalidad");
    }

    [Fact]
    public async Task An_empty_end_user_code_is_a_fault_that_is_audited()
    {
        var (status, xml) = await CallAsync("ConsultarDocumento", string.Format(DocumentBody, ""));

        Assert.Equal(500, status);
        var detail = xml.Descendants(Soap + "Fault").Single().Element("detail")!.Elements().Single();
        Assert.Equal("SOLICITUD_INVALIDA", detail.Element(Svc + "codigo")!.Value);
        var record = await app.AuditRecordAsync(detail.Element(Svc + "consultaId")!.Value);
        Assert.Equal((QueryResult.DENEGADO, RefusalReason.SOLICITUD_INVALIDA, Channel.SERVICIO_WEB),
            (record.Result, record.RefusalReason, record.Channel));
    }

    [Fact]
    public async Task Contrastar_and_ConsultarPorNombre_use_the_rest_names()
    {
        var (status, verification) = await CallAsync("Contrastar",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>1234567</c:numeroDocumento>" +
            "<c:nombres>Juan Carlos</c:nombres><c:primerApellido>Gomez</c:primerApellido><c:finalidad>Verificación de cliente</c:finalidad>");
        Assert.Equal(200, status);
        Assert.Equal("VIGENTE", verification.Descendants(Svc + "estadoDocumento").Single().Value);
        var matches = verification.Descendants(Svc + "coincidencia").ToDictionary(m => m.Attribute("campo")!.Value, m => m.Value);
        Assert.Equal(new Dictionary<string, string> { ["nombres"] = "true", ["primerApellido"] = "false" }, matches);

        var (nameStatus, byName) = await CallAsync("ConsultarPorNombre",
            "<c:codigoUsuarioFinal>TSE-001</c:codigoUsuarioFinal><c:nombres>Juan Carlos</c:nombres><c:primerApellido>Perez</c:primerApellido>" +
            "<c:fechaNacimiento>1985-03-14</c:fechaNacimiento><c:finalidad>Depuración del padrón</c:finalidad><c:referenciaConsentimiento>C-1</c:referenciaConsentimiento>",
            "demo-tse", "Demo-Tse-2026");
        Assert.Equal(200, nameStatus);
        var person = byName.Descendants(Svc + "persona").Single();
        Assert.Equal("MAMANI", person.Element(Svc + "segundoApellido")!.Value);
        Assert.NotNull(person.Element(Svc + "nombreMadre"));
        Assert.Equal("1234567", person.Element(Svc + "documento")!.Element(Svc + "numero")!.Value);

        var (_, notAllowed) = await CallAsync("ConsultarPorNombre",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:nombres>Juan</c:nombres><c:primerApellido>Perez</c:primerApellido>" +
            "<c:fechaNacimiento>1985-03-14</c:fechaNacimiento><c:finalidad>Apertura de cuenta</c:finalidad>");
        Assert.Equal("OPERACION_NO_PERMITIDA", notAllowed.Descendants(Svc + "codigo").Single().Value);
    }

    [Fact]
    public async Task Wsdl_describes_the_three_operations()
    {
        using var client = app.Client();
        var wsdl = XDocument.Parse(await client.GetStringAsync(Path + "?wsdl"));
        XNamespace w = "http://schemas.xmlsoap.org/wsdl/";
        var operations = wsdl.Descendants(w + "portType").Elements(w + "operation").Select(o => o.Attribute("name")!.Value).ToList();
        Assert.Equal(["ConsultarDocumento", "Contrastar", "ConsultarPorNombre"], operations);
        Assert.Contains("codigoUsuarioFinal", wsdl.ToString());
        Assert.Contains("soap:address", wsdl.ToString().Replace("soap11:", "soap:"));
    }
}
