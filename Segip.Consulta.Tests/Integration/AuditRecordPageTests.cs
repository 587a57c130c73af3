using System.Net;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The record page as an institution admin reaches it over HTTP (prerendered page, real status codes).</summary>
[Trait("Category", "Integration")]
public class AuditRecordPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Another_institutions_record_answers_404_exactly_like_a_missing_one()
    {
        var tseQuery = await app.QueryDocumentAsync(clientId: "demo-tse", secret: "Demo-Tse-2026", endUser: "TSE-001");
        var tseSequence = (await app.AuditRecordAsync((string)tseQuery.Json["consultaId"]!)).Sequence;
        using var bankAdmin = await FormLogin.SignedInClientAsync(app, DemoAccounts.BankAdmin, DemoAccounts.Password);

        var other = await bankAdmin.GetAsync($"/bitacora/registro/{tseSequence}");
        var missing = await bankAdmin.GetAsync($"/bitacora/registro/{tseSequence + 1_000_000}");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var otherText = await FormLogin.ReadPageAsync(other);
        Assert.DoesNotContain(DemoAccounts.TseName, otherText);
        Assert.DoesNotContain("otra institución", otherText);
    }

    [Fact]
    public async Task An_institution_admin_sees_its_own_record_without_the_volume_of_the_whole_log()
    {
        var query = await app.QueryDocumentAsync();
        var record = await app.AuditRecordAsync((string)query.Json["consultaId"]!);
        var sequence = record.Sequence;
        using var bankAdmin = await FormLogin.SignedInClientAsync(app, DemoAccounts.BankAdmin, DemoAccounts.Password);

        var page = await bankAdmin.GetAsync($"/bitacora/registro/{sequence}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = await FormLogin.ReadPageAsync(page);
        Assert.Contains("El registro coincide con la cadena de la bitácora.", text);
        Assert.DoesNotContain("registros verificados", text);
        Assert.DoesNotContain("puntos de control", text);
        // The digest of the data delivered, for an auditor comparing a copy of the answer.
        Assert.Contains(Convert.ToHexStringLower(record.AnswerSha256!), text);
    }
}
