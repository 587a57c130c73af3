using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Tests.Components;

/// <summary>The sort select lists use on a phone, where MudTable hides its sortable headers.</summary>
[Trait("Category", "Component")]
public class PhoneSortSelectTests : BunitContext
{
    private readonly List<(string Sort, bool Descending)> chosen = [];

    public PhoneSortSelectTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<PhoneSortSelect> RenderSelect() => Render<PhoneSortSelect>(p => p
        .Add(c => c.Choices, [new SortChoice("time", "Fecha y hora"), new SortChoice("institution", "Institución")])
        .Add(c => c.Sort, "time")
        .Add(c => c.Descending, true)
        .Add(c => c.SortChanged, (ValueTuple<string, bool> v) => chosen.Add(v))
        .Add(c => c.InputId, "orden-prueba"));

    [Fact]
    public void Shows_the_current_order_in_spanish_and_only_below_tablet_width()
    {
        var select = RenderSelect();

        Assert.Contains("d-sm-none", select.Find("[data-testid=phone-sort]").ClassName);
        Assert.Equal("Fecha y hora, descendente", select.Find("#orden-prueba").GetAttribute("value"));
        Assert.Contains("Ordenar por", select.Markup);
    }

    [Fact]
    public async Task Choosing_an_order_reports_the_column_and_direction()
    {
        var select = RenderSelect();
        var mud = select.FindComponent<MudSelect<string>>();

        await select.InvokeAsync(() => mud.Instance.ValueChanged.InvokeAsync("institution:asc"));
        await select.InvokeAsync(() => mud.Instance.ValueChanged.InvokeAsync("time:desc"));

        Assert.Equal([("institution", false), ("time", true)], chosen);
    }
}
