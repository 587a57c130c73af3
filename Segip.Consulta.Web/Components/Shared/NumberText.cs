using System.Globalization;
using MudBlazor;
using MudBlazor.Utilities.Exceptions;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// Decimal numbers as they are typed here: "0,5" and "0.5" are both one half; no thousands separators (a threshold
/// is typed as a plain number). Like <see cref="DateText"/>, an unreadable number shows the Spanish error on its field
/// and the form is not saved until it is corrected.
/// </summary>
public static class NumberText
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-BO");

    /// <summary>A converter whose error names the field (<paramref name="label"/>).</summary>
    public static IReversibleConverter<double?, string> Converter(string label) =>
        new DecimalConverter($"Escriba «{label}» como un número, por ejemplo 5 o 0,5.");

    public static string Format(double n) => n.ToString("0.##", Spanish);

    private static double? Parse(string text) =>
        double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private sealed class DecimalConverter(string error) : IReversibleConverter<double?, string>
    {
        public string Convert(double? input) => input is { } n ? Format(n) : "";

        public double? ConvertBack(string input) =>
            string.IsNullOrWhiteSpace(input) ? null : Parse(input) ?? throw new ConversionException(error);
    }
}
