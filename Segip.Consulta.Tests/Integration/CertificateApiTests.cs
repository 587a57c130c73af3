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
        var queryId = (string)query.Json["consultaId"]!;

        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{queryId}/certificado");

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/pdf", answer.Response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", answer.Text);
        using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.ConsultaDbContext>>().CreateDbContextAsync();
        var issued = db.AuditRecords.Where(r => r.QueryType == QueryType.Certificate).ToList();
        Assert.Contains(issued, r => r.SearchKeys.Contains(queryId, StringComparison.OrdinalIgnoreCase) && r.CertificateNumber != null);
    }

    [Fact]
    public async Task Another_institution_gets_not_found_as_for_an_unknown_query()
    {
        var query = await app.QueryDocumentAsync();
        var queryId = (string)query.Json["consultaId"]!;

        var other = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{queryId}/certificado", "demo-tse", "Demo-Tse-2026", "TSE-001");
        var unknown = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{Guid.NewGuid()}/certificado");

        Assert.Equal(404, other.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(unknown.Code, other.Code);
        Assert.DoesNotContain("%PDF", other.Text);
    }

    [Theory]
    [InlineData("BD-002")] // registered but disabled
    [InlineData("INVENTADO-9")] // never registered
    public async Task An_end_user_not_enabled_now_gets_no_certificate_and_the_refusal_is_audited(string endUser)
    {
        var query = await app.QueryDocumentAsync();
        var queryId = (string)query.Json["consultaId"]!;

        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{queryId}/certificado", endUser: endUser);

        Assert.Equal(403, answer.Status);
        Assert.Equal("USUARIO_FINAL_NO_HABILITADO", answer.Code);
        Assert.DoesNotContain("%PDF", answer.Text);
        using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.ConsultaDbContext>>().CreateDbContextAsync();
        var refusal = db.AuditRecords.Single(r => r.QueryType == QueryType.Certificate && r.EndUserCode == endUser
            && r.SearchKeys.Contains(queryId));
        Assert.Equal(QueryResult.Refused, refusal.Result);
        Assert.Equal(RefusalReason.EndUserNotEnabled, refusal.RefusalReason);
        Assert.Equal(Channel.WebService, refusal.Channel);
    }

    [Fact]
    public async Task A_certificate_issued_through_the_web_service_is_audited_on_that_channel()
    {
        var query = await app.QueryDocumentAsync();
        var queryId = (string)query.Json["consultaId"]!;

        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{queryId}/certificado");

        Assert.Equal(200, answer.Status);
        using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.ConsultaDbContext>>().CreateDbContextAsync();
        var issued = db.AuditRecords.Single(r => r.QueryType == QueryType.Certificate && r.Result == QueryResult.Issued
            && r.SearchKeys.Contains(queryId));
        Assert.Equal(Channel.WebService, issued.Channel);
    }

    [Fact]
    public async Task Without_credentials_no_certificate_is_issued()
    {
        var answer = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{Guid.NewGuid()}/certificado", clientId: null);
        Assert.Equal(401, answer.Status);
        Assert.Equal("CREDENCIAL_INVALIDA", answer.Code);
    }
}
