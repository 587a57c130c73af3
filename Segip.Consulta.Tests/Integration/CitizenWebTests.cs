using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Disputes;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The citizen side over HTTP: the session is linked to the registry person by the provider's document
/// claims, and the CSV of "consultas a mis datos" holds only that person's queries and never a reserved
/// agreement's, whatever the request asks.
/// </summary>
[Trait("Category", "Integration")]
public class CitizenWebTests(CitizenWebTests.App app) : IClassFixture<CitizenWebTests.App>
{
    public sealed class App : AppFactory;

    private async Task<string> QueryAsync(string clientId, string secret, string purpose, string? complement = null, string endUser = "U-1")
    {
        var answer = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", clientId, secret, endUser,
            new { tipoDocumento = "CI", numeroDocumento = "1234567", complemento = complement, finalidad = purpose });
        Assert.Equal(200, answer.Status);
        return purpose;
    }

    private static async Task<string> CsvAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/mis-datos/consultas.csv" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_session_is_linked_by_type_number_and_complement_and_an_unknown_document_is_refused()
    {
        Assert.Null((await CitizenSession.SignInAsync(app, "1234567", "1A")).Refusal);
        Assert.Equal(CitizenRefusals.NotRegistered, (await CitizenSession.SignInAsync(app, "9999999")).Refusal);
        Assert.Equal(CitizenRefusals.NotRegistered, (await CitizenSession.SignInAsync(app, "1234567", "9Z")).Refusal);
        Assert.Equal(CitizenRefusals.NoDocument, (await CitizenSession.SignInAsync(app, "1234567", type: "LIC")).Refusal);
        Assert.Equal(CitizenRefusals.NoDocument, (await CitizenSession.SignInAsync(app, " ")).Refusal);
        var (_, cookies) = await CitizenSession.SignInAsync(app, "9999999");
        Assert.DoesNotContain(cookies, c => c.StartsWith(CitizenSetup.CitizenCookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csv_holds_the_citizens_own_queries_only_and_never_a_reserved_agreements()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync();
        var (reservedClient, reservedSecret, _) = await app.NewInstitutionAsync();
        var own = await QueryAsync(clientId, secret, "Crédito de vivienda " + Guid.NewGuid().ToString("N")[..6]);
        var others = await QueryAsync(clientId, secret, "Consulta de otra persona " + Guid.NewGuid().ToString("N")[..6], complement: "1A");
        var reserved = await QueryAsync(reservedClient, reservedSecret, "Investigación reservada " + Guid.NewGuid().ToString("N")[..6]);
        int reservedAgreement;
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            reservedAgreement = await db.Agreements.Where(a => a.Institution!.Credentials.Any(c => c.ClientId == reservedClient)).Select(a => a.Id).SingleAsync();
        var legal = new Actor("juridico@segip.demo", new HashSet<string> { Core.Domain.Roles.Legal }, null);
        Assert.True((await app.Get<AgreementService>().MarkReservedAsync(legal, reservedAgreement, "Investigación penal, orden fiscal 44/2026")).IsOk);

        var juanCarlos = await CitizenSession.SignedInClientAsync(app, "1234567");
        var csv = await CsvAsync(juanCarlos);
        Assert.StartsWith("\uFEFFFecha y hora (Bolivia);Institución;Canal", csv);
        Assert.Contains(own, csv);
        Assert.DoesNotContain(others, csv);
        Assert.DoesNotContain(reserved, csv);
        Assert.DoesNotContain("U-1", csv); // never the officer
        Assert.DoesNotContain(reserved, await CsvAsync(juanCarlos, "?anio=" + Core.Common.BoliviaClock.Today(TimeProvider.System).Year));

        var mariaElena = await CitizenSession.SignedInClientAsync(app, "1234567", "1A");
        var hers = await CsvAsync(mariaElena);
        Assert.Contains(others, hers);
        Assert.DoesNotContain(own, hers);
    }

    [Fact]
    public async Task The_signed_report_is_the_sessions_own_whatever_id_the_request_names_and_verificar_confirms_it_without_the_queries()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync();
        var own = await QueryAsync(clientId, secret, "Crédito de vivienda " + Guid.NewGuid().ToString("N")[..6]);
        var others = await QueryAsync(clientId, secret, "Consulta de otra persona " + Guid.NewGuid().ToString("N")[..6], complement: "1A");

        var juanCarlos = await CitizenSession.SignedInClientAsync(app, "1234567");
        var response = await juanCarlos.GetAsync("/mis-datos/reporte.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Contains("Signature is Valid", await PdfInspection.PdfsigAsync(pdf));
        var text = PdfInspection.Text(pdf);
        Assert.Contains(own, text);
        Assert.DoesNotContain(others, text);

        // María Elena names Juan Carlos's person id, document and report in every way a request could: she gets her own.
        var mariaElena = await CitizenSession.SignedInClientAsync(app, "1234567", "1A");
        foreach (var query in new[] { "?persona=1", "?personId=1&id=1", "?documento=1234567&complemento=", "?PersonId=1&person=1" })
        {
            var hers = await mariaElena.GetAsync("/mis-datos/reporte.pdf" + query);
            Assert.Equal(HttpStatusCode.OK, hers.StatusCode);
            var hersText = PdfInspection.Text(await hers.Content.ReadAsByteArrayAsync());
            Assert.Contains("MARÍA ELENA", hersText);
            Assert.DoesNotContain(own, hersText);
            Assert.DoesNotContain("JUAN CARLOS", hersText);
        }

        // Anyone with the code (the QR) learns it is authentic, the initials, the scope and the count, not the queries.
        var url = Assert.Single(PdfInspection.QrCodes(pdf));
        using var anonymous = app.Client();
        var verification = await FormLogin.ReadPageAsync(await anonymous.GetAsync(new Uri(url).PathAndQuery));
        Assert.Contains("Reporte auténtico", verification);
        Assert.Contains("J*** C*** P*** M***", verification);
        Assert.DoesNotContain("JUAN CARLOS", verification);
        Assert.DoesNotContain(own, verification);
        var forged = await FormLogin.ReadPageAsync(await anonymous.GetAsync("/verificar/ABCD-EFGH-JKMN-PQRS"));
        Assert.Contains("no encontrado", forged);
        Assert.DoesNotContain("Reporte auténtico", forged);

        // Without a citizen session there is no report at all.
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/mis-datos/reporte.pdf?persona=1")).StatusCode);
        var auditor = await FormLogin.SignedInClientAsync(app, Core.Data.Seed.DemoAccounts.Auditor, Core.Data.Seed.DemoAccounts.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await auditor.GetAsync("/mis-datos/reporte.pdf?persona=1")).StatusCode);
    }

    [Fact]
    public async Task Unreadable_filters_in_the_address_get_a_spanish_refusal_and_empty_ones_mean_all()
    {
        var citizen = await CitizenSession.SignedInClientAsync(app, "7654321");
        foreach (var path in new[] { "/mis-datos/consultas.csv", "/mis-datos/reporte.pdf" })
        {
            var refused = await citizen.GetAsync(path + "?institucion=abc&anio=20x6");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Failed to bind", body);
            // The shape and stable code of every other invalid request (docs/contract.md, Errors).
            var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!;
            Assert.Equal("SOLICITUD_INVALIDA", (string?)problem["code"]);
            Assert.Equal("La institución elegida no es válida; elíjala de la lista.", (string?)problem["errors"]!["institucion"]![0]);
            Assert.Equal("El año debe ser un número de cuatro cifras, por ejemplo 2026.", (string?)problem["errors"]!["anio"]![0]);
        }
        var all = await citizen.GetAsync("/mis-datos/consultas.csv?institucion=&anio=");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Fact]
    public async Task The_page_tells_that_reserved_queries_are_not_shown_and_staff_cannot_open_it()
    {
        var citizen = await CitizenSession.SignedInClientAsync(app, "7654321");
        var page = await FormLogin.ReadPageAsync(await citizen.GetAsync("/mis-datos"));
        Assert.Contains("Consultas a mis datos", page);
        Assert.Contains(Core.Features.Citizens.CitizenQueryTexts.ReservedNotice, page);

        var auditor = await FormLogin.SignedInClientAsync(app, Core.Data.Seed.DemoAccounts.Auditor, Core.Data.Seed.DemoAccounts.Password);
        var refused = await auditor.GetAsync("/mis-datos");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/cuenta/acceso-denegado", refused.Headers.Location!.PathAndQuery);
        Assert.NotEqual(HttpStatusCode.OK, (await auditor.GetAsync("/mis-datos/consultas.csv")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_is_off_until_ciudadania_digital_is_configured()
    {
        using var client = app.Client();
        var page = await FormLogin.ReadPageAsync(await client.GetAsync("/ciudadania/ingresar"));
        Assert.Contains("El ingreso con Ciudadanía Digital todavía no está habilitado", page);
        var token = await FormLogin.AntiforgeryTokenAsync(client, "/cuenta/ingresar");
        var start = await client.PostAsync("/ciudadania/entrar", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }
}
