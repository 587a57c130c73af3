using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Components.Audit;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class AuditComponentsTests : BunitContext
{
    private readonly List<AuditSearchFilter> searches = [];

    public AuditComponentsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<AuditFilterForm> RenderForm(IReadOnlyDictionary<string, string[]>? errors = null) =>
        Render<AuditFilterForm>(p => p
            .Add(c => c.Options, new AuditFilterOptions([new(1, "Banco Demo S.A."), new(2, "Tribunal Supremo Electoral")], [new(5, "CONV-DEMO-0001")]))
            .Add(c => c.Errors, errors ?? new Dictionary<string, string[]>())
            .Add(c => c.OnSearch, f => searches.Add(f)));

    [Fact]
    public void Typed_filters_reach_the_search_as_a_filter()
    {
        var form = RenderForm();
        form.Find("#filtro-documento").Change("1234567");
        form.Find("#filtro-finalidad").Change("apertura");
        form.Find("#filtro-usuario").Change("BD-001");

        form.Find("form").Submit();

        var filter = Assert.Single(searches);
        Assert.Equal("1234567", filter.DocumentNumber);
        Assert.Equal("apertura", filter.PurposeText);
        Assert.Equal("BD-001", filter.EndUserCode);
        Assert.Null(filter.From);
    }

    [Fact]
    public void Service_errors_are_shown_next_to_their_field()
    {
        var form = RenderForm(new Dictionary<string, string[]>
        {
            [nameof(AuditSearchFilter.DocumentNumber)] = ["El número de documento debe tener de 1 a 10 dígitos."],
        });

        Assert.Contains("El número de documento debe tener de 1 a 10 dígitos.", form.Markup);
    }

    [Fact]
    public void A_broken_chain_names_and_links_its_first_bad_record()
    {
        var alert = Render<ChainStatusAlert>(p => p.Add(c => c.Result, new ChainVerification(41, 42, "El registro 42 no coincide con la cadena.")));

        Assert.Equal("42", alert.Find("[data-testid='first-bad']").TextContent);
        Assert.Equal("/bitacora/registro/42", alert.Find("a").GetAttribute("href"));
        Assert.Equal("false", alert.Find("[data-testid='chain-result']").GetAttribute("data-intact"));
    }
}
