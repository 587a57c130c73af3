using MudBlazor;
using Segip.Consulta.Web.Components.Shared;
using Segip.Consulta.Web.Components.ChangeHistory;
using Segip.Consulta.Web.Localization;

namespace Segip.Consulta.Tests.Unit;

/// <summary>What people read instead of JSON, codes and ISO dates (issue 21).</summary>
[Trait("Category", "Unit")]
public class ReadableTextTests
{
    [Fact]
    public void Change_history_shows_only_the_changed_fields_labelled_before_and_after()
    {
        var changes = ChangeDiff.Read(
            """{"nombre":"Banco Demo","sigla":"BD","vigenteHasta":"2026-12-31","habilitado":true,"campos":["nombres","primerApellido"]}""",
            """{"nombre":"Banco Demo","sigla":"BDSA","vigenteHasta":"2027-12-31","habilitado":false,"campos":["nombres","primerApellido"]}""");

        Assert.Equal(
            [new FieldChange("Sigla", "BD", "BDSA"), new FieldChange("Vigente hasta", "31/12/2026", "31/12/2027"), new FieldChange("Habilitado", "Sí", "No")],
            changes);
    }

    [Fact]
    public void A_creation_lists_every_field_from_nothing_and_field_codes_read_as_labels()
    {
        var changes = ChangeDiff.Read(null, """{"campos":["primerApellido","fechaNacimiento"],"cuotaMensual":15000}""");

        Assert.Equal([new FieldChange("Campos", "—", "Primer apellido, Fecha de nacimiento"), new FieldChange("Cuota mensual", "—", "15.000")], changes);
    }

    [Theory]
    [InlineData("IngresoFallido", "Ingreso fallido")]
    [InlineData("SegundoFactorRequerido", "Segundo factor requerido")]
    [InlineData("Acceso web creado", "Acceso web creado")]
    public void Action_names_read_as_words(string action, string expected) => Assert.Equal(expected, ChangeDiff.Action(action));

    [Theory]
    [InlineData("NOMBRE JUAN PEREZ 1985-03-14", "Por nombre: JUAN PEREZ 14/03/1985")]
    [InlineData("CI 1234567 [primerApellido,fechaNacimiento]", "CI 1234567 (compara: Primer apellido, Fecha de nacimiento)")]
    [InlineData("CI 1234567-1A", "CI 1234567-1A")]
    public void Search_keys_show_dates_dd_MM_yyyy_and_field_labels(string keys, string expected) =>
        Assert.Equal(expected, SearchKeysText.Readable(keys));

    /// <summary>Every text MudBlazor can show in this app is answered in Spanish (else MudBlazor falls back to English).</summary>
    [Theory]
    [InlineData("MudTablePager_FirstPage", "Primera página")]
    [InlineData("MudBaseDatePicker_PrevMonth", "Mes anterior")]
    [InlineData("MudSnackbar_Close", "Cerrar")]
    [InlineData("Converter_InvalidDateTime", "Fecha no válida: use el formato dd/mm/aaaa.")]
    public void MudBlazor_texts_are_Spanish(string key, string expected)
    {
        var text = new SpanishMudLocalizer()[key];
        Assert.False(text.ResourceNotFound);
        Assert.Equal(expected, text.Value);
    }
}
