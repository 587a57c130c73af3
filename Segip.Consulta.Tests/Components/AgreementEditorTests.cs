using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Web.Components.Agreements;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class AgreementEditorTests : BunitContext
{
    private readonly List<AgreementInput> submitted = [];

    public AgreementEditorTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IValidator<AgreementInput>, AgreementInputValidator>();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<AgreementEditor> RenderEditor(AgreementInput? model = null) =>
        Render<AgreementEditor>(p => p
            .Add(c => c.Model, model ?? new AgreementInput())
            .Add(c => c.Institutions, [new InstitutionOption(7, "Aduana Nacional", "AN")])
            .Add(c => c.Levels, [new AccessLevelView(3, "BASICO", 1, true, "Nivel 2 — Básico", null, [], false, false, DateTime.UtcNow, 0)])
            .Add(c => c.OnSubmit, i => submitted.Add(i)));

    private static void Submit(IRenderedComponent<AgreementEditor> editor) =>
        editor.FindAll("button").First(b => b.TextContent.Contains("Guardar borrador")).Click();

    private static AgreementInput Picked() => new() { InstitutionId = 7, AccessLevelId = 3 };

    [Fact]
    public void Institution_select_without_a_choice_shows_a_spanish_placeholder_not_a_number()
    {
        var editor = RenderEditor();

        var input = editor.Find("#institucion");
        Assert.Equal("Elija una institución", input.GetAttribute("placeholder"));
        Assert.True(string.IsNullOrEmpty(input.GetAttribute("value")), $"value: {input.GetAttribute("value")}");
    }

    [Fact]
    public void Empty_draft_is_explained_next_to_each_field_and_not_submitted()
    {
        var editor = RenderEditor();

        Submit(editor);

        editor.WaitForAssertion(() =>
        {
            Assert.Contains("Elija la institución.", editor.Markup);
            Assert.Contains("Indique el número del convenio.", editor.Markup);
            Assert.Contains("Indique la fecha de inicio de vigencia.", editor.Markup);
            Assert.Contains("Indique la fecha de fin de vigencia.", editor.Markup);
            Assert.Contains("Elija el nivel de acceso.", editor.Markup);
        });
        Assert.Empty(submitted);
    }

    [Fact]
    public void Unreadable_dates_inverted_validity_and_no_channel_are_refused()
    {
        var editor = RenderEditor(Picked());
        editor.Find("#numero-convenio").Input("CONV-2026-0012");
        editor.Find("#fecha-firma").Change("2026-01-05");
        editor.Find("#vigente-desde").Change("01/02/2026");
        editor.Find("#vigente-hasta").Change("31/01/2026");
        var web = editor.FindComponents<MudCheckBox<bool>>().Single(c => c.Instance.Label!.StartsWith("Web"));
        editor.InvokeAsync(() => web.Instance.ValueChanged.InvokeAsync(false));

        Submit(editor);

        editor.WaitForAssertion(() =>
        {
            Assert.Contains("La fecha debe tener el formato dd/mm/aaaa.", editor.Markup);
            Assert.Contains("La fecha de fin debe ser posterior a la de inicio.", editor.Markup);
            Assert.Contains("Elija al menos un canal.", editor.Markup);
        });
        Assert.Empty(submitted);
    }

    [Fact]
    public void A_valid_draft_is_submitted_with_parsed_dates_and_channels()
    {
        var editor = RenderEditor(Picked());
        editor.Find("#numero-convenio").Input("conv-2026-0012");
        editor.Find("#fecha-firma").Change("05/01/2026");
        editor.Find("#vigente-desde").Change("01/02/2026");
        editor.Find("#vigente-hasta").Change("31/01/2028");
        editor.Find("#ips").Input("200.87.0.0/16");
        var webService = editor.FindComponents<MudCheckBox<bool>>().Single(c => c.Instance.Label!.StartsWith("Servicio web"));
        editor.InvokeAsync(() => webService.Instance.ValueChanged.InvokeAsync(true));

        Submit(editor);

        editor.WaitForAssertion(() => Assert.Single(submitted));
        var input = submitted[0];
        Assert.Equal("CONV-2026-0012", input.Number);
        Assert.Equal(new DateOnly(2026, 1, 5), input.SignedOn);
        Assert.Equal(new DateOnly(2026, 2, 1), input.ValidFrom);
        Assert.Equal(new DateOnly(2028, 1, 31), input.ValidTo);
        Assert.Equal(Channels.Web | Channels.WebService, input.Channels);
        Assert.Equal(7, input.InstitutionId);
        Assert.Equal(3, input.AccessLevelId);
        Assert.Equal("200.87.0.0/16", input.IpAllowlist);
    }

    [Fact]
    public void A_corrected_number_loses_its_error_while_it_is_typed_so_guardar_stays_under_the_pointer()
    {
        // Cleared only on leaving the field, the error went away on the blur of the click on «Guardar»: the form got
        // a line shorter between press and release, and the click was lost (as it happened on the thresholds form).
        var editor = RenderEditor(Picked());
        Submit(editor);
        editor.WaitForAssertion(() => Assert.Contains("Indique el número del convenio.", FieldText.Of(editor, "#numero-convenio")));

        editor.Find("#numero-convenio").Input("CONV-2026-0012");

        editor.WaitForAssertion(() => Assert.DoesNotContain("Indique el número del convenio.", FieldText.Of(editor, "#numero-convenio")));
        Assert.Empty(submitted);
    }

    [Fact]
    public void A_duplicate_number_reported_by_the_service_shows_next_to_the_number()
    {
        var editor = RenderEditor(Picked());
        editor.InvokeAsync(() => editor.Instance.ShowErrorsAsync(new Dictionary<string, string[]> { [nameof(AgreementInput.Number)] = ["Ya existe un convenio con el número CONV-2026-0012."] }));
        editor.WaitForAssertion(() => Assert.Contains("Ya existe un convenio con el número CONV-2026-0012.", editor.Markup));
    }

    [Fact]
    public void A_server_error_stays_on_its_field_until_that_field_changes()
    {
        var editor = RenderEditor(Picked());
        editor.Find("#numero-convenio").Input("CONV-2026-0012");
        editor.InvokeAsync(() => editor.Instance.ShowErrorsAsync(new Dictionary<string, string[]> { [nameof(AgreementInput.Number)] = ["Ya existe un convenio con el número CONV-2026-0012."] }));
        editor.WaitForAssertion(() => Assert.Contains("Ya existe un convenio con el número CONV-2026-0012.", editor.Markup));

        editor.Find("#contacto-convenio").Input("Ana Mamani");
        Assert.Contains("Ya existe un convenio con el número CONV-2026-0012.", editor.Markup);

        editor.Find("#numero-convenio").Input("CONV-2026-0013");
        editor.WaitForAssertion(() => Assert.DoesNotContain("Ya existe un convenio", editor.Markup));
    }

    [Fact]
    public void An_unreadable_date_is_reported_on_its_field_and_nothing_is_saved()
    {
        var model = Picked();
        (model.Number, model.ValidFrom, model.ValidTo) = ("CONV-2026-0012", new DateOnly(2026, 2, 1), new DateOnly(2028, 1, 31));
        var editor = RenderEditor(model);

        editor.Find("#vigente-desde").Change("31/02/2026");
        Submit(editor);

        editor.WaitForAssertion(() => Assert.Contains("La fecha 31/02/2026 no existe en el calendario.", editor.Markup));
        Assert.DoesNotContain("Indique la fecha de inicio de vigencia.", editor.Markup);
        Assert.Empty(submitted);
        // What was typed stays, to be corrected rather than typed again.
        Assert.Equal("31/02/2026", editor.Find("#vigente-desde").GetAttribute("value"));
    }
}
