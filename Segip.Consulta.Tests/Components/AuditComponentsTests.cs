using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Components.Audit;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class AuditComponentsTests : BunitContext
{
    private readonly List<AuditSearchFilter> searches = [];
    /// <summary>26/11/2026 10:00 in Bolivia.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    public AuditComponentsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton<FluentValidation.IValidator<AuditSearchFilter>, AuditSearchFilterValidator>();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<AuditFilterForm> RenderForm(IReadOnlyDictionary<string, string[]>? errors = null, bool defaultPeriod = false) =>
        Render<AuditFilterForm>(p => p
            .Add(c => c.Options, new AuditFilterOptions([new(1, "Banco Demo S.A."), new(2, "Tribunal Supremo Electoral")], [new(5, "CONV-DEMO-0001")]))
            .Add(c => c.Errors, errors ?? new Dictionary<string, string[]>())
            .Add(c => c.OnSearch, f => searches.Add(f))
            .Add(c => c.DefaultPeriod, defaultPeriod));

    [Fact]
    public void Typed_filters_reach_the_search_as_a_filter()
    {
        var form = RenderForm();
        form.Find("#filtro-documento").Input("1234567");
        form.Find("#filtro-finalidad").Input("apertura");
        form.Find("#filtro-usuario").Input("BD-001");

        form.Find("form").Submit();

        var filter = Assert.Single(searches);
        Assert.Equal("1234567", filter.DocumentNumber);
        Assert.Equal("apertura", filter.PurposeText);
        Assert.Equal("BD-001", filter.EndUserCode);
        Assert.Null(filter.From);
    }

    [Fact]
    public void Without_dates_or_a_key_filter_the_search_covers_the_last_thirty_days_and_says_so()
    {
        var form = RenderForm(defaultPeriod: true);

        Assert.Equal("28/10/2026", form.Find("#filtro-desde").GetAttribute("value"));
        Assert.Equal("26/11/2026", form.Find("#filtro-hasta").GetAttribute("value"));
        Assert.Contains("la búsqueda cubre los últimos 30 días (del 28/10/2026 al 26/11/2026)", form.Find("[data-testid='default-period']").TextContent);

        form.Find("#filtro-finalidad").Input("cobranza");
        form.Find("form").Submit();

        var filter = Assert.Single(searches);
        Assert.Equal(new DateOnly(2026, 10, 28), filter.From);
        Assert.Equal(new DateOnly(2026, 11, 26), filter.To);
        Assert.Equal("cobranza", filter.PurposeText);
    }

    [Fact]
    public void A_document_searches_the_whole_log_instead_of_the_default_period()
    {
        var form = RenderForm(defaultPeriod: true);

        form.Find("#filtro-documento").Input("1234567");
        form.Find("form").Submit();

        var filter = Assert.Single(searches);
        Assert.Null(filter.From);
        Assert.Null(filter.To);
        Assert.Empty(form.FindAll("[data-testid='default-period']"));
        Assert.Equal("", form.Find("#filtro-desde").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Dates_the_auditor_chose_are_kept()
    {
        var form = RenderForm(defaultPeriod: true);

        form.Find("#filtro-desde").Change("01/01/2025");
        form.Find("#filtro-documento").Input("1234567");
        form.Find("form").Submit();

        var filter = Assert.Single(searches);
        Assert.Equal(new DateOnly(2025, 1, 1), filter.From);
        Assert.Equal(new DateOnly(2026, 11, 26), filter.To);
    }

    [Fact]
    public void An_unreadable_date_shows_the_spanish_error_on_its_field_and_nothing_is_searched()
    {
        var invalid = new List<string>();
        var form = Render<AuditFilterForm>(p => p
            .Add(c => c.Options, new AuditFilterOptions([], []))
            .Add(c => c.OnSearch, f => searches.Add(f))
            .Add(c => c.OnInvalid, m => invalid.Add(m)));

        form.Find("#filtro-desde").Change("31/02/2026");

        Assert.Contains("La fecha 31/02/2026 no existe en el calendario.", FieldText.Of(form, "#filtro-desde"));
        form.Find("form").Submit();
        Assert.Empty(searches);
        Assert.Single(invalid);
        Assert.Contains("La fecha 31/02/2026 no existe en el calendario.", FieldText.Of(form, "#filtro-desde"));
        Assert.Equal("31/02/2026", form.Find("#filtro-desde").GetAttribute("value"));
    }

    [Theory]
    [InlineData(10_000, true, "Más de 10.000 registros coinciden; afine la búsqueda o expórtela para verlos todos.")]
    [InlineData(9_999, false, "9.999 registros coinciden.")]
    [InlineData(1, false, "1 registro coincide.")]
    public void The_count_says_more_than_the_limit_when_it_stopped_counting(int total, bool capped, string expected)
    {
        var count = Render<AuditTotal>(p => p.Add(c => c.Total, total).Add(c => c.IsCapped, capped));

        Assert.Equal(expected, count.Find("[data-testid='audit-total']").TextContent.Trim());
    }

    [Fact]
    public void Service_errors_are_shown_next_to_their_field()
    {
        var form = RenderForm(new Dictionary<string, string[]>
        {
            [nameof(AuditSearchFilter.DocumentNumber)] = ["El número de documento debe tener de 1 a 10 dígitos."],
        });

        form.WaitForAssertion(() => Assert.Contains("El número de documento debe tener de 1 a 10 dígitos.", FieldText.Of(form, "#filtro-documento")));
    }

    [Fact]
    public void A_value_the_core_validator_refuses_shows_its_message_on_its_field_and_keeps_what_was_typed()
    {
        var form = RenderForm();

        form.Find("#filtro-documento").Input("12-AB");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("El número de documento debe tener de 1 a 10 dígitos.", FieldText.Of(form, "#filtro-documento")));
        Assert.Equal("12-AB", form.Find("#filtro-documento").GetAttribute("value"));
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
