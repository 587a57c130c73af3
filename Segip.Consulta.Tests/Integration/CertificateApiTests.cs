using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class CertificateApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_institution_that_made_a_query_downloads_its_signed_certificate_and_the_issue_is_audited()
    {
        var query = await app.QueryDocumentAsync();
        var consultaId = (string)query.Json["consultaId"]!;

        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{consultaId}/certificado");

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/pdf", answer.Response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", answer.Text);
        using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.ConsultaDbContext>>().CreateDbContextAsync();
        var issued = db.AuditRecords.Where(r => r.QueryType == QueryType.CERTIFICADO).ToList();
        Assert.Contains(issued, r => r.SearchKeys.Contains(consultaId, StringComparison.OrdinalIgnoreCase) && r.CertificateNumber != null);
    }

    [Fact]
    public async Task Another_institution_gets_not_found_as_for_an_unknown_query()
    {
        var query = await app.QueryDocumentAsync();
        var consultaId = (string)query.Json["consultaId"]!;

        var other = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{consultaId}/certificado", "demo-tse", "Demo-Tse-2026", "TSE-001");
        var unknown = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{Guid.NewGuid()}/certificado");

        Assert.Equal(404, other.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(unknown.Code, other.Code);
        Assert.DoesNotContain("%PDF", other.Text);
    }

    [Fact]
    public async Task Without_credentials_no_certificate_is_issued()
    {
        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{Guid.NewGuid()}/certificado", clientId: null);
        Assert.Equal(401, answer.Status);
        Assert.Equal("CREDENCIAL_INVALIDA", answer.Code);
    }
}
