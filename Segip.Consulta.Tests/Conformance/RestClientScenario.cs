// Compiled at test time together with the NSwag client generated from the running app's /openapi/v1.json
// (GeneratedClientTests); not part of the test project's own build. It uses the generated types the way an
// integrator would, and throws on the first value that does not read as the server meant it.
using System.Net.Http.Headers;
using System.Text;
using Generado;

public static class Escenario
{
    private const string Finalidad = "Prueba de conformidad del cliente generado";

    public static async Task RunAsync(string baseUrl, IReadOnlyDictionary<string, string> c)
    {
        ClienteSegip Client(string user, string secret)
        {
            var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret)));
            return new ClienteSegip(baseUrl, http);
        }
        var bank = Client(c["bankId"], c["bankSecret"]);
        var tse = Client("demo-tse", "Demo-Tse-2026");
        var birth = new DateTimeOffset(1985, 3, 14, 0, 0, 0, TimeSpan.Zero);

        // Consulta por documento: ENCONTRADO and NO_ENCONTRADO.
        var found = await bank.ConsultarDocumentoAsync("U-1", "conformidad-1",
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad });
        Check(found.Resultado == Resultado.ENCONTRADO, "resultado ENCONTRADO");
        Check(found.Persona!.Nombres == "JUAN CARLOS" && found.Persona.PrimerApellido == "PEREZ", "nombres");
        Check(found.Persona.FechaNacimiento?.Date == birth.Date, "fechaNacimiento tipada");
        Check(found.Persona.ApellidoCasada is null && found.Persona.Sexo is null, "campo sin valor y campo fuera del nivel");
        Check(found.Documento!.Tipo == TipoDocumento.CI && found.Documento.Numero == "1234567" && found.Documento.Complemento is null, "documento");
        Check(found.Documento.Estado == EstadoDocumento.VIGENTE, "estado VIGENTE");
        Check(found.CamposDevueltos.Contains("nombres") && !found.CamposDevueltos.Contains("sexo"), "camposDevueltos");
        Check(found.ConsultaId != Guid.Empty && found.FechaHora.Offset == TimeSpan.FromHours(-4), "consultaId y fechaHora");

        var missing = await bank.ConsultarDocumentoAsync("U-1", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "9999999991", Finalidad = Finalidad });
        Check(missing.Resultado == Resultado.NO_ENCONTRADO && missing.Persona is null && missing.Documento is null && missing.CamposDevueltos.Count == 0, "NO_ENCONTRADO");

        // Contrastación: a flag the server sends as true reads true, false reads false, unsent stays null.
        var verification = await bank.ContrastarAsync("U-1", null, new SolicitudContrastacion
        {
            TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Nombres = "Juan Carlos", PrimerApellido = "Gomez", FechaNacimiento = birth, Finalidad = Finalidad,
        });
        Check(verification.Resultado == Resultado.ENCONTRADO && verification.EstadoDocumento == EstadoDocumento.VIGENTE, "contrastación encontrada");
        Check(verification.Coincidencias!.Nombres == true, "coincidencia nombres = true");
        Check(verification.Coincidencias.PrimerApellido == false, "coincidencia primerApellido = false");
        Check(verification.Coincidencias.FechaNacimiento == true, "coincidencia fechaNacimiento = true");
        Check(verification.Coincidencias.SegundoApellido is null, "dato no enviado ausente");
        var verificationMissing = await bank.ContrastarAsync("U-1", null, new SolicitudContrastacion
            { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "9999999991", Nombres = "Juan", Finalidad = Finalidad });
        Check(verificationMissing.Resultado == Resultado.NO_ENCONTRADO && verificationMissing.Coincidencias is null && verificationMissing.EstadoDocumento is null, "contrastación NO_ENCONTRADO");

        // Búsqueda por nombre (nivel COMPLETO con consentimiento).
        var byName = await tse.ConsultarPorNombreAsync("TSE-001", null, new SolicitudBusquedaNombre
            { Nombres = "Juan Carlos", PrimerApellido = "Perez", FechaNacimiento = birth, Finalidad = Finalidad, ReferenciaConsentimiento = "CONS-1" });
        var person = byName.Personas.Single();
        Check(byName.Resultado == Resultado.ENCONTRADO && person.SegundoApellido == "MAMANI" && person.Fallecido == false, "persona por nombre");
        Check(person.Documento!.Numero == "1234567" && person.Documento.FechaEmision is not null, "documento de la persona");
        var nobody = await tse.ConsultarPorNombreAsync("TSE-001", null, new SolicitudBusquedaNombre
            { Nombres = "Nadie", PrimerApellido = "Inexistente", FechaNacimiento = birth, Finalidad = Finalidad, ReferenciaConsentimiento = "CONS-1" });
        Check(nobody.Resultado == Resultado.NO_ENCONTRADO && nobody.Personas.Count == 0, "nombre NO_ENCONTRADO");

        // Certificado PDF.
        using (var pdf = await bank.DescargarCertificadoAsync(found.ConsultaId, null))
        {
            var head = new byte[5];
            await pdf.Stream.ReadExactlyAsync(head);
            Check(pdf.StatusCode == 200 && Encoding.ASCII.GetString(head) == "%PDF-", "certificado PDF");
        }
        await Refused(() => bank.DescargarCertificadoAsync(Guid.NewGuid(), null), 404, CodigoError.RECURSO_NO_ENCONTRADO);

        // Usuarios finales.
        var users = await bank.ListarUsuariosFinalesAsync(null);
        Check(users.Any(u => u.Codigo == "U-1" && u.Habilitado), "lista de usuarios finales");
        var created = await bank.RegistrarUsuarioFinalAsync(null, new DatosUsuarioFinal { Codigo = "conf-2", NumeroDocumento = "7777777", NombreCompleto = "USUARIO DE CONFORMIDAD" });
        Check(created.Codigo == "CONF-2" && created.Habilitado && created.Cargo is null, "registro");
        await Refused(() => bank.RegistrarUsuarioFinalAsync(null, new DatosUsuarioFinal { Codigo = "CONF-2", NumeroDocumento = "7777777", NombreCompleto = "OTRO" }), 409, CodigoError.CONFLICTO);
        var edited = await bank.EditarUsuarioFinalAsync("CONF-2", null, new DatosUsuarioFinal { NumeroDocumento = "7777777", NombreCompleto = "USUARIO DE CONFORMIDAD", Cargo = "Cajero" });
        Check(edited.Cargo == "Cajero", "edición");
        await Refused(() => bank.EditarUsuarioFinalAsync("NO-EXISTE", null, new DatosUsuarioFinal { NumeroDocumento = "1", NombreCompleto = "NADIE" }), 404, CodigoError.RECURSO_NO_ENCONTRADO);
        Check(!(await bank.InhabilitarUsuarioFinalAsync("CONF-2", null, null)).Habilitado, "inhabilitar sin cuerpo");
        await Refused(() => bank.ConsultarDocumentoAsync("CONF-2", null, new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad }),
            403, CodigoError.USUARIO_FINAL_NO_HABILITADO, audited: true);
        Check((await bank.HabilitarUsuarioFinalAsync("CONF-2", null)).Habilitado, "habilitar");
        Check(!(await bank.InhabilitarUsuarioFinalAsync("CONF-2", null, new MotivoInhabilitacion { Motivo = "Fin de la prueba" })).Habilitado, "inhabilitar con motivo");

        var quota = await bank.ConsultarCuotaAsync(null);
        Check(quota.LimiteMensual is null && quota.Restantes is null && quota.Usadas >= 4 && quota.Periodo.Length == 7, "cuota");

        // Every refusal code, read as a typed problem.
        var invalid = await Refused(() => bank.ConsultarDocumentoAsync("U-1", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "12AB", Finalidad = "x" }), 400, CodigoError.SOLICITUD_INVALIDA);
        Check(invalid.Errors["numeroDocumento"].Count > 0 && invalid.Errors.ContainsKey("finalidad"), "errores por campo");
        await Refused(() => Client(c["bankId"], "incorrecta").ConsultarCuotaAsync(null), 401, CodigoError.CREDENCIAL_INVALIDA);
        await Refused(() => Client("demo-vencido", "Demo-Vencido-2026").ConsultarDocumentoAsync("VEN-001", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad }), 403, CodigoError.CONVENIO_NO_VIGENTE, audited: true);
        await Refused(() => Client(c["webOnlyId"], c["webOnlySecret"]).ConsultarDocumentoAsync("U-1", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad }), 403, CodigoError.CANAL_NO_PERMITIDO, audited: true);
        await Refused(() => Client(c["ipId"], c["ipSecret"]).ConsultarDocumentoAsync("U-1", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad }), 403, CodigoError.IP_NO_PERMITIDA, audited: true);
        await Refused(() => tse.ConsultarDocumentoAsync("TSE-001", null,
            new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad }), 403, CodigoError.CONSENTIMIENTO_REQUERIDO, audited: true);
        await Refused(() => bank.ConsultarPorNombreAsync("U-1", null,
            new SolicitudBusquedaNombre { Nombres = "Juan", PrimerApellido = "Perez", FechaNacimiento = birth, Finalidad = Finalidad }), 403, CodigoError.OPERACION_NO_PERMITIDA, audited: true);

        var quotaClient = Client(c["quotaId"], c["quotaSecret"]);
        var query = new SolicitudConsultaDocumento { TipoDocumento = TipoDocumento.CI, NumeroDocumento = "1234567", Finalidad = Finalidad };
        await quotaClient.ConsultarDocumentoAsync("U-1", null, query);
        await Refused(() => quotaClient.ConsultarDocumentoAsync("U-1", null, query), 429, CodigoError.CUOTA_AGOTADA, audited: true, retryAfter: true);

        var limited = Client(c["limitedId"], c["limitedSecret"]);
        for (var i = 0; i < int.Parse(c["permitLimit"]); i++) await limited.ConsultarCuotaAsync(null);
        await Refused(() => limited.ConsultarCuotaAsync(null), 429, CodigoError.LIMITE_DE_FRECUENCIA, retryAfter: true);
    }

    private static async Task<Problema> Refused(Func<Task> call, int status, CodigoError code, bool audited = false, bool retryAfter = false)
    {
        try
        {
            await call();
        }
        catch (ApiException<Problema> ex)
        {
            Check(ex.StatusCode == status && ex.Result.Code == code, $"{code}: llegó {ex.StatusCode} {ex.Result.Code}");
            Check(ex.Result.Detail.Length > 0 && ex.Result.CorrelationId.Length > 0, $"{code}: detail y correlationId");
            Check(!audited || ex.Result.ConsultaId != Guid.Empty, $"{code}: consultaId de la bitácora");
            Check(!retryAfter || ex.Headers.ContainsKey("Retry-After"), $"{code}: Retry-After");
            return ex.Result;
        }
        throw new InvalidOperationException($"Se esperaba el rechazo {code}.");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("El cliente generado no leyó lo que el servidor envió: " + what);
    }
}
