using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Web.Components.Misuse;

namespace Segip.Consulta.Tests.Components;

/// <summary>The thresholds form of one rule: Spanish labels and ranges, the validator's errors beside their field, the values it saves.</summary>
[Trait("Category", "Component")]
public class ThresholdRuleFormTests : BunitContext
{
    private readonly List<MisuseThresholdInput> saved = [];
    private readonly MisuseThresholdInputValidator validator = new();

    public ThresholdRuleFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IValidator<MisuseThresholdInput>>(validator);
        Render<MudPopoverProvider>();
    }

    private static RuleThresholdsView Enumeration()
    {
        var rule = MisuseThresholdCatalog.Of(MisuseRule.Enumeration)!;
        var defaults = new MisuseOptions();
        return new(rule, rule.Parameters.Select(p => new ThresholdValueView(p, p.Get(defaults), p.Get(defaults))).ToList(), null);
    }

    /// <summary>A refusal the form cannot know of (as another reviewer's change would cause): set to have the save refused.</summary>
    private IReadOnlyDictionary<string, string[]>? refusal;

    /// <summary>Saves as the service would: the real validator first.</summary>
    private async Task<ServiceResult<bool>> SaveAsync(MisuseThresholdInput input)
    {
        if (await validator.ErrorsAsync(input, CancellationToken.None) is { } errors) return ServiceResult<bool>.Invalid(errors);
        if (refusal is not null) return ServiceResult<bool>.Invalid(refusal);
        saved.Add(input);
        return ServiceResult<bool>.Ok(true);
    }

    private IRenderedComponent<ThresholdRuleForm> RenderForm() =>
        Render<ThresholdRuleForm>(p => p.Add(c => c.View, Enumeration()).Add(c => c.Save, SaveAsync));

    [Fact]
    public void Each_threshold_shows_its_spanish_label_current_value_range_and_explanation()
    {
        var form = RenderForm();

        Assert.Contains("Enumeración", form.Find("h2").TextContent);
        Assert.Equal("0,5", form.Find("#umbral-enumeracion-notfoundshare").GetAttribute("value"));
        Assert.Equal("10", form.Find("#umbral-enumeracion-consecutiverun").GetAttribute("value"));
        Assert.Contains("Proporción de consultas sin resultado", form.Markup);
        Assert.Contains("De 3 a 1.000; valor inicial 10.", form.Markup);
        Assert.Contains("Usa los valores de la configuración del sistema.", form.Markup);
    }

    [Fact]
    public void A_value_out_of_range_shows_the_spanish_error_beside_its_field_and_saves_nothing()
    {
        var form = RenderForm();
        form.Find("#umbral-enumeracion-consecutiverun").Input("2");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("«Documentos consecutivos» debe estar entre 3 y 1.000.", FieldText.Of(form, "#umbral-enumeracion-consecutiverun")));
        Assert.DoesNotContain("debe estar entre", FieldText.Of(form, "#umbral-enumeracion-notfoundshare"));
        Assert.Empty(saved);
        form.Find("#umbral-enumeracion-notfoundshare").Input("la mitad");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("Escriba «Proporción de consultas sin resultado» como un número, por ejemplo 5 o 0,5.",
            FieldText.Of(form, "#umbral-enumeracion-notfoundshare")));
        Assert.Empty(saved);
    }

    [Fact]
    public void A_corrected_value_clears_its_error_while_it_is_typed_so_the_save_button_does_not_move_under_the_click()
    {
        // The error and the helper text differ in height: cleared on blur, the message moved Guardar away from the
        // pointer between pressing and releasing, and the click was lost (nothing saved, no message).
        var form = RenderForm();
        form.Find("#umbral-enumeracion-consecutiverun").Input("2");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("debe estar entre 3 y 1.000.", FieldText.Of(form, "#umbral-enumeracion-consecutiverun")));

        form.Find("#umbral-enumeracion-consecutiverun").Input("25");

        form.WaitForAssertion(() => Assert.DoesNotContain("debe estar entre", FieldText.Of(form, "#umbral-enumeracion-consecutiverun")));
        Assert.Contains("De 3 a 1.000; valor inicial 10.", FieldText.Of(form, "#umbral-enumeracion-consecutiverun"));
        Assert.Empty(saved);
    }

    [Fact]
    public void Valid_values_are_saved_with_a_decimal_comma_and_the_form_confirms_in_spanish()
    {
        var form = RenderForm();
        form.Find("#umbral-enumeracion-notfoundshare").Input("0,7");
        form.Find("#umbral-enumeracion-consecutiverun").Input("25");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Umbrales de «Enumeración» guardados", form.Markup));
        var input = Assert.Single(saved);
        Assert.Equal(MisuseRule.Enumeration, input.Rule);
        Assert.Equal(0.7, input.Values["NotFoundShare"]);
        Assert.Equal(30, input.Values["MinQueries"]);
        Assert.Equal(25, input.Values["ConsecutiveRun"]);
    }

    [Fact]
    public void A_refusal_of_the_service_shows_on_the_field_it_names()
    {
        refusal = new Dictionary<string, string[]> { ["MinQueries"] = ["Otro revisor cambió este umbral; recargue la página."] };
        var form = RenderForm();

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Otro revisor cambió este umbral; recargue la página.", FieldText.Of(form, "#umbral-enumeracion-minqueries")));
        Assert.Empty(saved);
    }
}
