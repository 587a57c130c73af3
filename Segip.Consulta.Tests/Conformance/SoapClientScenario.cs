// Compiled at test time together with the XmlSerializer proxy generated from the running app's WSDL
// (GeneratedClientTests, WsdlProxyGenerator); not part of the test project's own build. Throws on the first
// value that does not read as the server meant it.
using Proxy;

public static class Escenario
{
    private const string Finalidad = "Prueba de conformidad del proxy SOAP";
    private static readonly DateTime Birth = new(1985, 3, 14);

    public static async Task RunAsync(string baseUrl, IReadOnlyDictionary<string, string> c)
    {
        var http = new HttpClient();
        ConsultaServiceClient As(string user, string password) => new(http, user, password);
        ConsultarDocumento Document(string endUser, string number = "1234567", string? consent = null) => new()
            { CodigoUsuarioFinal = endUser, TipoDocumento = "CI", NumeroDocumento = number, Finalidad = Finalidad, ReferenciaConsentimiento = consent };
        var bank = As(c["bankId"], c["bankSecret"]);
        var tse = As("demo-tse", "Demo-Tse-2026");

        var found = (await bank.ConsultarDocumentoAsync(Document("U-1"))).ConsultarDocumentoResult;
        Check(found.Resultado == "ENCONTRADO" && found.Persona!.Nombres == "JUAN CARLOS" && found.Persona.FechaNacimiento == Birth, "persona tipada");
        Check(found.Persona.ApellidoCasada is null && found.Persona.Sexo is null && found.Documento!.Estado == "VIGENTE", "nil, fuera del nivel y estado");
        Check(found.CamposDevueltos.Campo.Contains("nombres") && Guid.TryParse(found.ConsultaId, out _), "camposDevueltos y consultaId");

        var missing = (await bank.ConsultarDocumentoAsync(Document("U-1", "9999999991"))).ConsultarDocumentoResult;
        Check(missing.Resultado == "NO_ENCONTRADO" && missing.Persona is null && missing.Documento is null, "NO_ENCONTRADO");

        var verification = (await bank.ContrastarAsync(new Contrastar
        {
            CodigoUsuarioFinal = "U-1", TipoDocumento = "CI", NumeroDocumento = "1234567", Nombres = "Juan Carlos", PrimerApellido = "Gomez",
            FechaNacimiento = Birth, Finalidad = Finalidad,
        })).ContrastarResult;
        var matches = verification.Coincidencias!.Coincidencia.ToDictionary(m => m.Campo, m => m.Value);
        Check(matches["nombres"] && !matches["primerApellido"] && matches["fechaNacimiento"] && matches.Count == 3, "coincidencias tipadas (true se lee true)");
        Check(verification.EstadoDocumento == "VIGENTE", "estadoDocumento");
        var notFound = (await bank.ContrastarAsync(new Contrastar { CodigoUsuarioFinal = "U-1", TipoDocumento = "CI", NumeroDocumento = "9999999991", Nombres = "Juan", Finalidad = Finalidad })).ContrastarResult;
        Check(notFound.Resultado == "NO_ENCONTRADO" && notFound.Coincidencias is null, "contrastación NO_ENCONTRADO");

        var byName = (await tse.ConsultarPorNombreAsync(new ConsultarPorNombre
        {
            CodigoUsuarioFinal = "TSE-001", Nombres = "Juan Carlos", PrimerApellido = "Perez", FechaNacimiento = Birth, Finalidad = Finalidad, ReferenciaConsentimiento = "CONS-1",
        })).ConsultarPorNombreResult;
        var person = byName.Personas.Persona.Single();
        Check(person.SegundoApellido == "MAMANI" && person.Fallecido == false && person.Documento!.Numero == "1234567" && person.Documento.FechaEmision is not null, "persona por nombre");

        var invalid = await Refused(() => bank.ConsultarDocumentoAsync(new ConsultarDocumento { CodigoUsuarioFinal = "U-1", TipoDocumento = "CI", NumeroDocumento = "12AB", Finalidad = "x" }), "SOLICITUD_INVALIDA");
        Check(invalid.Errores!.ErrorCampo.Any(e => e.Campo == "numeroDocumento") && invalid.Errores.ErrorCampo.Any(e => e.Campo == "finalidad"), "errores por campo");
        await Refused(() => As(c["bankId"], "incorrecta").ConsultarDocumentoAsync(Document("U-1")), "CREDENCIAL_INVALIDA");
        await Refused(() => As("demo-banco", "Demo-Banco-2026").ConsultarDocumentoAsync(Document("BD-002")), "USUARIO_FINAL_NO_HABILITADO", audited: true);
        await Refused(() => As("demo-vencido", "Demo-Vencido-2026").ConsultarDocumentoAsync(Document("VEN-001")), "CONVENIO_NO_VIGENTE", audited: true);
        await Refused(() => As(c["webOnlyId"], c["webOnlySecret"]).ConsultarDocumentoAsync(Document("U-1")), "CANAL_NO_PERMITIDO", audited: true);
        await Refused(() => As(c["ipId"], c["ipSecret"]).ConsultarDocumentoAsync(Document("U-1")), "IP_NO_PERMITIDA", audited: true);
        await Refused(() => tse.ConsultarDocumentoAsync(Document("TSE-001")), "CONSENTIMIENTO_REQUERIDO", audited: true);
        await Refused(() => bank.ConsultarPorNombreAsync(new ConsultarPorNombre { CodigoUsuarioFinal = "U-1", Nombres = "Juan", PrimerApellido = "Perez", FechaNacimiento = Birth, Finalidad = Finalidad }),
            "OPERACION_NO_PERMITIDA", audited: true);
        var quota = As(c["quotaId"], c["quotaSecret"]);
        await quota.ConsultarDocumentoAsync(Document("U-1"));
        await Refused(() => quota.ConsultarDocumentoAsync(Document("U-1")), "CUOTA_AGOTADA", audited: true, retry: true);
        var limited = As(c["limitedId"], c["limitedSecret"]);
        for (var i = 0; i < int.Parse(c["permitLimit"]); i++) await limited.ConsultarDocumentoAsync(Document("U-1"));
        await Refused(() => limited.ConsultarDocumentoAsync(Document("U-1")), "LIMITE_DE_FRECUENCIA", audited: true, retry: true);
    }

    private static async Task<DetalleError> Refused(Func<Task> call, string code, bool audited = false, bool retry = false)
    {
        try
        {
            await call();
        }
        catch (SoapFaultException ex)
        {
            Check(ex.Code.EndsWith("Client." + code) && ex.Detail!.Codigo == code, $"{code}: llegó {ex.Code}");
            Check(ex.Detail.Mensaje.Length > 0 && ex.Detail.CorrelationId is { Length: > 0 }, $"{code}: mensaje y correlationId");
            Check(!audited || Guid.TryParse(ex.Detail.ConsultaId, out _), $"{code}: consultaId");
            Check(!retry || ex.Detail.ReintentarEnSegundos > 0, $"{code}: reintentarEnSegundos");
            return ex.Detail;
        }
        throw new InvalidOperationException($"Se esperaba el fault {code}.");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("El proxy generado no leyó lo que el servidor envió: " + what);
    }
}
