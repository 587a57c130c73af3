using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Segip.Consulta.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager, date picker, close buttons, conversion errors) in Spanish. MudBlazor asks this
/// localizer first and falls back to English only for keys missing here, so every key the app's components can
/// show is listed; LanguageTests fails when an English framework string reaches a page.
/// </summary>
public sealed class SpanishMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudAlert_Close"] = "Cerrar aviso",
        ["MudBaseDatePicker_NextMonth"] = "Mes siguiente",
        ["MudBaseDatePicker_NextYear"] = "Año siguiente",
        ["MudBaseDatePicker_Open"] = "Abrir calendario",
        ["MudBaseDatePicker_PrevMonth"] = "Mes anterior",
        ["MudBaseDatePicker_PrevYear"] = "Año anterior",
        ["MudBreadcrumbs_Label"] = "Ruta de navegación",
        ["MudChip_Close"] = "Quitar",
        ["MudDataGridPager_AllItems"] = "Todos",
        ["MudDataGridPager_FirstPage"] = "Primera página",
        ["MudDataGridPager_InfoFormat"] = "{first_item}–{last_item} de {all_items}",
        ["MudDataGridPager_LastPage"] = "Última página",
        ["MudDataGridPager_NextPage"] = "Página siguiente",
        ["MudDataGridPager_PreviousPage"] = "Página anterior",
        ["MudDataGridPager_RowsPerPage"] = "Filas por página:",
        ["MudDataGrid_Loading"] = "Cargando…",
        ["MudDateRangePicker_End"] = "Fin",
        ["MudDateRangePicker_Start"] = "Inicio",
        ["MudDialog_Close"] = "Cerrar diálogo",
        ["MudFileUpload_Button"] = "Elegir archivo",
        ["MudFileUpload_DragAndDrop"] = "Arrastre el archivo aquí",
        ["MudFileUpload_FileSizeError"] = "El archivo es demasiado grande.",
        ["MudFileUpload_MaximumFileCountExceeded"] = "Se eligieron demasiados archivos.",
        ["MudFormComponent_Required"] = "Campo obligatorio",
        ["MudInput_Clear"] = "Borrar",
        ["MudInput_Decrement"] = "Disminuir",
        ["MudInput_Increment"] = "Aumentar",
        ["MudNavGroup_ToggleExpand"] = "Mostrar u ocultar {0}",
        ["MudPagination_CurrentPage"] = "Página actual, página {0}",
        ["MudPagination_FirstPage"] = "Primera página",
        ["MudPagination_LastPage"] = "Última página",
        ["MudPagination_NextPage"] = "Página siguiente",
        ["MudPagination_PageIndex"] = "Página {0}",
        ["MudPagination_PreviousPage"] = "Página anterior",
        ["MudRangeInput_End"] = "Fin",
        ["MudRangeInput_Start"] = "Inicio",
        ["MudSelect_SelectAll"] = "Seleccionar todo",
        ["MudSnackbar_Close"] = "Cerrar",
        ["MudTablePager_FirstPage"] = "Primera página",
        ["MudTablePager_LastPage"] = "Última página",
        ["MudTablePager_NextPage"] = "Página siguiente",
        ["MudTablePager_PreviousPage"] = "Página anterior",
        ["MudTable_Loading"] = "Cargando…",
        ["MudTable_SelectAllRows"] = "Seleccionar todas las filas",
        ["MudTable_SelectRow"] = "Seleccionar fila",
        ["MudTable_ExpandGroup"] = "Expandir grupo",
        ["MudTable_CollapseGroup"] = "Contraer grupo",
        ["MudTimePicker_Open"] = "Abrir selector de hora",
        ["Converter_ConversionError"] = "Valor no válido.",
        ["Converter_ConversionFailed"] = "No se pudo interpretar el valor.",
        ["Converter_ConversionNotImplemented"] = "No se pudo interpretar el valor.",
        ["Converter_InvalidBoolean"] = "Valor no válido: indique sí o no.",
        ["Converter_InvalidDateTime"] = "Fecha no válida: use el formato dd/mm/aaaa.",
        ["Converter_InvalidGUID"] = "Identificador no válido.",
        ["Converter_InvalidNumber"] = "Número no válido.",
        ["Converter_InvalidTimeSpan"] = "Hora no válida.",
        ["Converter_InvalidType"] = "Valor no válido.",
        ["Converter_NotValueOf"] = "Valor no válido.",
        ["Converter_UnableToConvert"] = "No se pudo interpretar el valor.",
    };

    /// <summary>The keys this localizer answers (for the test that compares them with MudBlazor's list).</summary>
    public static IReadOnlyCollection<string> Keys => Texts.Keys;

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, text, resourceNotFound: false)
            : base[key];
}
