using System.Text.Json.Nodes;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The REST web service over real HTTP against the app with the Development fixtures (read-mostly).</summary>
[Trait("Category", "Integration")]
public class RestApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] AboveBasico =
    [
        "sexo", "nacionalidad", "lugarNacimiento", "estadoCivil", "profesion", "domicilio", "fechaEmision", "fechaVencimiento",
        "fallecido", "nombrePadre", "nombreMadre", "fotografia", "firma",
    ];

    [Fact]
    public async Task Basico_credential_gets_the_level_2_fields_only_and_the_answer_is_audited()
    {
        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", correlationId: "banco-123",
            body: new { tipoDocumento = "ci", numeroDocumento = " 1234567 ", finalidad = WebServiceClient.Purpose });

        Assert.Equal(200, answer.Status);
        Assert.Equal("banco-123", answer.Header("X-Correlation-Id"));
        var json = answer.Json;
        Assert.Equal("ENCONTRADO", (string?)json["resultado"]);
        Assert.Equal("JUAN CARLOS", (string?)json["persona"]!["nombres"]);
        Assert.Equal("1985-03-14", (string?)json["persona"]!["fechaNacimiento"]);
        Assert.True(json["persona"]!.AsObject().ContainsKey("apellidoCasada"), "a level field without value is present with null");
        Assert.Equal("VIGENTE", (string?)json["documento"]!["estado"]);
        Assert.Equal("CI", (string?)json["documento"]!["tipo"]);
        Assert.Equal(["nombres", "primerApellido", "segundoApellido", "apellidoCasada", "estadoDocumento", "fechaNacimiento"],
            json["camposDevueltos"]!.AsArray().Select(n => (string)n!));
        foreach (var field in AboveBasico) Assert.DoesNotContain($"\"{field}\"", answer.Text);
        Assert.True(DateTimeOffset.TryParse((string?)json["fechaHora"], out _));

        var record = await app.AuditRecordAsync((string)json["consultaId"]!);
        Assert.Equal(Channel.WebService, record.Channel);
        Assert.Equal(QueryResult.Found, record.Result);
        Assert.Equal("BD-001", record.EndUserCode);
        Assert.Equal("banco-123", record.CorrelationId);
        Assert.Equal("nombres,primerApellido,segundoApellido,apellidoCasada,estadoDocumento,fechaNacimiento", record.DisclosedFields);
    }

    [Fact]
    public async Task Completo_credential_gets_levels_3_and_4_and_a_not_found_person_is_a_normal_audited_answer()
    {
        var full = await app.QueryDocumentAsync(clientId: "demo-tse", secret: "Demo-Tse-2026", endUser: "TSE-001", consent: "CONS-1");
        Assert.Equal(200, full.Status);
        foreach (var field in new[] { "sexo", "domicilio", "nombrePadre", "fotografia", "firma", "fallecido" })
            Assert.True(full.Json["persona"]!.AsObject().ContainsKey(field), field);
        Assert.True(full.Json["documento"]!.AsObject().ContainsKey("fechaEmision"));

        var missing = await app.QueryDocumentAsync(number: "9999999991");
        Assert.Equal(200, missing.Status);
        Assert.Equal("NO_ENCONTRADO", (string?)missing.Json["resultado"]);
        Assert.Null(missing.Json["persona"]);
        Assert.Empty(missing.Json["camposDevueltos"]!.AsArray());
        Assert.Equal(QueryResult.NotFound, (await app.AuditRecordAsync((string)missing.Json["consultaId"]!)).Result);
    }

    [Theory]
    [InlineData("BD-002")]
    [InlineData("BD-999")]
    public async Task Disabled_or_unknown_end_user_is_refused_and_audited(string endUser)
    {
        var answer = await app.QueryDocumentAsync(endUser: endUser);
        Assert.Equal(403, answer.Status);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("USUARIO_FINAL_NO_HABILITADO", answer.Code);
        Assert.NotNull(answer.Json["correlationId"]);
        var record = await app.AuditRecordAsync((string)answer.Json["consultaId"]!);
        Assert.Equal(QueryResult.Refused, record.Result);
        Assert.Equal(RefusalReason.EndUserNotEnabled, record.RefusalReason);
    }

    [Fact]
    public async Task Expired_agreement_consent_and_name_search_refusals_carry_their_codes()
    {
        var expired = await app.QueryDocumentAsync(clientId: "demo-vencido", secret: "Demo-Vencido-2026", endUser: "VEN-001");
        Assert.Equal((403, "CONVENIO_NO_VIGENTE"), (expired.Status, expired.Code));

        var noConsent = await app.QueryDocumentAsync(clientId: "demo-tse", secret: "Demo-Tse-2026", endUser: "TSE-001");
        Assert.Equal((403, "CONSENTIMIENTO_REQUERIDO"), (noConsent.Status, noConsent.Code));

        var nameByBank = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/nombre",
            body: new { nombres = "Juan Carlos", primerApellido = "Perez", fechaNacimiento = "1985-03-14", finalidad = WebServiceClient.Purpose });
        Assert.Equal((403, "OPERACION_NO_PERMITIDA"), (nameByBank.Status, nameByBank.Code));
        Assert.Equal(RefusalReason.OperationNotAllowed, (await app.AuditRecordAsync((string)nameByBank.Json["consultaId"]!)).RefusalReason);
    }

    [Fact]
    public async Task Name_search_and_verification_answer_as_the_contract_says()
    {
        var byName = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/nombre", "demo-tse", "Demo-Tse-2026", "TSE-001",
            new { nombres = "juan carlos", primerApellido = "PÉREZ", fechaNacimiento = "1985-03-14", finalidad = "Depuración del padrón", referenciaConsentimiento = "C-9" });
        Assert.Equal(200, byName.Status);
        var person = byName.Json["personas"]!.AsArray().Single()!;
        Assert.Equal("MAMANI", (string?)person["segundoApellido"]);
        Assert.Equal("1234567", (string?)person["documento"]!["numero"]);

        var verification = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/contrastacion",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", nombres = "Juan Carlos", fechaNacimiento = "1985-03-15", finalidad = WebServiceClient.Purpose });
        Assert.Equal(200, verification.Status);
        Assert.Equal("ENCONTRADO", (string?)verification.Json["resultado"]);
        Assert.Equal("VIGENTE", (string?)verification.Json["estadoDocumento"]);
        var matches = verification.Json["coincidencias"]!.AsObject();
        Assert.Equal(["nombres", "fechaNacimiento"], matches.Select(m => m.Key).Order(StringComparer.Ordinal).Reverse());
        Assert.True((bool)matches["nombres"]!);
        Assert.False((bool)matches["fechaNacimiento"]!);
        Assert.DoesNotContain("\"persona\"", verification.Text);
        Assert.Equal(QueryResult.NotMatched, (await app.AuditRecordAsync((string)verification.Json["consultaId"]!)).Result);
    }

    [Fact]
    public async Task Bad_json_missing_fields_and_invalid_numbers_are_400_with_the_contract_field_names()
    {
        var badJson = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", rawBody: "{\"tipoDocumento\": \"CI\",");
        Assert.Equal((400, "SOLICITUD_INVALIDA"), (badJson.Status, badJson.Code));
        Assert.NotNull(badJson.Json["errors"]!["cuerpo"]);

        var missing = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", body: new { tipoDocumento = "CI", numeroDocumento = "1234567" });
        Assert.Equal((400, "SOLICITUD_INVALIDA"), (missing.Status, missing.Code));
        Assert.Equal("Indique la finalidad de la consulta.", (string?)missing.Json["errors"]!["finalidad"]![0]);

        var invalid = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento",
            body: new { tipoDocumento = "CI", numeroDocumento = "12AB", complemento = "A1", finalidad = WebServiceClient.Purpose });
        Assert.Equal(400, invalid.Status);
        Assert.NotNull(invalid.Json["errors"]!["numeroDocumento"]);
        Assert.NotNull(invalid.Json["errors"]!["complemento"]);

        var wrongType = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", rawBody: "{\"tipoDocumento\":\"CI\",\"numeroDocumento\":1234567}");
        Assert.Equal(400, wrongType.Status);
        Assert.NotNull(wrongType.Json["errors"]!["numeroDocumento"]);

        var badDate = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/contrastacion", rawBody: "{\"fechaNacimiento\":\"14/03/1985\"}");
        Assert.Equal("La fecha debe tener el formato aaaa-mm-dd.", (string?)badDate.Json["errors"]!["fechaNacimiento"]![0]);

        var noEndUser = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", endUser: null,
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = WebServiceClient.Purpose });
        Assert.Equal(400, noEndUser.Status);
        Assert.NotNull(noEndUser.Json["errors"]!["X-Usuario-Final"]);
    }

    [Fact]
    public async Task A_purpose_with_a_bidirectional_override_is_refused_with_a_field_error()
    {
        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = "Apertura de cuenta \u202Eodatsiger on" });

        Assert.Equal(400, answer.Status);
        Assert.Equal(Core.Common.FreeText.Message, (string?)answer.Json["errors"]!["finalidad"]![0]);
        Assert.Null(answer.Json["persona"]);
    }

    [Fact]
    public async Task Malformed_json_and_a_missing_end_user_are_refused_and_still_audited()
    {
        var malformed = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", rawBody: "{\"tipoDocumento\": ");
        var noEndUser = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/nombre", endUser: null,
            body: new { nombres = "Juan", primerApellido = "Perez", fechaNacimiento = "1985-03-14", finalidad = WebServiceClient.Purpose });

        foreach (var (answer, type, endUser) in new[] { (malformed, QueryType.Document, "BD-001"), (noEndUser, QueryType.Name, (string?)null) })
        {
            Assert.Equal(400, answer.Status);
            Assert.Equal("SOLICITUD_INVALIDA", answer.Code);
            var record = await app.AuditRecordAsync((string)answer.Json["consultaId"]!);
            Assert.Equal((QueryResult.Refused, RefusalReason.InvalidRequest, type, Channel.WebService, endUser),
                (record.Result, record.RefusalReason, record.QueryType, record.Channel, record.EndUserCode));
        }
    }

    [Theory]
    [InlineData("demo-banco", "Demo-Banco-2025")]
    [InlineData("no-existe", "Demo-Banco-2026")]
    [InlineData(null, null)]
    public async Task Missing_unknown_or_wrong_credentials_get_the_same_401(string? clientId, string? secret)
    {
        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", clientId, secret,
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = WebServiceClient.Purpose });
        Assert.Equal((401, "CREDENCIAL_INVALIDA"), (answer.Status, answer.Code));
        Assert.Equal("Credencial inválida.", (string?)answer.Json["detail"]);
        Assert.StartsWith("Basic", answer.Response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("persona", answer.Text);
    }

    [Fact]
    public async Task End_users_are_managed_within_the_credentials_institution()
    {
        var created = await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales",
            body: new { codigo = "bd-050", numeroDocumento = "3344556", nombreCompleto = "CARLA MÉNDEZ ROJAS", cargo = "Oficial" });
        Assert.Equal(201, created.Status);
        Assert.Equal("/api/v1/usuarios-finales/BD-050", created.Response.Headers.Location!.OriginalString);
        Assert.Equal("BD-050", (string?)created.Json["codigo"]);
        Assert.True((bool)created.Json["habilitado"]!);

        var duplicate = await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales",
            body: new { codigo = "BD-050", numeroDocumento = "3344556", nombreCompleto = "OTRA PERSONA" });
        Assert.Equal((409, "CONFLICTO"), (duplicate.Status, duplicate.Code));
        var invalid = await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales", body: new { codigo = "BD-051", numeroDocumento = "12X" });
        Assert.Equal(400, invalid.Status);
        Assert.NotNull(invalid.Json["errors"]!["numeroDocumento"]);
        Assert.NotNull(invalid.Json["errors"]!["nombreCompleto"]);

        var edited = await app.CallAsync(HttpMethod.Put, "/api/v1/usuarios-finales/BD-050",
            body: new { numeroDocumento = "3344556", nombreCompleto = "CARLA MÉNDEZ ROJAS DE PAZ", cargo = "Jefa" });
        Assert.Equal("Jefa", (string?)edited.Json["cargo"]);
        Assert.Equal(404, (await app.CallAsync(HttpMethod.Put, "/api/v1/usuarios-finales/NO-HAY", body: new { numeroDocumento = "1", nombreCompleto = "ABC" })).Status);

        var disabled = await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales/BD-050/inhabilitar", body: new { motivo = "Vacaciones" });
        Assert.False((bool)disabled.Json["habilitado"]!);
        Assert.Equal("USUARIO_FINAL_NO_HABILITADO", (await app.QueryDocumentAsync(endUser: "BD-050")).Code);
        var enabled = await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales/BD-050/habilitar");
        Assert.True((bool)enabled.Json["habilitado"]!);
        Assert.Equal(200, (await app.QueryDocumentAsync(endUser: "BD-050")).Status);

        var bankList = (await app.CallAsync(HttpMethod.Get, "/api/v1/usuarios-finales")).Json.AsArray();
        Assert.Contains(bankList, u => (string?)u!["codigo"] == "BD-050");
        var tseList = await app.CallAsync(HttpMethod.Get, "/api/v1/usuarios-finales", "demo-tse", "Demo-Tse-2026");
        Assert.DoesNotContain(tseList.Json.AsArray(), u => ((string?)u!["codigo"])!.StartsWith("BD-"));
        Assert.Equal(404, (await app.CallAsync(HttpMethod.Post, "/api/v1/usuarios-finales/BD-001/inhabilitar", "demo-tse", "Demo-Tse-2026")).Status);
    }

    [Fact]
    public async Task Quota_reports_the_month_and_the_answered_queries()
    {
        await app.QueryDocumentAsync();
        var quota = await app.CallAsync(HttpMethod.Get, "/api/v1/cuota");
        Assert.Equal(200, quota.Status);
        Assert.Matches("^[0-9]{4}-[0-9]{2}$", (string)quota.Json["periodo"]!);
        Assert.True((int)quota.Json["usadas"]! >= 1);
        Assert.Null(quota.Json["limiteMensual"]);
    }

    [Fact]
    public async Task Correlation_id_is_generated_when_absent_and_unknown_paths_answer_in_problem_json()
    {
        var answer = await app.QueryDocumentAsync();
        Assert.Matches("^[0-9a-f]{32}$", answer.Header("X-Correlation-Id")!);
        Assert.Equal(answer.Header("X-Correlation-Id"), (await app.AuditRecordAsync((string)answer.Json["consultaId"]!)).CorrelationId);

        var unknown = await app.CallAsync(HttpMethod.Get, "/api/v1/no-existe");
        Assert.Equal((404, "RECURSO_NO_ENCONTRADO"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task OpenApi_document_is_valid_json_in_spanish_and_lists_every_operation()
    {
        using var client = app.Client();
        var text = await client.GetStringAsync("/openapi/v1.json");
        var doc = JsonNode.Parse(text)!;
        Assert.StartsWith("3.", (string)doc["openapi"]!);
        var paths = doc["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).ToHashSet();
        string[] expected =
        [
            "POST /api/v1/consultas/documento", "POST /api/v1/consultas/contrastacion", "POST /api/v1/consultas/nombre",
            "GET /api/v1/usuarios-finales", "POST /api/v1/usuarios-finales", "PUT /api/v1/usuarios-finales/{codigo}",
            "POST /api/v1/usuarios-finales/{codigo}/habilitar", "POST /api/v1/usuarios-finales/{codigo}/inhabilitar", "GET /api/v1/cuota",
        ];
        Assert.All(expected, e => Assert.Contains(e, operations));
        Assert.Equal("basic", (string?)doc["components"]!["securitySchemes"]!["basic"]!["scheme"]);
        var documentOperation = paths["/api/v1/consultas/documento"]!["post"]!;
        Assert.Contains(documentOperation["parameters"]!.AsArray(), p => (string?)p!["name"] == "X-Usuario-Final" && (bool)p["required"]!);
        Assert.NotNull(documentOperation["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.Contains("Consulta por documento", (string)documentOperation["summary"]!);
        Assert.Contains("fotografia", text);
    }

    [Fact]
    public async Task Reference_page_is_served_by_the_app_without_any_external_script()
    {
        using var client = app.Client(followRedirects: true);
        var html = await client.GetStringAsync("/api/referencia/");
        Assert.Contains("scalar", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("//cdn", html);
        var script = await client.GetAsync("/api/referencia/scalar.js");
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Reference_page_is_in_spanish_and_a_wrong_password_from_it_shows_the_problem_not_a_browser_prompt()
    {
        using var client = app.Client();
        var page = await client.GetStringAsync("/api/referencia/");
        Assert.Contains("<html lang=\"es\">", page);
        Assert.Contains("\"locale\":\"es\"", page);

        // A script of a page (Sec-Fetch-Mode: cors) gets the 401 problem without a Basic challenge.
        using var fromPage = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cuota");
        fromPage.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("demo-banco:incorrecta"u8.ToArray()));
        fromPage.Headers.Add("Sec-Fetch-Mode", "cors");
        var refused = await client.SendAsync(fromPage);
        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Empty(refused.Headers.WwwAuthenticate);
        Assert.Equal("CREDENCIAL_INVALIDA", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]);

        // A system's call (no Sec-Fetch-*) keeps the standard challenge.
        var fromSystem = await app.CallAsync(HttpMethod.Get, "/api/v1/cuota", secret: "incorrecta");
        Assert.Equal(("Basic", 401), (fromSystem.Response.Headers.WwwAuthenticate.Single().Scheme, fromSystem.Status));
    }
}
