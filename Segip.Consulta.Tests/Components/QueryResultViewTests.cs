using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Components.Queries;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class QueryResultViewTests : BunitContext
{
    public QueryResultViewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    private static QueryOutcome Outcome(QueryResult result) => new()
    {
        QueryId = Guid.Parse("7d1f3c2a-0000-4000-8000-000000000001"), AuditSequence = 9, TimestampUtc = DateTime.UtcNow,
        Type = QueryType.Document, Result = result,
        Refusal = result == QueryResult.Refused ? RefusalReason.EndUserNotEnabled : null,
    };

    [Theory]
    [InlineData(QueryResult.Found)]
    [InlineData(QueryResult.NotFound)]
    public void Answered_query_offers_its_certificate_as_a_download(QueryResult result)
    {
        var view = Render<QueryResultView>(p => p.Add(c => c.Outcome, Outcome(result)));

        var link = view.Find("[data-testid='download-certificate']");
        Assert.Equal("/consultas/7d1f3c2a-0000-4000-8000-000000000001/certificado", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Contains("Descargar certificado", link.TextContent);
    }

    [Fact]
    public void A_found_foreigners_licence_shows_the_contract_codes_not_the_member_names()
    {
        var outcome = Outcome(QueryResult.Found) with
        {
            Persons = [new DisclosedPerson(DocumentType.ForeignerDrivingLicence, "7654321", "1A", [new DisclosedField("nombres", "ANA")])],
        };
        var view = Render<QueryResultView>(p => p.Add(c => c.Outcome, outcome));

        Assert.Equal("ENCONTRADO", view.Find("[data-testid='query-result']").GetAttribute("data-result"));
        Assert.Equal("ENCONTRADO", view.Find("[data-testid='result-code']").GetAttribute("data-code"));
        Assert.Contains("LICE 7654321-1A", view.Markup);
        Assert.DoesNotContain("ForeignerDrivingLicence", view.Markup);
    }

    [Fact]
    public void Refused_query_has_no_certificate_button()
    {
        var view = Render<QueryResultView>(p => p.Add(c => c.Outcome, Outcome(QueryResult.Refused)));
        Assert.Empty(view.FindAll("[data-testid='download-certificate']"));
    }
}
