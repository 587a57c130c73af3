using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Web.Components.AccessLevels;

namespace Segip.Consulta.Tests.Components;

[Trait("Category", "Component")]
public class AccessLevelEditorTests : BunitContext
{
    private readonly List<AccessLevelInput> submitted = [];

    public AccessLevelEditorTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IValidator<AccessLevelInput>, AccessLevelInputValidator>();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<AccessLevelEditor> RenderEditor(AccessLevelInput? model = null, bool isNew = true, int version = 1) =>
        Render<AccessLevelEditor>(p => p
            .Add(c => c.Model, model ?? new AccessLevelInput())
            .Add(c => c.IsNew, isNew)
            .Add(c => c.Version, version)
            .Add(c => c.OnSubmit, i => submitted.Add(i)));

    private static void Check(IRenderedComponent<AccessLevelEditor> editor, string label)
    {
        var box = editor.FindComponents<MudCheckBox<bool>>().Single(c => c.Instance.Label == label);
        editor.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync(true));
    }

    private static void Submit(IRenderedComponent<AccessLevelEditor> editor, string text) =>
        editor.FindAll("button").First(b => b.TextContent.Contains(text)).Click();

    [Fact]
    public void Fields_are_offered_grouped_as_the_catalogue_groups_them()
    {
        var editor = RenderEditor();
        var groups = editor.FindAll("fieldset[data-group]").Select(f => f.GetAttribute("data-group")).ToList();
        Assert.Equal(["identidad", "nacimiento", "estado civil", "domicilio", "filiación", "biometría"], groups);
        var biometrics = editor.Find("fieldset[data-group='biometría']").TextContent;
        Assert.Contains("Fotografía", biometrics);
        Assert.Contains("Firma", biometrics);
        Assert.DoesNotContain("Domicilio", biometrics);
    }

    [Fact]
    public void Empty_level_is_explained_next_to_its_fields_and_not_submitted()
    {
        var editor = RenderEditor();
        var switches = editor.FindComponents<MudCheckBox<bool>>();
        editor.InvokeAsync(() => switches.Single(c => c.Instance.Label == "Permite búsqueda por nombre").Instance.ValueChanged.InvokeAsync(true));

        Submit(editor, "Crear nivel");

        editor.WaitForAssertion(() =>
        {
            Assert.Contains("Indique el código del nivel.", editor.Markup);
            Assert.Contains("Indique el nombre del nivel.", editor.Markup);
            Assert.Contains("La búsqueda por nombre necesita al menos un campo que devolver.", editor.Markup);
        });
        Assert.Empty(submitted);
    }

    [Fact]
    public void Picked_fields_are_submitted_in_catalogue_order_with_the_flags()
    {
        var editor = RenderEditor();
        editor.Find("#codigo-nivel").Input("notarial");
        editor.Find("#nombre-nivel").Input("Nivel notarial");
        Check(editor, "Fecha de nacimiento");
        Check(editor, "Nombres");
        Check(editor, "Fotografía");
        Check(editor, "Exige referencia de consentimiento");

        Submit(editor, "Crear nivel");

        editor.WaitForAssertion(() => Assert.Single(submitted));
        Assert.Equal("NOTARIAL", submitted[0].Code);
        Assert.Equal([FieldCatalog.Nombres, FieldCatalog.FechaNacimiento, FieldCatalog.Fotografia], submitted[0].Fields);
        Assert.True(submitted[0].RequiresConsent);
        Assert.False(submitted[0].AllowsNameSearch);
    }

    [Fact]
    public void Editing_keeps_the_code_and_announces_the_new_version()
    {
        var model = new AccessLevelInput { Code = "BASICO", Name = "Nivel 2 — Básico", Fields = [.. StandardAccessLevels.BasicoFields] };
        var editor = RenderEditor(model, isNew: false, version: 3);

        Assert.True(editor.Find("#codigo-nivel").HasAttribute("readonly"));
        Assert.Contains("Guardar crea la versión 4 de BASICO", editor.Markup);

        Submit(editor, "Guardar nueva versión");
        editor.WaitForAssertion(() => Assert.Single(submitted));
        Assert.Equal(StandardAccessLevels.BasicoFields, submitted[0].Fields);
    }

    [Fact]
    public void Errors_returned_by_the_service_show_next_to_the_field()
    {
        var editor = RenderEditor();
        editor.InvokeAsync(() => editor.Instance.ShowErrorsAsync(new Dictionary<string, string[]> { [nameof(AccessLevelInput.Code)] = ["Ya existe un nivel con el código NOTARIAL."] }));
        editor.WaitForAssertion(() => Assert.Contains("Ya existe un nivel con el código NOTARIAL.", editor.Markup));
    }
}
