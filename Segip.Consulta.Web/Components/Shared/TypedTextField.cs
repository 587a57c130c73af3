using MudBlazor;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// The text field for typed values (dates through <see cref="DateText.Converter"/>, numbers through
/// <see cref="NumberText.Converter"/>). MudBlazor turns text its converter cannot read into no value, and when the
/// field held a value the page's re-render then rewrites the field from that empty value: what the user typed was lost
/// and only the error stayed. Here an unreadable text leaves the value as it was, so the typed text stays in the
/// field with the converter's Spanish error until the user corrects it.
/// </summary>
public class TypedTextField<T> : MudTextField<T>
{
    protected override T? ConvertGet(string? input)
    {
        var value = base.ConvertGet(input);
        return ConversionError ? ReadValue : value;
    }
}
