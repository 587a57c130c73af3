using System.Diagnostics;
using System.Xml.Linq;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;
using static Segip.Consulta.Tests.Fixtures.SoapCalls;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The SOAP 1.1 endpoint, called with hand-written envelopes and read back from the raw XML. Every answer
/// and fault is validated against the schema of the WSDL the app serves (<see cref="SoapCalls"/>).
/// </summary>
[Trait("Category", "Integration")]
public class SoapServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [Fact]
    public async Task ConsultarDocumento_answers_the_same_level_2_data_as_rest()
    {
        var answer = await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-001"));
        Assert.Equal(200, answer.Status);
        var result = answer.Envelope.Descendants(Svc + "ConsultarDocumentoResult").Single();
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
        Assert.Equal(Channel.WebService, record.Channel);
        Assert.Equal("BD-001", record.EndUserCode);
    }

    [Fact]
    public async Task Completo_level_and_not_found_answers_match_the_wsdl()
    {
        var full = await app.SoapAsync("ConsultarDocumento",
            "<c:codigoUsuarioFinal>TSE-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>7654321</c:numeroDocumento>" +
            "<c:finalidad>Depuración del padrón</c:finalidad><c:referenciaConsentimiento>C-1</c:referenciaConsentimiento>", "demo-tse", "Demo-Tse-2026");
        Assert.Equal(200, full.Status);
        Assert.Equal("true", full.Envelope.Descendants(Svc + "fallecido").Single().Value);
        Assert.NotNull(full.Envelope.Descendants(Svc + "fechaEmision").SingleOrDefault());

        var missing = await app.SoapAsync("ConsultarDocumento",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>9999999991</c:numeroDocumento><c:finalidad>Apertura de cuenta</c:finalidad>");
        Assert.Equal("NO_ENCONTRADO", missing.Envelope.Descendants(Svc + "resultado").Single().Value);
        Assert.Empty(missing.Envelope.Descendants(Svc + "persona"));
    }

    [Fact]
    public async Task Refusals_are_soap_faults_carrying_the_contract_code()
    {
        var refused = await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-002"));
        Assert.Equal(500, refused.Status);
        var fault = refused.Fault!;
        Assert.Equal("soap:Client.USUARIO_FINAL_NO_HABILITADO", fault.Element("faultcode")!.Value);
        Assert.Contains("no está habilitado", fault.Element("faultstring")!.Value);
        var detail = fault.Element("detail")!.Elements().Single();
        Assert.Equal(Svc + "error", detail.Name);
        Assert.Equal("USUARIO_FINAL_NO_HABILITADO", detail.Element(Svc + "codigo")!.Value);
        var record = await app.AuditRecordAsync(detail.Element(Svc + "consultaId")!.Value);
        Assert.Equal(RefusalReason.EndUserNotEnabled, record.RefusalReason);

        Assert.Equal("CREDENCIAL_INVALIDA", (await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-001"), password: "incorrecta")).Code);
        Assert.Equal("CREDENCIAL_INVALIDA", (await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-001"), user: null)).Code);
        Assert.Equal("CONVENIO_NO_VIGENTE", (await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "VEN-001"), "demo-vencido", "Demo-Vencido-2026")).Code);

        var invalid = await app.SoapAsync("ConsultarDocumento",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>12AB</c:numeroDocumento>");
        Assert.Equal("SOLICITUD_INVALIDA", invalid.Code);
        var fields = invalid.Envelope.Descendants(Svc + "errorCampo").Select(e => e.Element(Svc + "campo")!.Value).ToList();
        Assert.Contains("numeroDocumento", fields);
        Assert.Contains("finalidad", fields);

        var noEndUser = await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, " "));
        Assert.Equal(["codigoUsuarioFinal"], noEndUser.Envelope.Descendants(Svc + "campo").Select(c => c.Value));
    }

    [Fact]
    public async Task Undeclared_elements_and_bad_dates_are_field_errors_not_silently_ignored()
    {
        var answer = await app.SoapAsync("Contrastar",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>1234567</c:numeroDocumento>" +
            "<c:complementoo>1A</c:complementoo><c:fechaNacimiento>14/03/1985</c:fechaNacimiento><c:finalidad>Verificación de cliente</c:finalidad>");
        Assert.Equal("SOLICITUD_INVALIDA", answer.Code);
        var fields = answer.Envelope.Descendants(Svc + "campo").Select(c => c.Value).ToList();
        Assert.Contains("complementoo", fields);
        Assert.Contains("fechaNacimiento", fields);
    }

    [Fact]
    public async Task An_empty_end_user_code_is_a_fault_that_is_audited()
    {
        var answer = await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, ""));

        Assert.Equal(500, answer.Status);
        var detail = answer.Fault!.Element("detail")!.Elements().Single();
        Assert.Equal("SOLICITUD_INVALIDA", detail.Element(Svc + "codigo")!.Value);
        var record = await app.AuditRecordAsync(detail.Element(Svc + "consultaId")!.Value);
        Assert.Equal((QueryResult.Refused, RefusalReason.InvalidRequest, Channel.WebService),
            (record.Result, record.RefusalReason, record.Channel));
    }

    [Fact]
    public async Task Contrastar_and_ConsultarPorNombre_use_the_rest_names()
    {
        var verification = await app.SoapAsync("Contrastar",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:tipoDocumento>CI</c:tipoDocumento><c:numeroDocumento>1234567</c:numeroDocumento>" +
            "<c:nombres>Juan Carlos</c:nombres><c:primerApellido>Gomez</c:primerApellido><c:finalidad>Verificación de cliente</c:finalidad>");
        Assert.Equal(200, verification.Status);
        Assert.Equal("VIGENTE", verification.Envelope.Descendants(Svc + "estadoDocumento").Single().Value);
        var matches = verification.Envelope.Descendants(Svc + "coincidencia").ToDictionary(m => m.Attribute("campo")!.Value, m => m.Value);
        Assert.Equal(new Dictionary<string, string> { ["nombres"] = "true", ["primerApellido"] = "false" }, matches);

        var byName = await app.SoapAsync("ConsultarPorNombre",
            "<c:codigoUsuarioFinal>TSE-001</c:codigoUsuarioFinal><c:nombres>Juan Carlos</c:nombres><c:primerApellido>Perez</c:primerApellido>" +
            "<c:fechaNacimiento>1985-03-14</c:fechaNacimiento><c:finalidad>Depuración del padrón</c:finalidad><c:referenciaConsentimiento>C-1</c:referenciaConsentimiento>",
            "demo-tse", "Demo-Tse-2026");
        Assert.Equal(200, byName.Status);
        var person = byName.Envelope.Descendants(Svc + "persona").Single();
        Assert.Equal("MAMANI", person.Element(Svc + "segundoApellido")!.Value);
        Assert.NotNull(person.Element(Svc + "nombreMadre"));
        Assert.Equal("1234567", person.Element(Svc + "documento")!.Element(Svc + "numero")!.Value);

        var notAllowed = await app.SoapAsync("ConsultarPorNombre",
            "<c:codigoUsuarioFinal>BD-001</c:codigoUsuarioFinal><c:nombres>Juan</c:nombres><c:primerApellido>Perez</c:primerApellido>" +
            "<c:fechaNacimiento>1985-03-14</c:fechaNacimiento><c:finalidad>Apertura de cuenta</c:finalidad>");
        Assert.Equal("OPERACION_NO_PERMITIDA", notAllowed.Code);
    }

    [Fact]
    public async Task Soap_1_2_gets_a_version_mismatch_fault_and_malformed_xml_a_spanish_fault_with_the_code()
    {
        var soap12 = Envelope("ConsultarDocumento", string.Format(DocumentBody, "BD-001"), "demo-banco", "Demo-Banco-2026")
            .Replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");
        foreach (var contentType in new[] { "application/soap+xml", "text/xml" })
        {
            var mismatch = await app.PostSoapAsync(soap12, contentType);
            Assert.Equal(500, mismatch.Status);
            Assert.Equal("soap:VersionMismatch", mismatch.Fault!.Element("faultcode")!.Value);
            Assert.Contains("SOAP 1.1", mismatch.Fault.Element("faultstring")!.Value);
        }

        var malformed = await app.PostSoapAsync("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>", operation: "ConsultarDocumento");
        Assert.Equal("soap:Client.SOLICITUD_INVALIDA", malformed.Fault!.Element("faultcode")!.Value);
        Assert.Equal("SOLICITUD_INVALIDA", malformed.Code);
        Assert.Contains("no es XML válido", malformed.Fault.Element("faultstring")!.Value);

        var unknown = await app.SoapAsync("Borrar", "<c:x>1</c:x>");
        Assert.Equal("SOLICITUD_INVALIDA", unknown.Code);
        Assert.Contains("no existe", unknown.Fault!.Element("faultstring")!.Value);
    }

    [Fact]
    public async Task Entities_and_dtds_are_refused_before_anything_is_expanded()
    {
        var secretFile = Path.Combine(app.Folder, "secreto.txt");
        await File.WriteAllTextAsync(secretFile, "CONTENIDO-SECRETO");
        var xxe = $"""
            <?xml version="1.0"?>
            <!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM "file://{secretFile}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            """ + Envelope("ConsultarDocumento", "<c:codigoUsuarioFinal>&x;&b;</c:codigoUsuarioFinal>", "demo-banco", "Demo-Banco-2026");
        var answer = await app.PostSoapAsync(xxe, operation: "ConsultarDocumento");
        Assert.Equal("SOLICITUD_INVALIDA", answer.Code);
        Assert.DoesNotContain("CONTENIDO-SECRETO", answer.Envelope.ToString());
        Assert.DoesNotContain("aaaaaaaaaa", answer.Envelope.ToString());
    }

    [Fact]
    public async Task Wsdl_is_served_from_memory_with_the_callers_address_and_describes_the_three_operations()
    {
        using var client = app.Client();
        var text = await client.GetStringAsync(SoapPath + "?wsdl");
        Assert.Equal(text, await client.GetStringAsync(SoapPath + "?WSDL"));
        var wsdl = XDocument.Parse(text);
        XNamespace w = "http://schemas.xmlsoap.org/wsdl/", soap = "http://schemas.xmlsoap.org/wsdl/soap/";
        var operations = wsdl.Descendants(w + "portType").Elements(w + "operation").Select(o => o.Attribute("name")!.Value).ToList();
        Assert.Equal(["ConsultarDocumento", "Contrastar", "ConsultarPorNombre"], operations);
        Assert.Equal(app.BaseUrl + SoapPath, wsdl.Descendants(soap + "address").Single().Attribute("location")!.Value);
        Assert.Contains("UsernameToken", wsdl.Descendants(w + "documentation").First().Value);
        Assert.NotEmpty(wsdl.Descendants(XName.Get("WssUsernameToken10", "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702")));
    }

    [Fact]
    public async Task Wsdl_schema_passes_libxml2()
    {
        using var client = app.Client();
        var wsdl = XDocument.Parse(await client.GetStringAsync(SoapPath + "?wsdl"));
        var folder = Directory.CreateTempSubdirectory("segip-wsdl").FullName;
        var schema = Path.Combine(folder, "servicio.xsd");
        SchemaOf(wsdl).Save(schema);
        // A real fault detail of the service as the instance: libxml2 must compile the schema and accept it.
        var refused = await app.SoapAsync("ConsultarDocumento", string.Format(DocumentBody, "BD-002"));
        var instance = Path.Combine(folder, "error.xml");
        new XDocument(refused.Fault!.Element("detail")!.Elements().Single()).Save(instance);

        var xmllint = await ExternalProgram.RunAsync("xmllint", ["--noout", "--schema", schema, instance]);
        Assert.True(xmllint.ExitCode == 0, xmllint.ToString());
        Assert.Contains("validates", xmllint.Errors);
    }

    [Fact]
    public async Task Soap_rest_and_the_error_catalogue_name_the_same_codes()
    {
        using var client = app.Client();
        var wsdl = XDocument.Parse(await client.GetStringAsync(SoapPath + "?wsdl"));
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var soapCodes = wsdl.Descendants(xs + "simpleType").Single(t => (string?)t.Attribute("name") == "codigoError")
            .Descendants(xs + "enumeration").Select(e => e.Attribute("value")!.Value).ToHashSet();
        var restCodes = (await OpenApiConformance.JsonAsync(app))["components"]!["schemas"]!["CodigoError"]!["enum"]!.AsArray()
            .Select(c => (string)c!).ToHashSet();
        // 404 and 409 belong to the end-user and certificate operations, which SOAP does not have.
        Assert.Equal(restCodes.Except(["RECURSO_NO_ENCONTRADO", "CONFLICTO"]).Order(), soapCodes.Order());

        var catalogue = await File.ReadAllTextAsync(RepositoryRoot.Combine("docs", "integracion", "errores.md"));
        Assert.All(restCodes, code => Assert.Contains($"| `{code}` |", catalogue));
    }
}
