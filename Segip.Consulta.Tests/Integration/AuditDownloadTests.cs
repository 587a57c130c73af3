using System.Net;
using System.Text.Json.Nodes;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The bitácora's downloads as an auditor's browser calls them (the search in the address).</summary>
[Trait("Category", "Integration")]
public class AuditDownloadTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_unreadable_search_in_the_address_is_refused_like_every_other_invalid_request()
    {
        using var auditor = await FormLogin.SignedInClientAsync(app, DemoAccounts.Auditor, DemoAccounts.Password);

        foreach (var format in new[] { "csv", "pdf" })
        {
            var refused = await auditor.GetAsync($"/bitacora/exportar/{format}?desde=31-12-2026&canal=FAX");

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal("SOLICITUD_INVALIDA", (string?)problem["code"]);
            Assert.Equal("Fecha no válida (use aaaa-mm-dd).", (string?)problem["errors"]!["desde"]![0]);
            Assert.Equal("Valor no admitido: FAX.", (string?)problem["errors"]!["canal"]![0]);
        }
    }
}
