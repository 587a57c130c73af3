using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Web.Components.Queries;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class QueryFormTests : BunitContext
{
    private readonly List<QueryRequest> submitted = [];

    public QueryFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IValidator<QueryRequest>, QueryRequestValidator>();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<QueryForm> RenderForm(bool requiresConsent = false, bool allowsNameSearch = false)
    {
        return Render<QueryForm>(p => p
            .Add(c => c.RequiresConsent, requiresConsent)
            .Add(c => c.AllowsNameSearch, allowsNameSearch)
            .Add(c => c.OnSubmit, r => submitted.Add(r)));
    }

    private static void Type(IRenderedComponent<QueryForm> form, string inputId, string value) =>
        form.Find($"#{inputId}").Input(value);

    private static void Submit(IRenderedComponent<QueryForm> form) => form.Find("form").Submit();

    [Fact]
    public void Empty_form_explains_what_is_missing_and_does_not_submit()
    {
        var form = RenderForm();

        Submit(form);

        form.WaitForAssertion(() =>
        {
            Assert.Contains("Indique el número de documento.", form.Markup);
            Assert.Contains("Indique la finalidad de la consulta.", form.Markup);
        });
        Assert.Empty(submitted);
    }

    [Fact]
    public void Letters_in_the_number_and_a_bad_complement_are_refused_next_to_their_fields()
    {
        var form = RenderForm();
        Type(form, "numero-documento", "12A45");
        Type(form, "complemento", "A1");
        Type(form, "finalidad", "Apertura de cuenta");

        Submit(form);

        form.WaitForAssertion(() =>
        {
            Assert.Contains("El número de documento debe tener de 1 a 10 dígitos, sin letras ni espacios.", form.Markup);
            Assert.Contains("El complemento debe ser un dígito seguido de una letra, por ejemplo 1A.", form.Markup);
        });
        Assert.Empty(submitted);
    }

    [Fact]
    public void A_valid_query_is_submitted_as_typed()
    {
        var form = RenderForm();
        Type(form, "numero-documento", "1234567");
        Type(form, "complemento", "1a");
        Type(form, "finalidad", "Apertura de cuenta");

        Submit(form);

        form.WaitForAssertion(() => Assert.Single(submitted));
        var request = submitted[0].Normalized();
        Assert.Equal(QueryType.Document, request.Type);
        Assert.Equal("CI", request.DocumentType);
        Assert.Equal("1234567", request.DocumentNumber);
        Assert.Equal("1A", request.Complement);
    }

    [Fact]
    public void Consent_field_appears_only_when_the_level_demands_it_and_is_then_required()
    {
        var form = RenderForm(requiresConsent: false);
        Assert.Empty(form.FindAll("#consentimiento"));

        form.Render(p => p.Add(c => c.RequiresConsent, true));
        Assert.NotEmpty(form.FindAll("#consentimiento"));
        Type(form, "numero-documento", "1234567");
        Type(form, "finalidad", "Apertura de cuenta");
        Submit(form);

        form.WaitForAssertion(() => Assert.Contains("Indique la referencia del consentimiento de la persona consultada.", form.Markup));
        Assert.Empty(submitted);
    }

    [Fact]
    public void Name_search_needs_a_readable_birth_date()
    {
        var form = RenderForm(allowsNameSearch: true);
        var queryType = form.FindComponent<MudRadioGroup<QueryType>>();
        form.InvokeAsync(() => queryType.Instance.ValueChanged.InvokeAsync(QueryType.Name));

        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#fecha-nacimiento")));
        Type(form, "nombres", "Juan Carlos");
        Type(form, "primer-apellido", "Perez");
        Type(form, "fecha-nacimiento", "1985-03-14");
        Type(form, "finalidad", "Verificación de identidad");
        Submit(form);

        form.WaitForAssertion(() => Assert.Contains("La fecha de nacimiento debe tener el formato dd/mm/aaaa.", form.Markup));
        Assert.Empty(submitted);

        Type(form, "fecha-nacimiento", "14/03/1985");
        Submit(form);
        form.WaitForAssertion(() => Assert.Single(submitted));
        Assert.Equal(new DateOnly(1985, 3, 14), submitted[0].BirthDate);
    }
}
