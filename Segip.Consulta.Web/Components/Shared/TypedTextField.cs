using MudBlazor;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// The text field for typed values (dates with <see cref="DateText.Converter"/>, numbers with <see cref="NumberText"/>):
/// a <see cref="MudTextField{T}"/> that keeps what the person typed when it cannot be read. MudBlazor turns unreadable
/// text into the empty value and, when the form echoes that value back, rewrites the text from it, which erased
/// "31/02/2026" under its own error message. Here the text stays, with the error, until the person corrects it.
/// </summary>
public class TypedTextField<T> : MudTextField<T>
{
    protected override Task UpdateTextPropertyAsync(bool updateValue) =>
        ConversionError && EqualityComparer<T>.Default.Equals(ReadValue, default) ? Task.CompletedTask : base.UpdateTextPropertyAsync(updateValue);
}
